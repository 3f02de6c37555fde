"""Group-robot channels: the exact JSON and signature a robot receives, retries, no duplicates,
quiet hours, digests and the bad input the office may type."""

import base64
import hashlib
import hmac
from datetime import datetime
from urllib.parse import unquote
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from gaoyou_portal.errors import DomainError
from notify import channels as robot
from notify import services
from notify.models import Channel, Delivery, DeliveryAttempt
from org.models import Membership, Notice
from org.services import notify_unit, notify_users
from tests.helpers.fake_robots import FakeRobots

SH = ZoneInfo("Asia/Shanghai")
DAY = datetime(2026, 11, 4, 10, 0, tzinfo=SH)


@pytest.fixture(autouse=True)
def _daytime(settings, monkeypatch):
    settings.PORTAL_BASE_URL = "https://portal.gaoyou.example"
    settings.NOTIFY_QUIET_HOURS = "22:00-07:30"
    monkeypatch.setattr(services, "_now", lambda: DAY)


@pytest.fixture
def robots(monkeypatch):
    with FakeRobots(monkeypatch) as fake:
        yield fake


@pytest.fixture
def run_on_commit(django_capture_on_commit_callbacks):
    return lambda: django_capture_on_commit_callbacks(execute=True)


def make_channel(user, address, secret="", **data):
    return services.channel_save(user=user, data={"name": "测试群", "address": address, "secret": secret, **data})


def overdue(unit, **kwargs):
    return notify_unit(unit=unit, kind="task_overdue", title="民生实事 M001 已逾期", body="截止日期已过，进度 60%。",
                       link="/livelihood/staff/M001/", **kwargs)


# --- what the robots receive -------------------------------------------------------------------------------
def test_wecom_robot_receives_the_exact_json(robots, users, units, run_on_commit):
    make_channel(users.office, "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=wecom-key-1", unit=units.town)
    with run_on_commit():
        overdue(units.town)
    [request] = robots.requests
    assert request.path == "/cgi-bin/webhook/send" and request.query == {"key": "wecom-key-1"}
    assert request.json == {"msgtype": "markdown", "markdown": {"content": (
        "**民生实事 M001 已逾期**\n\n截止日期已过，进度 60%。\n\n"
        "[在平台中查看](https://portal.gaoyou.example/livelihood/staff/M001/)")}}
    assert "民生实事".encode() in request.raw  # UTF-8 bytes, not JSON escapes
    delivery = Delivery.objects.get()
    assert (delivery.state, delivery.attempts, delivery.kind) == ("sent", 1, "task_overdue")


def test_dingtalk_robot_gets_a_valid_signature_and_the_mention(robots, users, units, run_on_commit):
    Membership.objects.filter(user=users.reporter, unit=units.town).update(mobile="13800000001")
    make_channel(users.office, "https://oapi.dingtalk.com/robot/send?access_token=abc123", secret="SECdeadbeef42")
    with run_on_commit():
        overdue(units.town)
    [request] = robots.requests
    assert request.path == "/robot/send" and request.query["access_token"] == "abc123"
    expected = base64.b64encode(hmac.new(b"SECdeadbeef42", f"{request.query['timestamp']}\nSECdeadbeef42".encode(),
                                         hashlib.sha256).digest()).decode()
    # apprise URL-encodes the signature itself (as DingTalk's guide asks) before requests encodes the query.
    assert unquote(request.query["sign"]) == expected
    assert request.json == {
        "msgtype": "markdown",
        "markdown": {"title": "民生实事 M001 已逾期", "text": (
            "**民生实事 M001 已逾期**\n\n截止日期已过，进度 60%。\n\n"
            "[在平台中查看](https://portal.gaoyou.example/livelihood/staff/M001/)\n\n@13800000001")},
        "at": {"atMobiles": ["13800000001"], "isAtAll": False},
    }


@pytest.mark.parametrize("address, secret, answer", [
    ("wecombot://wecom-key-1", "", {"errcode": 93000, "errmsg": "invalid webhook url, hint: [1700000000_abc]"}),
    ("dingtalk://tok42/", "SECdeadbeef42", {"errcode": 310000, "errmsg": "sign not match, more: [https://ding-doc]"}),
])
def test_a_robot_refusing_with_http_200_is_a_failure_with_its_answer(robots, users, units, settings, run_on_commit,
                                                                      address, secret, answer):
    settings.NOTIFY_MAX_ATTEMPTS = 2
    make_channel(users.office, address, secret=secret)
    robots.answers = [answer, answer]
    with run_on_commit():
        overdue(units.town)
    delivery = Delivery.objects.get()
    assert (delivery.state, delivery.attempts, len(robots.requests)) == ("failed", 2, 2)
    expected = f"对方拒绝（错误码 {answer['errcode']}）"  # the portal's words; the robot's errmsg is never shown
    assert delivery.last_answer == expected
    assert list(DeliveryAttempt.objects.values_list("ok", "answer")) == [(False, expected)] * 2


