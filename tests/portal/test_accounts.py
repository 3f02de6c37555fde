"""Sign-in, lockout, session expiry and the language switch."""

from datetime import timedelta

import pytest
from django.contrib.sessions.models import Session
from django.utils import timezone

pytestmark = [pytest.mark.django_db, pytest.mark.date_dependent]


def test_login_page_is_chinese_by_default(client):
    response = client.get("/accounts/login/")
    assert response.status_code == 200
    assert "工作人员登录" in response.content.decode()


def test_a_reporter_signs_in_and_lands_on_the_dashboard(client, users):
    response = client.post("/accounts/login/", {"username": "t-reporter", "password": "test-pass-2026"})
    assert response.status_code == 302
    assert response["Location"] == "/dashboard/"
    response = client.get("/dashboard/")
    assert response.status_code == 200
    assert "工作台" in response.content.decode()


def test_it_locks_an_account_after_five_failed_logins(client, users):
    for _ in range(5):
        response = client.post("/accounts/login/", {"username": "t-reporter", "password": "wrong"})
    # Even the right password is refused while the lock lasts.
    response = client.post("/accounts/login/", {"username": "t-reporter", "password": "test-pass-2026"})
    assert response.status_code == 429
    assert "登录失败次数过多" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_four_failures_do_not_lock(client, users):
    for _ in range(4):
        client.post("/accounts/login/", {"username": "t-reporter", "password": "wrong"})
    response = client.post("/accounts/login/", {"username": "t-reporter", "password": "test-pass-2026"})
    assert response.status_code == 302


def test_the_lock_lifts_after_fifteen_minutes(client, users):
    from axes.models import AccessAttempt

    for _ in range(5):
        client.post("/accounts/login/", {"username": "t-reporter", "password": "wrong"})
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=16))
    response = client.post("/accounts/login/", {"username": "t-reporter", "password": "test-pass-2026"})
    assert response.status_code == 302


def test_a_session_idle_for_two_hours_expires(client, users):
    client.post("/accounts/login/", {"username": "t-reporter", "password": "test-pass-2026"})
    assert client.get("/dashboard/").status_code == 200
    Session.objects.update(expire_date=timezone.now() - timedelta(seconds=1))
    response = client.get("/dashboard/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_each_request_extends_the_session(client, users):
    client.post("/accounts/login/", {"username": "t-reporter", "password": "test-pass-2026"})
    Session.objects.update(expire_date=timezone.now() + timedelta(minutes=5))
    client.get("/dashboard/")
    remaining = Session.objects.get().expire_date - timezone.now()
    assert remaining > timedelta(minutes=110)


def test_logout_needs_a_post_and_ends_the_session(client, users):
    client.force_login(users.reporter)
    response = client.post("/accounts/logout/")
    assert response.status_code == 302
    assert client.get("/dashboard/").status_code == 302


def test_english_is_selectable_from_every_page(client, users):
    response = client.get("/")
    assert 'href="/en/"' in response.content.decode()
    client.force_login(users.office)
    response = client.get("/dashboard/")
    assert 'href="/en/dashboard/"' in response.content.decode()
    response = client.get("/en/dashboard/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "Dashboard" in body
    assert 'href="/dashboard/"' in body  # and back to Chinese


def test_password_change(client, users):
    client.force_login(users.reporter)
    response = client.post(
        "/accounts/password/",
        {"old_password": "test-pass-2026", "new_password1": "A-new-pass-2026!", "new_password2": "A-new-pass-2026!"},
    )
    assert response.status_code == 302
    users.reporter.refresh_from_db()
    assert users.reporter.check_password("A-new-pass-2026!")


def test_a_user_without_a_role_sees_no_staff_pages(client, users):
    client.force_login(users.nobody)
    assert client.get("/units/").status_code == 404
    assert client.get("/api/v1/units/").status_code == 404


def test_a_user_issues_an_api_token_and_calls_the_api_with_it(client, users):
    from rest_framework.authtoken.models import Token

    client.force_login(users.office)
    assert client.post("/accounts/token/").status_code == 302
    key = Token.objects.get(user=users.office).key
    assert key in client.get("/accounts/token/").content.decode()
    client.post("/accounts/token/")
    new_key = Token.objects.get(user=users.office).key
    assert new_key != key
    client.logout()
    assert client.get("/api/v1/units/", HTTP_AUTHORIZATION=f"Token {key}").status_code == 401
    assert client.get("/api/v1/units/", HTTP_AUTHORIZATION=f"Token {new_key}").status_code == 200


def test_navigation_follows_the_role(client, users):
    client.force_login(users.admin)
    assert "系统管理" in client.get("/dashboard/").content.decode()
    client.force_login(users.reporter)
    body = client.get("/dashboard/").content.decode()
    assert "系统管理" not in body
    assert "单位填报员" in body  # the role is named in the user menu
