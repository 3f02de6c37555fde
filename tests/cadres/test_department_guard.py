"""No administrator path into cadre records: tokens, group membership, passwords, active state, grants.

Each path an administrator had on main (issue 14 §2) is tried here and must fail, leave nothing changed,
and every change that does go through (by the department, or on the console) lands in the access log.
"""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.db import transaction
from django.test import Client, RequestFactory
from rest_framework.authtoken.models import Token
from simple_history.models import HistoricalRecords

from cadres import services
from cadres.models import AccessLog
from gaoyou_portal.roles import Role
from org.models import Notice
from tests.factories import UserFactory

from .factories import CadreFactory

pytestmark = pytest.mark.date_dependent  # reads today's date; CI reruns it with the clock moved

DEPT = Role.ORGDEPT.value


@pytest.fixture
def admin_client(users):
    client = Client(raise_request_exception=False)
    client.force_login(users.admin)
    return client


def changes(**filters):
    return AccessLog.objects.changes().filter(**filters)


def test_the_admin_cannot_issue_a_token_for_a_department_member(admin_client, users, units):
    CadreFactory(unit=units.town)
    assert admin_client.get("/admin/authtoken/tokenproxy/").status_code == 404
    response = admin_client.post("/admin/authtoken/tokenproxy/add/", {"user": users.orgdept.pk})
    assert response.status_code == 404
    assert not Token.objects.filter(user=users.orgdept).exists()
    # The administrator's own token reads no cadre either.
    token = Token.objects.create(user=users.admin)
    api = Client(raise_request_exception=False, HTTP_AUTHORIZATION=f"Token {token.key}")
    assert api.get("/api/v1/cadres/").status_code == 404


def test_a_token_is_issued_only_by_its_own_user_whatever_the_path(users):
    with _request_as(users.admin), pytest.raises(PermissionDenied):
        Token.objects.create(user=users.orgdept)
    with _request_as(users.office), pytest.raises(PermissionDenied):
        Token.objects.create(user=users.reporter)
    assert not Token.objects.exists()


def test_a_members_own_token_is_logged_and_notified(client, users):
    other = UserFactory(username="t-orgdept-2", roles=[Role.ORGDEPT])
    client.force_login(users.orgdept)
    assert client.post("/accounts/token/").status_code == 302
    assert Token.objects.filter(user=users.orgdept).exists()
    entry = changes(action="token").get()
    assert (entry.user, entry.object_id) == (users.orgdept, users.orgdept.pk)
    assert Notice.objects.filter(recipient=other, title__contains="API").exists()


def test_the_admin_cannot_add_anyone_to_the_department(admin_client, users):
    dept = Group.objects.get(name=DEPT)
    page = admin_client.get(f"/admin/auth/user/{users.admin.pk}/change/").content.decode()
    assert f">{DEPT}</option>" not in page and ">unit_reporter</option>" in page
    data = {"username": users.admin.username, "groups": [dept.pk], "is_active": "on", "is_staff": "on",
            "is_superuser": "on", "date_joined_0": "2026-01-01", "date_joined_1": "00:00:00"}
    response = admin_client.post(f"/admin/auth/user/{users.admin.pk}/change/", data)
    assert response.status_code == 200  # the form refuses the choice
    assert not users.admin.groups.filter(name=DEPT).exists()
    assert not changes(action="member_add", object_id=users.admin.pk).exists()


def test_the_admin_cannot_change_a_members_password_active_state_or_account(admin_client, users):
    users.orgdept.refresh_from_db()
    before = users.orgdept.password
    response = admin_client.post(f"/admin/auth/user/{users.orgdept.pk}/password/",
                                 {"password1": "Admin-Chosen-2026!", "password2": "Admin-Chosen-2026!",
                                  "usable_password": "true"})
    assert response.status_code == 403
    response = admin_client.post(f"/admin/auth/user/{users.orgdept.pk}/change/",
                                 {"username": "orgdept", "email": "admin@evil.invalid", "groups": []})
    assert response.status_code == 403
    assert admin_client.post(f"/admin/auth/user/{users.orgdept.pk}/delete/", {"post": "yes"}).status_code == 403
    response = admin_client.post("/admin/auth/user/", {"action": "delete_selected", "post": "yes",
                                                       "_selected_action": [users.orgdept.pk]})
    assert response.status_code == 403
    users.orgdept.refresh_from_db()
    assert users.orgdept.password == before and users.orgdept.is_active
    assert users.orgdept.email == "t-orgdept@test.invalid"
    assert users.orgdept.groups.filter(name=DEPT).exists()