def test_a_test_message_refused_with_http_200_is_logged_in_the_portals_words(robots, users, run_on_commit):
    robots.answers = [{"errcode": 310000, "errmsg": "keywords not in content"}]
    with run_on_commit():
        channel = services.channel_save(user=users.office, test_first=True,
                                        data={"name": "测试群", "address": "dingtalk://SECdeadbeef42@tok42/"})
    delivery = channel.deliveries.get(kind="channel_test")
    assert (delivery.state, delivery.attempts, delivery.last_answer) == ("failed", 1, "对方拒绝（错误码 310000）")
    assert len(robots.requests) == 1


def test_a_channel_of_another_unit_or_kind_gets_nothing(robots, users, units, run_on_commit):
    make_channel(users.office, "wecombot://other-unit", unit=units.other_town)
    make_channel(users.office, "wecombot://other-kind", kinds=["race_published"])
    with run_on_commit():
        overdue(units.town)
    assert robots.requests == [] and not Delivery.objects.exists()


def test_a_notice_to_users_reaches_city_wide_channels_with_the_leaders_mobile(robots, users, run_on_commit):
    users.leader.leader.mobile = "13900000002"
    users.leader.leader.save()
    make_channel(users.office, "dingtalk://SECabc@tok42/", kinds=["blocker_raised"])
    with run_on_commit():
        notify_users(users=[users.leader], kind="blocker_raised", title="项目问题", link="/projects/1/")
    assert robots.requests[0].json["at"]["atMobiles"] == ["13900000002"]


# --- delivery you can trust --------------------------------------------------------------------------------
def test_a_500_is_retried_then_delivered(robots, users, units, run_on_commit):
    make_channel(users.office, "wecombot://wecom-key-1")
    robots.answers = [500]
    with run_on_commit():
        overdue(units.town)
    assert len(robots.requests) == 2
    delivery = Delivery.objects.get()
    assert (delivery.state, delivery.attempts) == ("sent", 2)
    attempts = list(DeliveryAttempt.objects.filter(delivery=delivery))
    assert [a.ok for a in attempts] == [False, True]
    assert "500" in attempts[0].answer and "wecom-key-1" not in attempts[0].answer


def test_a_channel_that_keeps_failing_is_marked_and_the_office_told(robots, users, units, settings, run_on_commit):
    settings.NOTIFY_MAX_ATTEMPTS, settings.NOTIFY_FAILING_AFTER = 2, 1
    channel = make_channel(users.office, "wecombot://wecom-key-1")
    robots.answers = [500, 500]
    with run_on_commit():
        overdue(units.town)
    delivery = Delivery.objects.get()
    channel.refresh_from_db()
    assert (delivery.state, delivery.attempts) == ("failed", 2)
    assert channel.failing_since is not None and channel.consecutive_failures == 1
    notice = Notice.objects.get(recipient=users.office)
    assert "测试群" in notice.title
    assert not Notice.objects.filter(recipient=users.reporter, title=notice.title).exists()


def test_one_event_is_one_message(robots, users, units, run_on_commit):
    make_channel(users.office, "wecombot://wecom-key-1")
    with run_on_commit():
        overdue(units.town)
        overdue(units.town)
    assert len(robots.requests) == 1 and Delivery.objects.count() == 1


def test_a_worker_restart_mid_delivery_does_not_send_twice(robots, users, units, monkeypatch, run_on_commit):
    """The worker dies after the robot got the message but before the portal recorded it; the broker
    (acks late) hands the task to another worker, which must not send it again."""
    make_channel(users.office, "wecombot://wecom-key-1")
    real_send = robot.send

    def send_then_die(**kwargs):
        real_send(**kwargs)
        raise SystemExit("worker killed")

    monkeypatch.setattr(robot, "send", send_then_die)
    with pytest.raises(SystemExit), run_on_commit():
        overdue(units.town)
    delivery = Delivery.objects.get()
    assert delivery.state == "sending" and len(robots.requests) == 1
    monkeypatch.setattr(robot, "send", real_send)
    from notify.tasks import deliver

    deliver.apply(args=[delivery.pk])  # the redelivered task
    delivery.refresh_from_db()
    assert delivery.state == "uncertain" and len(robots.requests) == 1
    deliver.apply(args=[delivery.pk])
    assert len(robots.requests) == 1


