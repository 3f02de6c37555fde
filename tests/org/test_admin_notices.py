"""Notices written in the admin are plain text and never reach 组织部 from outside it (issue 23, hole 7)."""

import pytest
from django.test import Client

from org.models import Notice


@pytest.fixture
def admin_client(users):
    client = Client(raise_request_exception=False)
    client.force_login(users.admin)
    return client


def test_an_admin_notice_shows_no_link(admin_client, client, users):
    page = admin_client.get("/admin/org/notice/add/").content.decode()
    assert 'name="link"' not in page
    response = admin_client.post("/admin/org/notice/add/", {
        "recipient": users.reporter.pk, "title": "请立即核对账号", "body": "登录 https://evil.example/login 核对",
        "link": "https://evil.example/login"})
    assert response.status_code == 302
    notice = Notice.objects.get(title="请立即核对账号")
    assert notice.link == "" and notice.recipient == users.reporter
    client.force_login(users.reporter)
    page = client.get("/notices/").content.decode()
    assert "请立即核对账号" in page and 'href="https://evil.example' not in page


def test_a_notice_with_a_link_elsewhere_is_shown_without_it(client, users):
    Notice.objects.create(recipient=users.reporter, title="旧通知", link="https://evil.example/x")
    Notice.objects.create(recipient=users.reporter, title="平台通知", link="/targets/")
    client.force_login(users.reporter)
    page = client.get("/notices/").content.decode()
    assert "evil.example" not in page and 'href="/targets/"' in page


def test_the_admin_cannot_address_a_notice_to_the_department(admin_client, users):
    page = admin_client.get("/admin/org/notice/add/").content.decode()
    assert f'value="{users.orgdept.pk}"' not in page and f'value="{users.reporter.pk}"' in page
    response = admin_client.post("/admin/org/notice/add/", {
        "recipient": users.orgdept.pk, "title": "组织部请注意", "body": "请查看附件"})
    assert response.status_code == 200  # the form refuses the choice
    assert not Notice.objects.filter(recipient=users.orgdept, title="组织部请注意").exists()
    other = Notice.objects.create(recipient=users.orgdept, title="系统通知")
    response = admin_client.post(f"/admin/org/notice/{other.pk}/change/", {
        "recipient": users.orgdept.pk, "title": "改写的通知", "body": "点此"})
    other.refresh_from_db()
    assert response.status_code in (200, 403) and other.title == "系统通知"
