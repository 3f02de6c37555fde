"""The account of every cadre reader (a 组织部 member or a grantee) is the department's (issue 23, hole 2):
nobody else changes its password, e-mail, active state, groups, permissions or tokens, on any path; each
attempt is refused, written to the access log and notified to the department."""

import datetime

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.test import Client
from rest_framework.authtoken.models import Token

from cadres import services
from cadres.models import AccessLog
from gaoyou_portal.roles import Role
from org.models import Notice
from tests.factories import UserFactory

from .test_department_guard import _request_as


@pytest.fixture
def grantee(users):
    services.grant_create(grantee=users.reporter, reason="专项审计", starts_on=datetime.date.today(),
                          user=users.orgdept)
    users.reporter.refresh_from_db()
    return users.reporter


@pytest.fixture
def admin_client(users):
    client = Client(raise_request_exception=False)
    client.force_login(users.admin)
    return client


def refusals(subject):
    return AccessLog.objects.filter(action="refused", object_id=subject.pk)


def test_the_admin_cannot_change_a_grantees_password_and_the_department_is_told(admin_client, users, grantee):
    before = grantee.password
    response = admin_client.post(f"/admin/auth/user/{grantee.pk}/password/",
                                 {"password1": "Admin-Chosen-2026!", "password2": "Admin-Chosen-2026!",
                                  "usable_password": "true"})
    assert response.status_code == 403
    grantee.refresh_from_db()
    assert grantee.password == before
    entry = refusals(grantee).get()
    assert entry.user == users.admin and entry.path.startswith(f"/admin/auth/user/{grantee.pk}/password/")
    assert "密码" in entry.path
    notice = Notice.objects.get(recipient=users.orgdept, title__startswith="已拒绝")
    assert users.admin.username in notice.body and grantee.username in notice.body
    # the reporter signs in with the old password only: no takeover
    assert not grantee.check_password("Admin-Chosen-2026!")


def test_the_admin_cannot_change_a_grantees_email_active_state_or_groups(admin_client, users, grantee):
    response = admin_client.post(f"/admin/auth/user/{grantee.pk}/change/",
                                 {"username": grantee.username, "email": "admin@evil.invalid", "groups": [],
                                  "date_joined_0": "2026-01-01", "date_joined_1": "00:00:00"})
    assert response.status_code == 403, response.status_code
    response = admin_client.post("/admin/auth/user/", {"action": "delete_selected", "post": "yes",
                                                       "_selected_action": [grantee.pk]})
    assert response.status_code in (200, 403), response.status_code  # refused, or protected by the grant
    grantee.refresh_from_db()
    assert grantee.email == "t-reporter@test.invalid" and grantee.is_active
    assert grantee.groups.filter(name=Role.REPORTER.value).exists()
    assert refusals(grantee).count() >= 1
    assert Notice.objects.filter(recipient=users.orgdept, title__startswith="已拒绝").exists()


@pytest.mark.parametrize("change", ["email", "deactivate", "superuser", "group", "permission", "token", "password"])
def test_no_path_outside_the_department_changes_a_grantees_account(users, grantee, change):
    Token.objects.create(user=grantee) if change == "token" else None
    with _request_as(users.admin), pytest.raises(PermissionDenied), transaction.atomic():
        if change == "email":
            grantee.email = "admin@evil.invalid"
            grantee.save()
        elif change == "deactivate":
            grantee.is_active = False
            grantee.save(update_fields=["is_active"])
        elif change == "superuser":
            grantee.is_superuser = True
            grantee.save()
        elif change == "group":
            grantee.groups.add(Group.objects.get(name=Role.ADMIN.value))
        elif change == "permission":
            grantee.user_permissions.add(Permission.objects.first())
        elif change == "token":
            Token.objects.filter(user=grantee).get().delete()
        else:
            grantee.set_password("Admin-Chosen-2026!")
            grantee.save()
    grantee.refresh_from_db()
    assert grantee.email == "t-reporter@test.invalid" and grantee.is_active and not grantee.is_superuser
    assert not grantee.user_permissions.exists() and not grantee.check_password("Admin-Chosen-2026!")
    assert not grantee.groups.filter(name=Role.ADMIN.value).exists()
    assert Token.objects.filter(user=grantee).exists() == (change == "token")


def test_the_department_changes_a_grantees_account_logged_and_the_grantee_their_own_password(users, grantee):
    with _request_as(users.orgdept):
        grantee.email = "new@test.invalid"
        grantee.save()
    entry = AccessLog.objects.get(action="account", object_id=grantee.pk)
    assert entry.user == users.orgdept and "email" in entry.path
    with _request_as(grantee):
        grantee.set_password("Own-Choice-2026!")
        grantee.save()
    assert AccessLog.objects.filter(action="password", object_id=grantee.pk, user=grantee).exists()


def test_once_the_grant_is_revoked_the_admin_manages_the_user_again(admin_client, users, grantee):
    grant = grantee.cadre_grants.get()
    services.grant_revoke(grant=grant, user=users.orgdept)
    response = admin_client.post(f"/admin/auth/user/{grantee.pk}/password/",
                                 {"password1": "Reset-By-Admin-2026!", "password2": "Reset-By-Admin-2026!",
                                  "usable_password": "true"})
    assert response.status_code == 302
    grantee.refresh_from_db()
    assert grantee.check_password("Reset-By-Admin-2026!") and not refusals(grantee).exists()


def test_a_department_member_is_guarded_the_same_way_with_the_refusal_logged(admin_client, users):
    other = UserFactory(username="t-orgdept-2", roles=[Role.ORGDEPT])
    response = admin_client.post(f"/admin/auth/user/{users.orgdept.pk}/password/",
                                 {"password1": "Admin-Chosen-2026!", "password2": "Admin-Chosen-2026!",
                                  "usable_password": "true"})
    assert response.status_code == 403
    assert refusals(users.orgdept).get().user == users.admin
    assert Notice.objects.filter(recipient=other, title__startswith="已拒绝").exists()