def test_quiet_hours_hold_messages_until_morning(robots, users, units, monkeypatch, run_on_commit):
    make_channel(users.office, "wecombot://wecom-key-1")
    monkeypatch.setattr(services, "_now", lambda: datetime(2026, 11, 4, 23, 10, tzinfo=SH))
    with run_on_commit():
        overdue(units.town)
        assert services.deliveries_release() == 0
    assert Delivery.objects.get().state == "held" and robots.requests == []
    monkeypatch.setattr(services, "_now", lambda: datetime(2026, 11, 5, 7, 40, tzinfo=SH))
    with run_on_commit():
        assert services.deliveries_release() == 1
    assert Delivery.objects.get().state == "sent" and len(robots.requests) == 1


def test_a_digest_channel_gets_one_message_a_day(robots, users, units, monkeypatch, run_on_commit):
    make_channel(users.office, "wecombot://wecom-key-1", digest=True)
    with run_on_commit():
        overdue(units.town)
        notify_unit(unit=units.park, kind="race_published", title="第三季度赛马结果公布", link="/sprint/races/1/")
    assert robots.requests == [] and set(Delivery.objects.values_list("state", flat=True)) == {"digest"}
    monkeypatch.setattr(services, "_now", lambda: datetime(2026, 11, 5, 7, 50, tzinfo=SH))
    assert services.digests_send() == 0
    monkeypatch.setattr(services, "_now", lambda: datetime(2026, 11, 5, 8, 5, tzinfo=SH))
    with run_on_commit():
        assert services.digests_send() == 1
        assert services.digests_send() == 0
    [request] = robots.requests
    text = request.json["markdown"]["content"]
    assert "2 条" in text and "民生实事 M001 已逾期" in text and "第三季度赛马结果公布" in text
    assert set(Delivery.objects.exclude(kind="digest").values_list("state", flat=True)) == {"in_digest"}


# --- bad input -------------------------------------------------------------------------------------------
@pytest.mark.parametrize("address, secret, text", [
    ("slack://a/b/c", "", "未知的地址类型"),
    ("ftp://files.example/x", "", "未知的地址类型"),
    ("https://oapi.dingtalk.com/robot/send?access_token=abc123", "", "加签"),
    ("dingtalk://tok42/", "", "加签"),
])
def test_bad_addresses_are_refused_and_nothing_saved(users, address, secret, text):
    with pytest.raises(DomainError) as exc:
        make_channel(users.office, address, secret=secret)
    assert any(text in m for m in exc.value.message_dict["address"]), exc.value.messages
    assert not Channel.objects.exists()


def test_a_test_message_is_queued_and_its_failure_shown_in_the_delivery_log(robots, users, run_on_commit):
    robots.answers = [500]
    with run_on_commit():
        channel = services.channel_save(user=users.office, test_first=True,
                                        data={"name": "测试群", "address": "wecombot://wecom-key-1"})
    delivery = Delivery.objects.get(channel=channel)
    assert (delivery.kind, delivery.state, delivery.last_answer) == ("channel_test", "failed", "对方拒绝（HTTP 500）")


def test_the_address_is_encrypted_and_kept_out_of_history(users):
    channel = make_channel(users.office, "wecombot://wecom-key-secret-1")
    channel.refresh_from_db()
    assert "wecom-key-secret-1" not in channel.url_encrypted and "wecom-key-secret-1" not in channel.url_hint
    assert robot.decrypt(channel.url_encrypted) == "wecombot://wecom-key-secret-1/"
    history = channel.history.get()
    assert not hasattr(history, "url_encrypted") and history.history_user == users.office


def test_only_the_office_configures_channels(users):
    for user in (users.reporter, users.leader, users.safety, users.orgdept):
        with pytest.raises(DomainError):
            make_channel(user, "wecombot://wecom-key-1")
    assert not Channel.objects.exists()


