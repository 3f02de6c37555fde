"""A robot message through the real Redis broker and a real Celery worker process (PostgreSQL): queued after
commit, sent once by the worker, its outcome in the delivery log; a robot's refusal is a failure there too."""

import os
import time
from pathlib import Path

import pytest

from notify import services
from notify.models import Delivery, DeliveryAttempt
from org.services import notify_unit
from tests.helpers.celery_worker import celery_worker
from tests.helpers.fake_robots import FakeRobots

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]

SITE = Path(__file__).resolve().parent / "robot_worker_site"


def _wait(predicate, what, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.2)
    raise AssertionError(f"waited {seconds} s for {what}")


def _settled(pk):
    return Delivery.objects.get(pk=pk).state in ("sent", "failed", "uncertain")


def test_a_worker_delivers_through_the_broker_once_and_records_a_refusal(
    monkeypatch, settings, users, units, postgres_required, real_broker
):
    settings.NOTIFY_QUIET_HOURS = ""
    settings.PORTAL_BASE_URL = "https://portal.gaoyou.example"
    settings.CHANNEL_SECRET_KEY = "worker-test-channel-key"
    with FakeRobots(monkeypatch) as robots:
        env = {"FAKE_ROBOTS_BASE": robots.base, "NOTIFY_QUIET_HOURS": "", "NOTIFY_MAX_ATTEMPTS": "1",
               "PORTAL_BASE_URL": settings.PORTAL_BASE_URL, "CHANNEL_SECRET_KEY": settings.CHANNEL_SECRET_KEY,
               "PYTHONPATH": os.pathsep.join(filter(None, [str(SITE), os.environ.get("PYTHONPATH")]))}
        services.channel_save(user=users.office, data={"name": "甲镇工作群", "address": "wecombot://wecom-key-1",
                                                       "unit": units.town})
        # queued on the broker after commit, before any worker runs: nothing sent in this process
        notify_unit(unit=units.town, kind="task_overdue", title="民生实事 M001 已逾期",
                    body="截止日期已过。", link="/livelihood/staff/M001/")
        sent = Delivery.objects.get(title="民生实事 M001 已逾期")
        assert (sent.state, robots.requests) == ("pending", [])
        with celery_worker(env=env):
            _wait(lambda: _settled(sent.pk), "the worker to send the first message")
            robots.answers = [{"errcode": 93000, "errmsg": "invalid webhook url"}]
            notify_unit(unit=units.town, kind="task_overdue", title="民生实事 M002 已逾期",
                        link="/livelihood/staff/M002/")
            refused = Delivery.objects.get(title="民生实事 M002 已逾期")
            _wait(lambda: _settled(refused.pk), "the worker to try the second message")
            time.sleep(1)  # a duplicate send would arrive now

    sent.refresh_from_db()
    refused.refresh_from_db()
    assert (sent.state, sent.attempts) == ("sent", 1)
    assert (refused.state, refused.attempts) == ("failed", 1)
    assert refused.last_answer == "对方拒绝（错误码 93000）"
    assert [r.json for r in robots.requests] == [
        {"msgtype": "markdown", "markdown": {"content": (
            "**民生实事 M001 已逾期**\n\n截止日期已过。\n\n"
            "[在平台中查看](https://portal.gaoyou.example/livelihood/staff/M001/)")}},
        {"msgtype": "markdown", "markdown": {"content": (
            "**民生实事 M002 已逾期**\n\n\n[在平台中查看](https://portal.gaoyou.example/livelihood/staff/M002/)")}},
    ]
    assert DeliveryAttempt.objects.count() == 2
