"""A robot message accepted while Redis is down reaches the robot once after it returns: a real Redis the test
starts, stops and starts again (on a port of its own), a real worker, PostgreSQL, and a local HTTP listener in
place of the WeCom robot."""

import os
import time
from pathlib import Path

import pytest

from gaoyou_portal.jobs import job_send, jobs_sweep
from gaoyou_portal.models import Job, JobState
from notify import services
from notify.models import Delivery
from org.services import notify_unit
from tests.helpers.celery_worker import celery_worker
from tests.helpers.fake_robots import FakeRobots
from tests.helpers.redis_server import own_redis

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]

SITE = Path(__file__).resolve().parent / "robot_worker_site"


def _wait_until(predicate, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.2)
    raise AssertionError("the worker did not finish the jobs")


def _wait_for(delivery, states, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        delivery.refresh_from_db()
        if delivery.state in states:
            return delivery
        time.sleep(0.2)
    raise AssertionError(f"the delivery stayed {delivery.state}")


def test_a_delivery_accepted_while_redis_is_down_reaches_the_robot_once_after_it_returns(
        monkeypatch, settings, users, units, postgres_required, real_broker):
    settings.NOTIFY_QUIET_HOURS = ""
    settings.PORTAL_BASE_URL = "https://portal.gaoyou.example"
    settings.CHANNEL_SECRET_KEY = "outage-test-channel-key"
    with FakeRobots(monkeypatch) as robots, own_redis(settings) as redis_server:
        env = {"FAKE_ROBOTS_BASE": robots.base, "NOTIFY_QUIET_HOURS": "", "PORTAL_BASE_URL": settings.PORTAL_BASE_URL,
               "CHANNEL_SECRET_KEY": settings.CHANNEL_SECRET_KEY,
               "PYTHONPATH": os.pathsep.join(filter(None, [str(SITE), os.environ.get("PYTHONPATH")]))}
        services.channel_save(user=users.office, data={"name": "甲镇工作群", "address": "wecombot://wecom-key-1",
                                                       "unit": units.town})
        redis_server.stop()
        started = time.monotonic()
        notify_unit(unit=units.town, kind="task_overdue", title="民生实事 M001 已逾期", body="截止日期已过。",
                    link="/livelihood/staff/M001/")
        assert time.monotonic() - started < 5  # the send is given up quickly: the job is a row
        delivery = Delivery.objects.get(title="民生实事 M001 已逾期")
        job = Job.objects.get(task="org.deliver")
        assert (delivery.state, job.state, job.args, robots.requests) == ("pending", JobState.WAITING,
                                                                          [delivery.pk], [])

        waiting = Job.objects.filter(state=JobState.WAITING).count()  # the delivery's and the notice's e-mails

        redis_server.start()
        settings.JOB_REQUEUE_SECONDS = 0  # the beat's sweep, without waiting the two minutes
        with celery_worker(env=env):
            assert jobs_sweep()["resent"] == waiting >= 1
            _wait_for(delivery, {"sent", "failed", "uncertain", "retrying"})
            _wait_until(lambda: not Job.objects.filter(state__in=[JobState.WAITING, JobState.RUNNING]).exists())
            # Swept and sent by hand again: a job that ran does not run again, the robot hears it once.
            assert jobs_sweep() == {"resent": 0, "restarted": 0}
            job_send(job.pk)
            time.sleep(1.5)

    delivery.refresh_from_db()
    job.refresh_from_db()
    assert (delivery.state, delivery.attempts) == ("sent", 1)
    assert (job.state, job.attempts) == (JobState.DONE, 1)
    assert [r.json for r in robots.requests] == [{"msgtype": "markdown", "markdown": {"content": (
        "**民生实事 M001 已逾期**\n\n截止日期已过。\n\n"
        "[在平台中查看](https://portal.gaoyou.example/livelihood/staff/M001/)")}}]