def test_email_and_signed_dingtalk_addresses_are_accepted_with_a_masked_hint(users):
    mail = make_channel(users.office, "mailto:office@gaoyou.example,Leader@gaoyou.example")
    assert mail.scheme == "mailto" and mail.url_hint == "mailto:leader@gaoyou.example,office@gaoyou.example"
    with pytest.raises(DomainError):  # the server is the portal's own: no user, password or host in the address
        make_channel(users.office, "mailtos://portal:mail-pass-1@smtp.gaoyou.example?to=office@gaoyou.example")
    ding = make_channel(users.office, "dingtalk://SECsecretvalue77@tokenvalue42/")
    assert ding.scheme == "dingtalk" and "SECsecretvalue77" not in ding.url_hint and "tokenvalue42" not in ding.url_hint
    assert robot.decrypt(ding.url_encrypted) == "dingtalk://SECsecretvalue77@tokenvalue42/"


def test_e_mail_gets_the_markdown_message_with_the_link_back(settings):
    settings.PORTAL_BASE_URL = "https://portal.gaoyou.example/"
    title, body, body_format = robot.compose(title="赛马结果公布", body="第3名", link="/sprint/races/1/",
                                             mobiles=["13800000001"], scheme="mailto")
    assert title == "赛马结果公布" and body_format == "markdown"
    assert "**赛马结果公布**" in body and "[在平台中查看](https://portal.gaoyou.example/sprint/races/1/)" in body
    assert "13800000001" not in body  # no @-mention in e-mail


# --- long messages: numbered parts within the robot's limit ----------------------------------------------------
def not_reported(count):
    return "\n".join(f"· 第{n:03d}号 高邮市某某局 未报送" for n in range(1, count + 1))


def test_a_long_wecom_message_goes_in_numbered_parts_at_line_boundaries(robots, users, units, monkeypatch,
                                                                        run_on_commit, client):
    monkeypatch.setattr(robot, "WECOM_MAX_BYTES", 200)
    make_channel(users.office, "wecombot://wecom-key-1")
    with run_on_commit():
        notify_unit(unit=units.town, kind="not_reported", title="未报送单位", body=not_reported(5), link="/r/")
    link = "[在平台中查看](https://portal.gaoyou.example/r/)"
    assert [r.json for r in robots.requests] == [
        {"msgtype": "markdown", "markdown": {"content": (
            "**未报送单位（1/3）**\n\n· 第001号 高邮市某某局 未报送\n· 第002号 高邮市某某局 未报送\n\n" + link)}},
        {"msgtype": "markdown", "markdown": {"content": (
            "**未报送单位（2/3）**\n\n· 第003号 高邮市某某局 未报送\n· 第004号 高邮市某某局 未报送\n\n" + link)}},
        {"msgtype": "markdown", "markdown": {"content": (
            "**未报送单位（3/3）**\n\n· 第005号 高邮市某某局 未报送\n\n" + link)}},
    ]
    assert all(len(r.json["markdown"]["content"].encode()) <= 200 for r in robots.requests)
    delivery = Delivery.objects.get()
    assert (delivery.state, delivery.attempts, delivery.parts_sent, delivery.part_count) == ("sent", 1, 3, 3)
    client.force_login(users.office)
    page = client.get(reverse("channels:delivery_list")).content.decode()
    assert '<div class="small text-muted" data-testid="parts">已发送 3/3 段</div>' in page


def test_a_message_that_fits_is_one_message_without_a_number(robots, users, units, run_on_commit):
    make_channel(users.office, "wecombot://wecom-key-1")
    with run_on_commit():
        notify_unit(unit=units.town, kind="not_reported", title="未报送单位", body=not_reported(5), link="/r/")
    [request] = robots.requests
    assert request.json["markdown"]["content"].startswith("**未报送单位**\n\n· 第001号")
    assert Delivery.objects.get().part_count == 1


def test_wecom_parts_stay_under_4096_bytes_and_keep_every_line_in_order(robots, users, units, run_on_commit):
    make_channel(users.office, "wecombot://wecom-key-1")
    with run_on_commit():
        notify_unit(unit=units.town, kind="not_reported", title="未报送单位", body=not_reported(300), link="/r/")
    contents = [r.json["markdown"]["content"] for r in robots.requests]
    sizes = [len(c.encode("utf-8")) for c in contents]
    assert len(contents) == 4 and max(sizes) <= 4096 and min(sizes[:-1]) > 4096 - 80
    lines = []
    for number, content in enumerate(contents, 1):
        head, *body, blank, link = content.split("\n")
        assert head == f"**未报送单位（{number}/4）**" and body[0] == "" and blank == ""
        assert link == "[在平台中查看](https://portal.gaoyou.example/r/)"
        lines += body[1:]
    assert lines == not_reported(300).split("\n")


