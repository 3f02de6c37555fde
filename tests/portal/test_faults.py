"""Faults: Redis is an accelerator (pages serve without it), and the outbox loses and doubles no job."""

import threading
import time
from datetime import timedelta

import pytest
from celery import shared_task
from django.db import connection, transaction
from django.utils import timezone

from gaoyou_portal.jobs import job_enqueue, job_replay, job_run, job_send, jobs_sweep
from gaoyou_portal.models import Job, JobState, WorkerHeartbeat
from tests.conftest import require_service
from tests.helpers.redis_server import own_redis
from tests.livelihood.factories import TaskFactory

pytestmark = [pytest.mark.django_db, pytest.mark.date_dependent]

RUNS = []
_runs_lock = threading.Lock()


@shared_task(name="tests.record_run")
def record_run(label, pause=0.0):
    """A job whose every run is counted (the outbox must run each job once)."""
    time.sleep(pause)
    with _runs_lock:
        RUNS.append(label)
    return label


@shared_task(name="tests.fail")
def always_fail():
    raise RuntimeError("无法完成")


@pytest.fixture(autouse=True)
def _no_runs():
    RUNS.clear()
    yield
    RUNS.clear()


# --- Redis down: pages render from the database ---------------------------------------------------------------
@pytest.mark.services
def test_public_and_staff_pages_answer_200_with_redis_down(client, settings, users, units):
    require_service("redis")
    TaskFactory(number=7, title="龙虬镇供水管网改造", lead_unit=units.dept)
    with own_redis(settings) as redis_server:
        assert client.get("/livelihood/").status_code == 200  # warms the cache while Redis is up
        redis_server.stop()
        started = time.monotonic()
        for path in ("/", "/livelihood/", "/livelihood/2026/7/", "/livelihood/open-data.json"):
            response = client.get(path)
            assert response.status_code == 200, path
        assert "龙虬镇供水管网改造" in client.get("/livelihood/").content.decode()
        client.force_login(users.office)
        for path in ("/dashboard/", "/sprint/", "/safety/", "/projects/"):
            assert client.get(path).status_code == 200, path
        assert time.monotonic() - started < 10  # the breaker: no connect timeout on every call
        health = client.get("/healthz")
        assert health.status_code == 200
        data = health.json()
        assert data["database"] == "ok" and data["cache"].startswith("error") and data["broker"].startswith("error")
        assert data["status"] == "degraded" and data["cache_failures"] >= 1
        redis_server.start()
        from gaoyou_portal import cache as resilient

        resilient._state["down_until"] = 0.0  # skip the breaker's wait: Redis is back
        data = client.get("/healthz").json()
        assert data["cache"] == "ok" and data["broker"] == "ok" and data["status"] == "ok"


def test_healthz_reports_the_jobs(client):
    old = Job.objects.create(task="tests.record_run", args=["old"])
    Job.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(minutes=7))
    WorkerHeartbeat.objects.create(worker="w1@host", seen_at=timezone.now() - timedelta(seconds=30))
    Job.objects.create(task="tests.fail", state=JobState.FAILED)
    data = client.get("/healthz").json()
    assert 419 <= data["oldest_waiting_job_seconds"] <= 425
    assert 29 <= data["newest_worker_heartbeat_seconds"] <= 35
    assert data["failed_jobs"] == 1


def test_healthz_answers_503_only_without_the_database(client, monkeypatch):
    from gaoyou_portal import views

    def broken():
        raise OSError("gone")

    monkeypatch.setattr(views, "_check_database", broken)
    response = client.get("/healthz")
    assert response.status_code == 503 and response.json()["database"] == "error: OSError"