def test_the_admin_still_manages_everyone_else(admin_client, users):
    response = admin_client.post(f"/admin/auth/user/{users.reporter.pk}/password/",
                                 {"password1": "Reset-By-Admin-2026!", "password2": "Reset-By-Admin-2026!",
                                  "usable_password": "true"})
    assert response.status_code == 302
    users.reporter.refresh_from_db()
    assert users.reporter.check_password("Reset-By-Admin-2026!")


def test_the_admin_cannot_change_rename_or_delete_the_department_group(admin_client, users):
    dept = Group.objects.get(name=DEPT)
    assert admin_client.post(f"/admin/auth/group/{dept.pk}/change/", {"name": "x"}).status_code == 403
    assert admin_client.post(f"/admin/auth/group/{dept.pk}/delete/", {"post": "yes"}).status_code == 403
    admins = Group.objects.get(name=Role.ADMIN.value)
    response = admin_client.post(f"/admin/auth/group/{admins.pk}/change/", {"name": DEPT})
    assert response.status_code == 200
    assert Group.objects.filter(name=DEPT).count() == 1 and Group.objects.filter(name=Role.ADMIN.value).exists()


@pytest.mark.parametrize("change", ["add", "remove", "password", "deactivate", "rename", "reverse_add"])
def test_the_model_guard_refuses_any_other_path_during_a_request(users, change):
    dept = Group.objects.get(name=DEPT)
    with _request_as(users.admin), pytest.raises(PermissionDenied), transaction.atomic():
        if change == "add":
            users.admin.groups.add(dept)
        elif change == "reverse_add":
            dept.user_set.add(users.leader)
        elif change == "remove":
            users.orgdept.groups.remove(dept)
        elif change == "password":
            users.orgdept.set_password("x-2026-Y!")
            users.orgdept.save()
        elif change == "deactivate":
            users.orgdept.is_active = False
            users.orgdept.save()
        else:
            dept.name = "renamed"
            dept.save()
    assert list(dept.user_set.all()) == [users.orgdept]
    assert not changes().exclude(action="member_add").exists()


def test_a_member_changes_their_own_password_logged_and_notified(client, users):
    client.force_login(users.orgdept)
    response = client.post("/accounts/password/", {"old_password": "test-pass-2026",
                                                   "new_password1": "Dept-New-Pass-2026!",
                                                   "new_password2": "Dept-New-Pass-2026!"})
    assert response.status_code == 302
    entry = changes(action="password").get()
    assert (entry.user, entry.object_id, entry.path) == (users.orgdept, users.orgdept.pk, "/accounts/password/")
    assert Notice.objects.filter(recipient=users.orgdept, link="/cadres/access-log/").exists()


def test_the_first_member_is_made_on_the_console_logged_and_notified(users):
    call_command("department_member", "add", "t-new-head", "--create", "--email", "head@test.invalid")
    entry = changes(action="member_add").latest("id")
    assert entry.user is None and entry.path == "console"
    new = Group.objects.get(name=DEPT).user_set.get(username="t-new-head")
    assert entry.object_id == new.pk and not new.has_usable_password()
    assert Notice.objects.filter(recipient=users.orgdept, title__contains="组织部").exists()
    call_command("department_member", "remove", "t-new-head")
    assert changes(action="member_del", object_id=new.pk).exists()
    assert not new.groups.exists()


def test_grants_are_logged_and_notified(users):
    grant = services.grant_create(grantee=users.leader, reason="专项审计", starts_on=datetime.date.today(),
                                  user=users.orgdept)
    services.grant_revoke(grant=grant, user=users.orgdept)
    assert list(changes(object_id=users.leader.pk).values_list("action", "user")) == [
        ("revoke", users.orgdept.pk), ("grant", users.orgdept.pk)]
    assert Notice.objects.filter(recipient=users.orgdept, link="/cadres/access-log/").count() >= 2


def test_the_admin_has_no_grant_page_and_no_password_reset(admin_client):
    for url in ("/cadres/grants/", "/cadres/grants/new/", "/admin/cadres/", "/accounts/password/reset/",
                "/admin/password_reset/", "/api/v1/cadres/grants/"):
        assert admin_client.get(url).status_code == 404, url


class _request_as:
    """Run the block as if serving a request by ``user`` (how the guard learns who acts)."""

    def __init__(self, user):
        self.request = RequestFactory().post("/somewhere/")
        self.request.user = user

    def __enter__(self):
        HistoricalRecords.context.request = self.request

    def __exit__(self, *exc):
        del HistoricalRecords.context.request