def test_dingtalk_parts_are_signed_numbered_under_20000_bytes_and_mention_once(robots, users, units,
                                                                                run_on_commit):
    Membership.objects.filter(user=users.reporter, unit=units.town).update(mobile="13800000001")
    make_channel(users.office, "dingtalk://SECdeadbeef42@tok42/")
    with run_on_commit():
        notify_unit(unit=units.town, kind="not_reported", title="未报送单位", body=not_reported(1000), link="/r/")
    payloads = [r.json for r in robots.requests]
    assert [p["markdown"]["title"] for p in payloads] == ["未报送单位（1/3）", "未报送单位（2/3）", "未报送单位（3/3）"]
    assert [p["at"]["atMobiles"] for p in payloads] == [["13800000001"], [], []]
    assert payloads[0]["markdown"]["text"].endswith("\n\n@13800000001")
    assert not any("@13800000001" in p["markdown"]["text"] for p in payloads[1:])
    assert all(int(r.headers["Content-Length"]) <= 20000 for r in robots.requests)
    assert all(r.query["sign"] and r.query["timestamp"] for r in robots.requests)
    assert all("[在平台中查看](https://portal.gaoyou.example/r/)" in p["markdown"]["text"] for p in payloads)


def test_a_failed_part_is_retried_without_resending_the_parts_before_it(robots, users, units, monkeypatch,
                                                                         run_on_commit):
    monkeypatch.setattr(robot, "WECOM_MAX_BYTES", 200)
    make_channel(users.office, "wecombot://wecom-key-1")
    robots.answers = [200, 500]
    with run_on_commit():
        notify_unit(unit=units.town, kind="not_reported", title="未报送单位", body=not_reported(5), link="/r/")
    heads = [r.json["markdown"]["content"].split("\n")[0] for r in robots.requests]
    assert heads == ["**未报送单位（1/3）**", "**未报送单位（2/3）**", "**未报送单位（2/3）**", "**未报送单位（3/3）**"]
    delivery = Delivery.objects.get()
    assert (delivery.state, delivery.attempts, delivery.parts_sent) == ("sent", 2, 3)
    first = DeliveryAttempt.objects.filter(delivery=delivery).order_by("number").first()
    assert not first.ok and first.answer.startswith("第 2/3 部分未送达：") and "500" in first.answer


def test_a_line_longer_than_a_part_is_cut(robots, users, units, monkeypatch, run_on_commit):
    monkeypatch.setattr(robot, "WECOM_MAX_BYTES", 120)
    make_channel(users.office, "wecombot://wecom-key-1")
    with run_on_commit():
        notify_unit(unit=units.town, kind="general", title="说明", body="甲" * 60)
    contents = [r.json["markdown"]["content"] for r in robots.requests]
    assert all(len(c.encode()) <= 120 for c in contents) and len(contents) == 2
    assert "".join(c.split("\n\n", 1)[1] for c in contents) == "甲" * 60
    assert contents[0].startswith("**说明（1/2）**\n\n甲")


def test_a_long_digest_goes_in_numbered_parts(robots, users, units, monkeypatch, run_on_commit):
    monkeypatch.setattr(robot, "WECOM_MAX_BYTES", 400)
    make_channel(users.office, "wecombot://wecom-key-1", digest=True)
    for number in range(1, 7):
        notify_unit(unit=units.town, kind="task_overdue", title=f"民生实事 M00{number} 已逾期", link="")
    monkeypatch.setattr(services, "_now", lambda: datetime(2026, 11, 5, 8, 5, tzinfo=SH))
    with run_on_commit():
        assert services.digests_send() == 1
    contents = [r.json["markdown"]["content"] for r in robots.requests]
    assert len(contents) == 2 and all(len(c.encode()) <= 400 for c in contents)
    assert contents[0].startswith("**每日汇总 2026年11月5日：共 6 条通知（1/2）**")
    assert contents[1].startswith("**每日汇总 2026年11月5日：共 6 条通知（2/2）**")
    assert all(c.endswith("[在平台中查看](https://portal.gaoyou.example/notices/)") for c in contents)
    listed = [line for c in contents for line in c.split("\n") if line.startswith("· ")]
    assert listed == [f"· 【民生实事逾期】民生实事 M00{n} 已逾期" for n in range(1, 7)]
