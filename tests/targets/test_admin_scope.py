"""One scope for confidential rows in the admin (issue 23, hole 3): a confidential target and every row under
it answer 404 on every admin page to all but 组织部, and every admin of such a model is a ScopedAdmin."""

from datetime import date
from decimal import Decimal

import pytest
from django.contrib import admin
from django.contrib.admin import AdminSite
from django.test import Client, RequestFactory

from gaoyou_portal.admin import HistoryAdmin, ScopedAdmin
from targets.models import Explanation, Incident, MonthlyValue, Target


def _has_confidential_parent(model):
    """The model is a target, or holds a row that is (or belongs to) a target."""
    if any(f.name == "is_confidential" for f in model._meta.get_fields()):
        return True
    for field in model._meta.get_fields():
        related = field.related_model
        if (field.many_to_one or field.one_to_one) and field.concrete and related not in (None, model):
            if any(f.name == "is_confidential" for f in related._meta.get_fields()):
                return True
    return False


def unscoped_confidential_admins(site):
    return sorted(model._meta.label for model, model_admin in site._registry.items()
                  if _has_confidential_parent(model) and not isinstance(model_admin, ScopedAdmin))


def test_every_admin_of_a_model_with_a_confidential_parent_is_scoped():
    assert unscoped_confidential_admins(admin.site) == []
    covered = {m for m in admin.site._registry if _has_confidential_parent(m)}
    assert {Target, MonthlyValue, Incident, Explanation} <= covered
    # the check itself bites: an admin registered the plain way is named
    site = AdminSite(name="probe")
    site.register(MonthlyValue, HistoryAdmin)
    assert unscoped_confidential_admins(site) == ["targets.MonthlyValue"]


@pytest.fixture
def secret(make_target, units, users):
    target = make_target(code="C02", title="选树三型干部", is_confidential=True, is_public=False)
    target.title = "选树三型干部（修订）"
    target.save()
    value = MonthlyValue.objects.create(target=target, unit=units.dept, month=date(2026, 10, 1), value=Decimal(7),
                                        entered_by=users.orgdept)
    value.value = Decimal(8)
    value.save()
    incident = Incident.objects.create(target=target, occurred_on=date(2026, 10, 3), unit=units.dept)
    return target, value, incident


def test_the_admin_answers_404_for_a_confidential_target_its_values_and_their_history(users, secret, households):
    target, value, incident = secret
    client = Client(raise_request_exception=False)
    client.force_login(users.admin)
    for obj, slug in ((target, "target"), (value, "monthlyvalue"), (incident, "incident")):
        version = obj.history.earliest("history_date").history_id
        for page in ("change/", "history/", f"history/{version}/", "delete/"):
            url = f"/admin/targets/{slug}/{obj.pk}/{page}"
            assert client.get(url).status_code == 404, url
        listing = client.get(f"/admin/targets/{slug}/").content.decode()
        assert "选树三型干部" not in listing and "C02" not in listing
    # the ordinary target is still there for the administrator, history included
    assert client.get(f"/admin/targets/target/{households.pk}/history/").status_code == 200
    assert "B12" in client.get("/admin/targets/target/").content.decode()


def test_the_organisation_department_keeps_its_rows_in_the_admin_scope(users, secret):
    target, value, _incident = secret
    request = RequestFactory().get("/admin/")
    for user, seen in ((users.orgdept, True), (users.admin, False), (users.office, False)):
        request.user = user
        for model, obj in ((Target, target), (MonthlyValue, value)):
            queryset = admin.site._registry[model].get_queryset(request)
            assert queryset.filter(pk=obj.pk).exists() is seen, (user.username, model)
