"""Every robot delivery goes through the outbox (``gaoyou_portal.tasks.enqueue``): its job is written with the
delivery, a broker that refuses it leaves the job waiting for the sweeper, and a failed attempt is queued again
by the housekeeping after its delay, once."""

from datetime import timedelta

import pytest
from django.db import transaction
from django.utils import timezone

from gaoyou_portal.jobs import jobs_sweep
from gaoyou_portal.models import Job, JobState
from notify import services
from notify.models import Delivery
from org.services import notify_unit
from tests.helpers.fake_robots import FakeRobots

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _daytime(settings):
    settings.PORTAL_BASE_URL = "https://portal.gaoyou.example"
    settings.NOTIFY_QUIET_HOURS = ""


@pytest.fixture
def robots(monkeypatch):
    with FakeRobots(monkeypatch) as fake:
        yield fake


@pytest.fixture
def channel(users, units):
    return services.channel_save(user=users.office, data={"name": "甲镇工作群", "address": "wecombot://wecom-key-1",
                                                          "unit": units.town})


def overdue(unit, title="民生实事 M001 已逾期"):
    notify_unit(unit=unit, kind="task_overdue", title=title, link="/livelihood/staff/M001/")
    return Delivery.objects.get(title=title)


def deliver_jobs():
    return Job.objects.filter(task="org.deliver")


def test_a_delivery_is_a_job_of_the_outbox_written_with_it_and_not_without_it(
        robots, channel, units, django_capture_on_commit_callbacks):
    with pytest.raises(RuntimeError), transaction.atomic():
        overdue(units.town, title="撤回的通知")
        raise RuntimeError
    assert not Delivery.objects.exists() and not deliver_jobs().exists()
    with django_capture_on_commit_callbacks(execute=True):
        delivery = overdue(units.town)
    [job] = deliver_jobs()
    delivery.refresh_from_db()
    assert job.args == [delivery.pk] and job.state == JobState.DONE and job.attempts == 1
    assert (delivery.state, delivery.attempts, len(robots.requests)) == ("sent", 1, 1)


def test_a_delivery_the_broker_refused_waits_and_the_sweeper_sends_it_once(
        robots, channel, units, settings, monkeypatch, django_capture_on_commit_callbacks):
    from gaoyou_portal.celery import app

    def refuse(*args, **kwargs):
        raise ConnectionRefusedError("broker down")

    app.conf.task_always_eager = False
    try:
        with monkeypatch.context() as patch:
            patch.setattr("gaoyou_portal.tasks.run_job.apply_async", refuse)
            with django_capture_on_commit_callbacks(execute=True):
                delivery = overdue(units.town)
    finally:
        app.conf.task_always_eager = True  # the broker is back (and, here, runs tasks in-process)
    [job] = deliver_jobs()
    delivery.refresh_from_db()
    assert (job.state, delivery.state, robots.requests) == (JobState.WAITING, "pending", [])
    waiting = Job.objects.filter(state=JobState.WAITING).count()  # the delivery's, and the notice's e-mails
    later = timezone.now() + timedelta(seconds=settings.JOB_REQUEUE_SECONDS + 1)
    with django_capture_on_commit_callbacks(execute=True):
        assert jobs_sweep(now=later) == {"resent": waiting, "restarted": 0}
    with django_capture_on_commit_callbacks(execute=True):
        assert jobs_sweep(now=later + timedelta(hours=1)) == {"resent": 0, "restarted": 0}
    job.refresh_from_db()
    delivery.refresh_from_db()
    assert (job.state, delivery.state, delivery.attempts, len(robots.requests)) == (JobState.DONE, "sent", 1, 1)


def test_a_failed_attempt_is_queued_again_after_its_delay_once(
        robots, channel, units, django_capture_on_commit_callbacks):
    from gaoyou_portal.celery import app

    robots.answers = [500]
    app.conf.task_always_eager = False  # a worker: one attempt per job, the retry waits its delay
    try:
        with django_capture_on_commit_callbacks(execute=True):
            delivery = overdue(units.town)
        from gaoyou_portal.jobs import job_run

        job_run(deliver_jobs().get().pk)  # what the worker does with the job
    finally:
        app.conf.task_always_eager = True
    delivery.refresh_from_db()
    assert (delivery.state, delivery.attempts, len(robots.requests)) == ("retrying", 1, 1)
    assert services.deliveries_retry(now=timezone.now() + timedelta(seconds=10)) == 0  # 30 s not passed
    with django_capture_on_commit_callbacks(execute=True):
        assert services.deliveries_retry(now=timezone.now() + timedelta(seconds=31)) == 1
    assert services.deliveries_retry(now=timezone.now() + timedelta(hours=1)) == 0  # queued once
    delivery.refresh_from_db()
    assert (delivery.state, delivery.attempts, len(robots.requests)) == ("sent", 2, 2)
    assert list(deliver_jobs().values_list("state", flat=True)) == [JobState.DONE, JobState.DONE]


def test_the_delay_doubles_up_to_an_hour():
    assert [services.retry_delay(n) for n in (1, 2, 3, 4, 8, 20)] == [30, 60, 120, 240, 3600, 3600]


def test_a_pending_delivery_left_without_a_job_is_queued_again_once(
        robots, channel, units, django_capture_on_commit_callbacks):
    """A delivery accepted before deliveries went through the outbox (its broker message lost, no job row) is
    queued by the housekeeping once it has waited ten minutes, and only once; one with an open job is left."""
    with django_capture_on_commit_callbacks(execute=False):  # the job written, never sent
        waiting = overdue(units.town, title="排队中的通知")
    with django_capture_on_commit_callbacks(execute=False):
        orphan = overdue(units.town, title="旧的通知")
    deliver_jobs().filter(args=[orphan.pk]).delete()  # as before the outbox: no job for it
    assert services.deliveries_orphaned_requeue() == 0  # not ten minutes yet
    later = timezone.now() + timedelta(minutes=11)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.deliveries_orphaned_requeue(now=later) == 1
    orphan.refresh_from_db()
    assert (orphan.state, orphan.attempts, len(robots.requests)) == ("sent", 1, 1)
    assert services.deliveries_orphaned_requeue(now=later) == 0  # sent: nothing more
    assert deliver_jobs().filter(args=[waiting.pk], state=JobState.WAITING).count() == 1  # its own job waits
