"""An import accepted while Redis is down runs when it returns, once (a real Redis the test stops and starts,
a real worker, PostgreSQL)."""

import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from gaoyou_portal.choices import ImportState
from gaoyou_portal.jobs import job_send, jobs_sweep
from gaoyou_portal.models import ImportJob, Job, JobState
from safety.models import GarmentWorkshop
from tests.helpers.celery_worker import celery_worker
from tests.helpers.redis_server import own_redis

from .sheets import WORKSHOP_HEADERS, workbook_bytes, workshop_rows

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _wait_for(job, states, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        job.refresh_from_db()
        if job.state in states:
            return job
        time.sleep(0.2)
    raise AssertionError(f"import job stayed {job.state}")


def test_an_import_accepted_while_redis_is_down_runs_once_after_it_returns(client, users, units, settings,
                                                                           postgres_required, real_broker):
    client.force_login(users.safety)
    earlier = list(Job.objects.values_list("pk", flat=True))  # the fixtures' own (组织部 is told of its members)
    settings.PORTAL_IMPORT_INLINE_BYTES = 0  # a large ledger: checked and imported by the job
    content = workbook_bytes(WORKSHOP_HEADERS, workshop_rows(40))
    with own_redis(settings) as redis_server:
        redis_server.stop()
        started = time.monotonic()
        response = client.post("/safety/workshops/import/",
                               {"file": SimpleUploadedFile("台账.xlsx", content, content_type=XLSX)})
        assert time.monotonic() - started < 5  # not 19 s: the job is a row, the send is given up quickly
        job = ImportJob.objects.get()
        assert response.status_code == 302 and response["Location"].endswith(f"/safety/imports/{job.pk}/")
        assert job.state == ImportState.VALIDATING
        assert client.get(f"/safety/imports/{job.pk}/").status_code == 200
        validate = Job.objects.get(task="portal.import_check")
        assert validate.state == JobState.WAITING and validate.args == [job.pk]

        redis_server.start()
        settings.JOB_REQUEUE_SECONDS = 0  # the beat's sweep, without waiting the two minutes
        with celery_worker():
            assert jobs_sweep()["resent"] == 1
            _wait_for(job, {ImportState.VALID, ImportState.INVALID, ImportState.FAILED})
            assert job.state == ImportState.VALID and job.total_rows == 40
            client.post(f"/safety/imports/{job.pk}/confirm/")
            _wait_for(job, {ImportState.DONE, ImportState.INVALID, ImportState.FAILED})
            # Sent again by a sweep and by hand: a job that ran does not run again.
            assert jobs_sweep() == {"resent": 0, "restarted": 0}
            job_send(validate.pk)
            time.sleep(1.5)
    job.refresh_from_db()
    assert job.state == ImportState.DONE and job.created_count == 40
    assert GarmentWorkshop.objects.count() == 40
    jobs = Job.objects.exclude(pk__in=earlier).order_by("pk")
    assert [j.task for j in jobs] == ["portal.import_check", "portal.import_run"]
    assert all(j.state == JobState.DONE and j.attempts == 1 for j in jobs)
