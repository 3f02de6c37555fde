"""Channel pages: only the office configures; every unit reads its own delivery log; secrets never shown."""

import io
import logging

import pytest
from django.urls import reverse

from notify import services
from notify.models import Channel, Delivery
from org.services import notify_unit
from tests.helpers.fake_robots import FakeRobots
from tests.helpers.permissions import assert_access


@pytest.fixture(autouse=True)
def _no_quiet_hours(settings):
    settings.NOTIFY_QUIET_HOURS = ""


@pytest.fixture
def robots(monkeypatch):
    with FakeRobots(monkeypatch) as fake:
        yield fake


def channel(users, address="wecombot://wecom-secret-key-9", **data):
    return services.channel_save(user=users.office, data={"name": "甲镇工作群", "address": address, **data})


def test_only_the_office_and_administrators_open_the_channel_pages(client, users):
    ch = channel(users)
    for url in (reverse("channels:channel_list"), reverse("channels:channel_create"),
                reverse("channels:channel_update", args=[ch.pk])):
        assert_access(client, url, inside=[users.office, users.admin],
                      outside=[users.reporter, users.leader, users.safety, users.orgdept, users.nobody])
    assert_access(client, reverse("channels:channel_test", args=[ch.pk]), method="post", inside=[],
                  outside=[users.reporter, users.leader])
    assert_access(client, reverse("channels:channel_delete", args=[ch.pk]), method="post", inside=[],
                  outside=[users.reporter, users.leader])
    assert Channel.objects.filter(pk=ch.pk).exists()


def test_the_office_adds_a_channel_and_never_sees_the_secret_again(client, users, units):
    client.force_login(users.office)
    response = client.post(reverse("channels:channel_create"), {
        "name": "甲镇钉钉群", "unit": units.town.pk, "kinds": ["task_overdue", "race_published"],
        "address": "https://oapi.dingtalk.com/robot/send?access_token=abcdef123456",
        "secret": "SECtopsecret99", "mention": "on", "active": "on"})
    assert response.status_code == 302
    saved = Channel.objects.get()
    assert (saved.scheme, saved.unit, saved.kinds) == ("dingtalk", units.town, ["task_overdue", "race_published"])
    for url in (reverse("channels:channel_list"), reverse("channels:channel_update", args=[saved.pk])):
        page = client.get(url).content.decode()
        assert "SECtopsecret99" not in page and "abcdef123456" not in page
        assert saved.url_hint in page
    history = saved.history.get()
    assert history.history_user == users.office and not hasattr(history, "url_encrypted")


@pytest.mark.parametrize("address, secret, text", [
    ("telegram://bot/chat", "", "未知的地址类型“telegram”"),
    ("dingtalk://abcdef123456/", "", "钉钉机器人必须填写加签密钥"),
])
def test_a_bad_address_is_refused_in_chinese_and_nothing_saved(client, users, address, secret, text):
    client.force_login(users.office)
    response = client.post(reverse("channels:channel_create"), {"name": "群", "address": address, "secret": secret})
    assert response.status_code == 200 and text in response.content.decode()
    assert not Channel.objects.exists()


def test_the_test_button_queues_and_the_result_is_in_the_delivery_log(client, users, robots,
                                                                       django_capture_on_commit_callbacks):
    ch = channel(users)
    client.force_login(users.office)
    robots.answers = [500]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("channels:channel_test", args=[ch.pk]))
    assert response["Location"] == reverse("channels:delivery_list") + f"?channel={ch.pk}"
    page = client.get(response["Location"]).content.decode()
    # the request did not wait for the robot: the message says queued, the delivery log has the result
    assert "测试消息已排队，结果见投递记录" in page
    assert "对方拒绝（HTTP 500）" in page and "wecom-secret-key-9" not in page
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("channels:channel_test", args=[ch.pk]))
    assert "已发送" in client.get(response["Location"]).content.decode()
    assert robots.requests[-1].json["markdown"]["content"].startswith("**来自高邮目标管理平台的测试消息**")
    assert list(Delivery.objects.order_by("pk").values_list("kind", "state")) == [
        ("channel_test", "failed"), ("channel_test", "sent")]


def test_units_read_only_their_own_delivery_log(client, users, units, robots, django_capture_on_commit_callbacks):
    channel(users)
    with django_capture_on_commit_callbacks(execute=True):
        notify_unit(unit=units.town, kind="task_overdue", title="甲镇的任务逾期")
        notify_unit(unit=units.other_town, kind="task_overdue", title="乙镇的任务逾期")
    url = reverse("channels:delivery_list")
    responses = assert_access(client, url, inside=[users.office, users.admin, users.reporter, users.other_reporter],
                              outside=[users.leader, users.safety, users.orgdept, users.nobody])
    mine = responses[users.reporter.username].content.decode()
    assert "甲镇的任务逾期" in mine and "乙镇的任务逾期" not in mine
    theirs = responses[users.other_reporter.username].content.decode()
    assert "乙镇的任务逾期" in theirs and "甲镇的任务逾期" not in theirs
    office = responses[users.office.username].content.decode()
    assert "甲镇的任务逾期" in office and "乙镇的任务逾期" in office and "已发送" in office


def test_the_secret_never_reaches_the_logs(users, units, robots, django_capture_on_commit_callbacks):
    """Even at LOG_LEVEL=DEBUG the root handlers (the operator's logs) never see a robot's key."""
    channel(users)
    robots.answers = [500]
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    root = logging.getLogger()
    level = root.level
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            notify_unit(unit=units.town, kind="task_overdue", title="甲镇的任务逾期")
    finally:
        root.removeHandler(handler)
        root.setLevel(level)
    assert "wecom-secret-key-9" not in stream.getvalue()
    delivery = Delivery.objects.get()
    assert all("wecom-secret-key-9" not in a.answer for a in delivery.attempt_log.all())


def test_the_delivery_log_runs_the_same_queries_for_1_and_50_rows(client, users, units):
    from tests.helpers.permissions import assert_constant_queries

    ch = channel(users)
    Delivery.objects.create(channel=ch, event_key="e-0", kind="task_overdue", unit=units.town, title="第0条")

    def grow():
        Delivery.objects.bulk_create([Delivery(channel=ch, event_key=f"e-{n}", kind="race_published",
                                               unit=units.park if n % 2 else units.town, title=f"第{n}条")
                                      for n in range(1, 50)])

    assert_constant_queries(client, reverse("channels:delivery_list"), grow=grow, user=users.office)
