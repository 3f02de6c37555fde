"""The office adds its WeCom group robot in the browser: the test message reaches the (local) robot
before the channel is saved, and the secret address is never shown again."""

import pytest
from playwright.sync_api import expect

from notify.models import Channel
from tests.helpers.fake_robots import FakeRobots

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_office_adds_a_wecom_robot_and_sends_a_test_message(login_page, live_server, users, units, monkeypatch,
                                                                settings):
    settings.NOTIFY_QUIET_HOURS = ""
    with FakeRobots(monkeypatch) as robots:
        page = login_page(users.office.username)
        page.goto(f"{live_server.url}/notify/")
        page.get_by_role("link", name="新建通道").click()
        page.get_by_label("名称").fill("甲镇工作群")
        page.get_by_label("单位", exact=True).select_option(label=units.town.name)
        page.get_by_label("民生实事逾期").check()
        page.get_by_label("机器人地址").fill("https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=browser-key-77")
        page.get_by_role("button", name="保存").click()
        expect(page.locator(".alert-success").filter(has_text="通道已保存")).to_have_count(1)
        # the test message went through the outbox (in-process here) and its result is told
        expect(page.locator(".alert-success").filter(has_text="测试消息已发送到“甲镇工作群”")).to_have_count(1)
        row = page.get_by_test_id("channel-table").locator("tbody tr")
        expect(row).to_have_count(1)
        expect(row).to_contain_text("甲镇工作群")
        assert "browser-key-77" not in page.content()
        assert robots.requests[0].query == {"key": "browser-key-77"}
        robots.answers = [500]
        page.get_by_role("button", name="发送测试消息").click()
        expect(page.locator(".alert-danger")).to_contain_text("测试消息未送达")
        assert "browser-key-77" not in page.content()
    channel = Channel.objects.get()
    assert (channel.unit, channel.kinds) == (units.town, ["task_overdue"])