# --- the outbox ------------------------------------------------------------------------------------------------
def test_a_job_is_recorded_with_its_write_and_not_without_it(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        job = job_enqueue(record_run, "a", pause=0)
    job.refresh_from_db()
    assert job.state == JobState.DONE and job.attempts == 1 and RUNS == ["a"]
    assert job.task == "tests.record_run" and job.args == ["a"] and job.kwargs == {"pause": 0}
    with pytest.raises(RuntimeError), transaction.atomic():
        job_enqueue(record_run, "rolled back")
        raise RuntimeError
    assert not Job.objects.filter(args=["rolled back"]).exists()


def test_a_job_runs_once_however_often_it_is_sent(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        job = job_enqueue(record_run, "once")
    job_send(job.pk)
    job_run(job.pk)
    with django_capture_on_commit_callbacks(execute=True):
        jobs_sweep(now=timezone.now() + timedelta(hours=1))
    job.refresh_from_db()
    assert RUNS == ["once"] and job.attempts == 1 and job.state == JobState.DONE


def test_a_job_the_broker_refused_waits_and_the_sweeper_sends_it(settings, monkeypatch,
                                                                  django_capture_on_commit_callbacks):
    from gaoyou_portal.celery import app

    def refuse(*args, **kwargs):
        raise ConnectionRefusedError("broker down")

    app.conf.task_always_eager = False
    try:
        with monkeypatch.context() as patch:
            patch.setattr("gaoyou_portal.tasks.run_job.apply_async", refuse)
            started = time.monotonic()
            with django_capture_on_commit_callbacks(execute=True):
                job = job_enqueue(record_run, "later")
            assert time.monotonic() - started < 1
    finally:
        app.conf.task_always_eager = True  # the broker is back (and, here, runs tasks in-process)
    job.refresh_from_db()
    assert job.state == JobState.WAITING and RUNS == []
    assert jobs_sweep() == {"resent": 0, "restarted": 0}  # sent a moment ago: not yet due
    with django_capture_on_commit_callbacks(execute=True):
        swept = jobs_sweep(now=timezone.now() + timedelta(seconds=settings.JOB_REQUEUE_SECONDS + 1))
    assert swept == {"resent": 1, "restarted": 0}
    job.refresh_from_db()
    assert job.state == JobState.DONE and job.sends == 2 and RUNS == ["later"]


def test_a_running_job_whose_heartbeat_stopped_is_restarted(settings, django_capture_on_commit_callbacks):
    job = Job.objects.create(task="tests.record_run", args=["restarted"], state=JobState.RUNNING, attempts=1,
                             heartbeat_at=timezone.now() - timedelta(seconds=settings.JOB_STALE_SECONDS + 5))
    alive = Job.objects.create(task="tests.record_run", args=["alive"], state=JobState.RUNNING, attempts=1,
                               heartbeat_at=timezone.now())
    with django_capture_on_commit_callbacks(execute=True):
        assert jobs_sweep(worker="sweeper@host") == {"resent": 0, "restarted": 1}
    job.refresh_from_db()
    alive.refresh_from_db()
    assert job.state == JobState.DONE and job.restarts == 1 and job.attempts == 2 and RUNS == ["restarted"]
    assert alive.state == JobState.RUNNING
    assert WorkerHeartbeat.objects.filter(worker="sweeper@host").exists()


def test_a_failed_job_is_recorded_and_can_be_replayed(django_capture_on_commit_callbacks):
    from gaoyou_portal.errors import DomainError

    job = Job.objects.create(task="tests.fail")
    with pytest.raises(RuntimeError):
        job_run(job.pk)
    job.refresh_from_db()
    assert job.state == JobState.FAILED and job.error == "RuntimeError: 无法完成"
    Job.objects.filter(pk=job.pk).update(task="tests.record_run", args=["replayed"])
    with django_capture_on_commit_callbacks(execute=True):
        job_replay(job_id=job.pk)
    job.refresh_from_db()
    assert job.state == JobState.DONE and job.attempts == 2 and RUNS == ["replayed"]
    with pytest.raises(DomainError, match="只有失败的后台任务可以重新执行"):
        job_replay(job_id=job.pk)


def test_the_replay_command_runs_a_failed_job(capsys, django_capture_on_commit_callbacks):
    from django.core.management import call_command

    job = Job.objects.create(task="tests.record_run", args=["cmd"], state=JobState.FAILED, error="x")
    call_command("jobs", "list", "--state", "failed")
    assert f"#{job.pk}" in capsys.readouterr().out
    with django_capture_on_commit_callbacks(execute=True):
        call_command("jobs", "replay", str(job.pk))
    job.refresh_from_db()
    assert job.state == JobState.DONE and RUNS == ["cmd"]


def test_notice_emails_are_a_job(users, django_capture_on_commit_callbacks, mailoutbox):
    from org.services import notify_users

    users.reporter.email = "r@example.invalid"
    users.reporter.save()
    earlier = list(Job.objects.values_list("pk", flat=True))  # the fixtures' own (组织部 is told of its members)
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        notify_users(users=[users.reporter], title="通知", body="请于月底前填报")
    job = Job.objects.exclude(pk__in=earlier).get(task="portal.send_mails")
    assert job.state == JobState.DONE
    assert [m.subject for m in mailoutbox] == ["通知"] and mailoutbox[0].to == ["r@example.invalid"]


# --- two sweepers at once (PostgreSQL: SQLite has no row locks) -------------------------------------------------
@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_two_sweepers_racing_run_each_job_once(settings):
    require_service("postgresql")
    past = timezone.now() - timedelta(seconds=settings.JOB_REQUEUE_SECONDS + 60)
    jobs = [Job.objects.create(task="tests.record_run", args=[f"job{n}"], kwargs={"pause": 0.2}, sent_at=past)
            for n in range(6)]
    start = threading.Barrier(2)
    results, errors = [], []

    def sweep():
        try:
            start.wait()
            results.append(jobs_sweep(worker=threading.current_thread().name))
        except Exception as error:  # reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=sweep, name=f"sweeper{n}") for n in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert errors == []
    assert sorted(RUNS) == [f"job{n}" for n in range(6)]  # each once
    assert sum(r["resent"] for r in results) == 6
    for job in jobs:
        job.refresh_from_db()
        assert job.state == JobState.DONE and job.attempts == 1 and job.sends == 1


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_two_workers_claiming_one_job_run_it_once():
    require_service("postgresql")
    job = Job.objects.create(task="tests.record_run", args=["claimed"], kwargs={"pause": 0.3})
    start = threading.Barrier(3)

    def work():
        start.wait()
        try:
            job_run(job.pk, worker=threading.current_thread().name)
        finally:
            connection.close()

    threads = [threading.Thread(target=work, name=f"worker{n}") for n in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    job.refresh_from_db()
    assert RUNS == ["claimed"] and job.attempts == 1 and job.state == JobState.DONE


def test_the_cache_reads_a_dead_redis_as_misses_and_stops_asking_for_a_while(caplog):
    """No server needed: nothing listens on port 1."""
    from gaoyou_portal import cache as resilient

    dead = resilient.ResilientRedisCache("redis://127.0.0.1:1/0", {"OPTIONS": {"socket_connect_timeout": 0.5}})
    resilient._state.update(failures=0, down_until=0.0, logged=False)
    try:
        assert dead.get("k", "default") == "default"
        assert dead.add("k", 1) is False and dead.get_many(["a", "b"]) == {} and dead.has_key("k") is False
        dead.set("k", 1)
        with pytest.raises(ValueError):
            dead.incr("k")
        state = resilient.cache_state()
        assert state["failures"] == 1 and state["open"] and state["last_error"] == "ConnectionError"
        assert [r.levelname for r in caplog.records if r.name == "gaoyou_portal.cache"] == ["ERROR"]  # once
        with pytest.raises(Exception, match="Connection"):
            dead.ping()  # /healthz asks Redis itself, past the breaker
    finally:
        resilient._state.update(failures=0, down_until=0.0, logged=False)


def test_the_admin_replays_a_failed_job(client, users, django_capture_on_commit_callbacks):
    job = Job.objects.create(task="tests.record_run", args=["admin"], state=JobState.FAILED, error="x")
    client.force_login(users.admin)
    assert client.get("/admin/gaoyou_portal/job/").status_code == 200
    assert client.get(f"/admin/gaoyou_portal/job/{job.pk}/change/").status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/admin/gaoyou_portal/job/", {"action": "replay", "_selected_action": [job.pk]})
    assert response.status_code == 302
    job.refresh_from_db()
    assert job.state == JobState.DONE and RUNS == ["admin"]
