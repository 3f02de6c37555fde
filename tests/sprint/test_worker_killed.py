"""A worker killed with SIGKILL in the middle of scoring: restarted, it finishes the run with one result set
(a real Redis, real worker processes, PostgreSQL)."""

import time
from datetime import date

import psycopg
import pytest
from django.db import connection

from gaoyou_portal.jobs import jobs_sweep
from gaoyou_portal.models import Job, JobState
from projects.sprint import services
from projects.sprint.choices import RunStatus, RunTrigger
from projects.sprint.models import ScoringRun, SprintRace, SprintScore
from tests.helpers.celery_worker import celery_worker
from tests.helpers.redis_server import own_redis

from .factories import add_project, make_scheme

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]

FAST_BEATS = {"JOB_HEARTBEAT_SECONDS": "0.5", "JOB_STALE_SECONDS": "3"}


def _wait(predicate, what, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.2)
    raise AssertionError(f"waited {seconds} s for {what}")


def _raw_connection():
    db = connection.settings_dict
    return psycopg.connect(host=db["HOST"] or None, port=db["PORT"] or None, user=db["USER"] or None,
                           password=db["PASSWORD"] or None, dbname=db["NAME"])


def test_a_worker_killed_mid_scoring_is_restarted_and_finishes_with_one_result_set(
    client, users, units, settings, postgres_required, real_broker
):
    scheme = make_scheme([units.town, units.other_town, units.park, units.dept])
    for n in range(6):
        add_project((units.town, units.other_town, units.park)[n % 3], reports=[(date(2026, 2, 1), 10 * n)],
                    served_by=[units.dept])
    race = SprintRace.objects.create(year=2026, quarter=1, scheme=scheme)
    settings.JOB_STALE_SECONDS = 3
    with own_redis(settings):
        # Hold the race row from another connection: the worker's scoring stops there, mid-run (NO KEY UPDATE
        # still lets the run row reference the race).
        holder = _raw_connection()
        holder.execute("SELECT id FROM sprint_sprintrace WHERE id = %s FOR NO KEY UPDATE", [race.pk])
        with celery_worker(env=FAST_BEATS) as first:
            run = services.run_start(year=2026, quarter=1, user=users.office, trigger=RunTrigger.OFFICE)
            job = Job.objects.get(task="sprint.score_sprint_race")
            _wait(lambda: ScoringRun.objects.get(pk=run.pk).status == RunStatus.RUNNING, "the run to start")
            time.sleep(1)  # the worker is inside the scoring transaction, waiting for the race row
            first.kill()  # SIGKILL: no clean-up, no acknowledgement
            first.wait()
        holder.rollback()
        holder.close()
        run.refresh_from_db()
        job.refresh_from_db()
        assert run.status == RunStatus.RUNNING and job.state == JobState.RUNNING
        assert not SprintScore.objects.filter(race=race).exists()

        with celery_worker(env=FAST_BEATS):
            _wait(lambda: jobs_sweep()["restarted"] == 1, "the sweeper to see the stopped worker", 20)
            _wait(lambda: ScoringRun.objects.get(pk=run.pk).status == RunStatus.SUCCEEDED, "the run to finish")
            assert jobs_sweep() == {"resent": 0, "restarted": 0}

    run.refresh_from_db()
    job.refresh_from_db()
    assert run.message == "工作进程停止后已重新开始。" and run.score_count == 4
    assert job.state == JobState.DONE and job.attempts == 2 and job.restarts == 1
    assert SprintScore.objects.filter(race=race).count() == 4  # one result set
    assert sorted(SprintScore.objects.filter(race=race).values_list("unit_id", flat=True)) == sorted(
        u.pk for u in (units.town, units.other_town, units.park, units.dept))
    assert ScoringRun.objects.filter(race=race).count() == 1
    client.force_login(users.office)
    page = client.get(f"/sprint/races/{race.pk}/").content.decode()
    assert "工作进程停止后已重新开始" in page
