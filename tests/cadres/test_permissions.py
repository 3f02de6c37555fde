"""The permission matrix: only the organisation department (and users it grants, read-only) gets
anything but 404 on every cadre page and endpoint; anonymous gets the login page or 401."""

import pytest
from django.urls import reverse

from cadres.models import AccessLog
from cadres.records import RECORD_TYPES
from tests.helpers.permissions import assert_access

from .factories import GrantFactory

pytestmark = [pytest.mark.django_db, pytest.mark.date_dependent]

API_PREFIX = {
    "assessment": "assessments", "incentive": "incentives", "fault-tolerance": "fault-tolerance-cases",
    "post-change": "post-changes", "clearance": "clearances", "work-style": "work-style-cases",
    "interview": "interviews",
}


def _record_pk(records, key):
    return getattr(records, key.replace("-", "_")).pk


def read_pages(cadre, records, proposal_id=None):
    pages = [
        reverse("cadres:cadre_list"), reverse("cadres:cadre_detail", args=[cadre.pk]),
        reverse("cadres:interview_list"), reverse("cadres:proposal_list"), reverse("cadres:reports"),
    ]
    pages += [reverse("cadres:record_detail", args=[key, _record_pk(records, key)]) for key in RECORD_TYPES]
    return pages


def write_pages(cadre, records):
    pages = [reverse("cadres:cadre_create"), reverse("cadres:cadre_correct", args=[cadre.pk])]
    pages += [reverse("cadres:record_create", args=[cadre.pk, key]) for key in RECORD_TYPES]
    pages += [reverse("cadres:record_correct", args=[key, _record_pk(records, key)]) for key in RECORD_TYPES]
    pages.append(reverse("cadres:interview_hold", args=[records.interview.pk]))
    return pages


def department_pages(grant):
    return [
        reverse("cadres:export"), reverse("cadres:export_records"), reverse("cadres:access_log"),
        reverse("cadres:grant_list"), reverse("cadres:grant_create"), reverse("cadres:grant_detail", args=[grant.pk]),
    ]


def test_read_pages_answer_only_the_department_and_granted_users(client, users, outsiders, grantee, cadre, records):
    for url in read_pages(cadre, records):
        assert_access(client, url, inside=[users.orgdept, grantee], outside=outsiders)


def test_write_pages_answer_only_the_department(client, users, outsiders, grantee, cadre, records):
    for url in write_pages(cadre, records):
        assert_access(client, url, inside=[users.orgdept], outside=[*outsiders, grantee])


def test_department_pages_answer_only_the_department(client, users, outsiders, grantee, cadre):
    grant = grantee.cadre_grants.get()
    for url in department_pages(grant):
        assert_access(client, url, inside=[users.orgdept], outside=[*outsiders, grantee])


def test_posts_answer_404_outside_the_department(client, users, outsiders, grantee, cadre, units):
    from cadres.models import ReassignmentProposal

    grant = GrantFactory(user=users.safety, granted_by=users.orgdept)
    proposal = ReassignmentProposal.objects.create(unit=units.town, sprint_case_id=1, year=2026)
    for url in [
        reverse("cadres:proposal_decide", args=[proposal.pk]),
        reverse("cadres:grant_revoke", args=[grant.pk]),
        reverse("cadres:cadre_create"),
        reverse("cadres:record_create", args=[cadre.pk, "incentive"]),
    ]:
        assert_access(client, url, method="post", data={}, outside=[*outsiders, grantee])
    grant.refresh_from_db()
    proposal.refresh_from_db()
    assert grant.revoked_at is None and proposal.status == "pending"


def test_a_cadre_that_does_not_exist_is_404_for_the_department(client, users):
    client.force_login(users.orgdept)
    assert client.get(reverse("cadres:cadre_detail", args=[999999])).status_code == 404
    assert client.get(reverse("cadres:record_detail", args=["no-such-kind", 1])).status_code == 404


def test_a_revoked_or_expired_grant_gives_nothing(client, users, cadre):
    import datetime

    from django.utils import timezone

    GrantFactory(user=users.leader, granted_by=users.orgdept, revoked_at=timezone.now())
    GrantFactory(user=users.safety, granted_by=users.orgdept,
                 starts_on=timezone.localdate() - datetime.timedelta(days=9),
                 ends_on=timezone.localdate() - datetime.timedelta(days=1))
    assert_access(client, reverse("cadres:cadre_detail", args=[cadre.pk]), inside=[users.orgdept],
                  outside=[users.leader, users.safety])


def test_api_answers_only_the_department_and_granted_users(client, users, outsiders, grantee, cadre, records):
    urls = ["/api/v1/cadres/", f"/api/v1/cadres/{cadre.pk}/", f"/api/v1/cadres/{cadre.pk}/timeline/",
            "/api/v1/cadres/proposals/"]
    for key, prefix in API_PREFIX.items():
        urls += [f"/api/v1/cadres/{prefix}/", f"/api/v1/cadres/{prefix}/{_record_pk(records, key)}/"]
    for url in urls:
        assert_access(client, url, inside=[users.orgdept, grantee], outside=outsiders, anonymous=401)
    assert_access(client, "/api/v1/cadres/access-log/", inside=[users.orgdept], outside=[*outsiders, grantee],
                  anonymous=401)


def test_api_writes_answer_404_outside_the_department(client, users, outsiders, grantee, cadre, units):
    payload = {"name": "李新", "sex": "male", "year_of_birth": 1980, "unit": units.town.pk, "post": "科员",
               "rank": "staff"}
    assert_access(client, "/api/v1/cadres/", method="post", data=payload, content_type="application/json",
                  outside=[*outsiders, grantee], anonymous=401)
    assert_access(client, f"/api/v1/cadres/{cadre.pk}/", method="patch", data={"post": "x", "change_reason": "x"},
                  content_type="application/json", outside=[*outsiders, grantee], anonymous=401)
    cadre.refresh_from_db()
    assert cadre.post == "党委书记"


def test_outsiders_leave_no_trace_in_the_access_log(client, outsiders, cadre):
    for user in outsiders:
        client.force_login(user)
        client.get(reverse("cadres:cadre_detail", args=[cadre.pk]))
        client.get("/api/v1/cadres/")
    assert not AccessLog.objects.reads().exists()


def test_cadres_are_not_in_the_admin_nor_the_navigation_of_other_roles(client, users):
    from django.contrib import admin

    from cadres import models

    registered = {m._meta.app_label for m in admin.site._registry}
    assert "cadres" not in registered
    assert not any(issubclass(m, (models.Cadre, models.AccessLog)) for m in admin.site._registry)
    client.force_login(users.admin)
    assert client.get("/admin/cadres/cadre/").status_code == 404
    assert "/cadres/" not in client.get(reverse("dashboard")).content.decode()
    client.force_login(users.orgdept)
    dashboard = client.get(reverse("dashboard")).content.decode()
    assert "/cadres/" in dashboard and 'data-testid="cadre-panel"' in dashboard


def test_a_granted_user_reads_but_gets_no_dashboard_panel(client, grantee):
    client.force_login(grantee)
    assert 'data-testid="cadre-panel"' not in client.get(reverse("dashboard")).content.decode()
