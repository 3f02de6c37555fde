"""The sandbox robot: demo and development only; keeps what WeCom or DingTalk would receive, shows it."""

import json
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from gaoyou_portal.errors import DomainError
from notify import services
from notify.models import Delivery, SandboxMessage
from org.services import notify_unit

pytestmark = pytest.mark.django_db
DAY = datetime(2026, 11, 4, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai"))


@pytest.fixture(autouse=True)
def _daytime(settings, monkeypatch):
    settings.PORTAL_BASE_URL = "https://portal.gaoyou.example"
    settings.NOTIFY_SANDBOX = True
    monkeypatch.setattr(services, "_now", lambda: DAY)


def make_channel(user, address, **data):
    return services.channel_save(user=user, data={"name": "沙盒群", "address": address, **data})


def test_a_sandbox_channel_delivers_into_the_portal_as_the_robot_would_receive_it(users, units,
                                                                                  django_capture_on_commit_callbacks):
    channel = make_channel(users.office, "sandbox://dingtalk/town-group", unit=units.town)
    assert (channel.scheme, channel.url_hint) == ("dingtalk", "sandbox://dingtalk/town-group/")
    with django_capture_on_commit_callbacks(execute=True):
        notify_unit(unit=units.town, kind="task_overdue", title="民生实事 M001 已逾期", body="截止日期已过。",
                    link="/livelihood/staff/M001/")
    delivery = Delivery.objects.get()
    assert (delivery.state, delivery.attempts) == ("sent", 1)
    message = SandboxMessage.objects.get()
    assert message.channel == "town-group" and message.robot == "dingtalk"
    assert message.payload["msgtype"] == "markdown"
    assert message.payload["markdown"]["title"] == "民生实事 M001 已逾期"
    assert "https://portal.gaoyou.example/livelihood/staff/M001/" in message.payload["markdown"]["text"]


def test_the_page_shows_the_group_and_takes_a_robots_post(client, users):
    client.force_login(users.office)
    answer = client.post("/notify/sandbox/office-group/", data=json.dumps(
        {"msgtype": "markdown", "markdown": {"content": "**考核办通知**\n\n请按时报送。"}}),
        content_type="application/json")
    assert answer.json() == {"errcode": 0, "errmsg": "ok"}
    bad = client.post("/notify/sandbox/office-group/", data="{}", content_type="application/json")
    assert bad.json()["errcode"] != 0
    page = client.get("/notify/sandbox/office-group/").content.decode()
    assert "请按时报送。" in page and "企业微信" in page
    assert SandboxMessage.objects.count() == 1


def test_with_the_sandbox_off_the_address_is_refused_and_the_page_is_gone(client, users, settings):
    settings.NOTIFY_SANDBOX = False
    with pytest.raises(DomainError) as error:
        make_channel(users.office, "sandbox://wecom/office-group")
    assert "沙盒机器人只在演示和开发环境中提供" in str(error.value)
    client.force_login(users.office)
    assert client.get("/notify/sandbox/office-group/").status_code == 404
    assert client.post("/notify/sandbox/office-group/", data="{}", content_type="application/json").status_code == 404


def test_a_malformed_sandbox_address_is_refused_in_chinese(users):
    with pytest.raises(DomainError) as error:
        make_channel(users.office, "sandbox://slack/Office Group")
    assert "沙盒地址的写法是" in str(error.value)
