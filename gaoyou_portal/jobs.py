"""The transactional outbox of background jobs: record, send, claim and run, sweep, replay.

A write that needs background work calls ``enqueue(task, *args, **kwargs)`` inside its transaction:
a ``Job`` row is written with the write, and only after the commit is its id sent to the broker. A
job therefore exists exactly when its write does, and a broker that is down loses nothing: the row
waits and the sweeper sends it again. Whoever runs it claims the row first, so it runs once.
"""

import logging
import threading
from datetime import timedelta

from celery import current_app
from django.conf import settings
from django.db import connection, transaction
from django.db.models import F, Max, Min, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from .errors import DomainError
from .models import Job, JobState, WorkerHeartbeat

logger = logging.getLogger("gaoyou_portal.jobs")

SWEEP_BATCH = 200


def _seconds(name, default):
    return getattr(settings, name, default)


def _eager():
    return bool(current_app.conf.task_always_eager)


# --- record and send ---------------------------------------------------------------------------------------
def job_enqueue(task, *args, **kwargs) -> Job:
    """Record ``task(*args, **kwargs)`` in the current transaction; send its id once it commits.

    Arguments must be JSON (ids, numbers, strings), as for any Celery task of the portal.
    """
    job = Job.objects.create(task=task.name, args=list(args), kwargs=dict(kwargs), sent_at=timezone.now(), sends=1)
    transaction.on_commit(lambda: job_send(job.pk))
    return job


def job_send(job_id) -> bool:
    """Hand a job's id to the broker. A broker that fails is logged; the row stays for the sweeper.

    In-process (eager) mode the job runs here and its errors propagate, as the task's would.
    """
    from .tasks import run_job

    if _eager():
        run_job.apply_async(args=[job_id])
        return True
    try:
        run_job.apply_async(args=[job_id])
    except Exception as error:  # the broker's errors are many (kombu, redis, socket): none may fail the write
        logger.warning("job %s not sent (%s: %s); the sweeper sends it again when the broker answers",
                       job_id, error.__class__.__name__, error)
        return False
    return True


# --- claim and run ------------------------------------------------------------------------------------------
def _beat(worker, now):
    if worker:
        WorkerHeartbeat.objects.update_or_create(worker=worker[:200], defaults={"seen_at": now})


class _Heartbeat(threading.Thread):
    """Stamps the running job (and the worker) every few seconds, so the sweeper can tell it is alive."""

    def __init__(self, job_id, worker, every):
        super().__init__(name=f"job-{job_id}-heartbeat", daemon=True)
        self.job_id, self.worker, self.every = job_id, worker, every
        self.stopped = threading.Event()

    def run(self):
        try:
            while not self.stopped.wait(self.every):
                try:
                    now = timezone.now()
                    Job.objects.filter(pk=self.job_id, state=JobState.RUNNING).update(heartbeat_at=now)
                    _beat(self.worker, now)
                except Exception:  # a missed beat is not fatal; the next one may pass
                    logger.exception("heartbeat of job %s failed", self.job_id)
        finally:
            connection.close()

    def stop(self):
        self.stopped.set()
        self.join(timeout=5)


def job_claim(job_id, *, worker="") -> Job | None:
    """Take the job for this worker, or None if it is done, failed, or alive in another worker.

    1. Lock the row, skipping it if another worker holds the lock right now (``skip_locked``).
    2. Take it if it is waiting, or running with a heartbeat older than ``JOB_STALE_SECONDS`` (its
       worker vanished and the message came back).
    3. Mark it running in that short transaction; the job itself runs after the commit.
    """
    now = timezone.now()
    stale = now - timedelta(seconds=_seconds("JOB_STALE_SECONDS", 60))
    with transaction.atomic():
        job = (
            Job.objects.select_for_update(skip_locked=True)
            .filter(pk=job_id)
            .filter(Q(state=JobState.WAITING) | Q(state=JobState.RUNNING, heartbeat_at__lt=stale))
            .first()
        )
        if job is None:
            return None
        if job.state == JobState.RUNNING:
            job.restarts += 1
            logger.warning("job %s: worker %s stopped; restarting it in %s", job.pk, job.worker, worker)
        job.state, job.attempts, job.worker, job.error = JobState.RUNNING, job.attempts + 1, worker[:200], ""
        job.started_at = job.heartbeat_at = now
        job.finished_at = None
        job.save(update_fields=["state", "attempts", "restarts", "worker", "error", "started_at", "heartbeat_at",
                                "finished_at"])
        _beat(worker, now)
    return job


def _close(job, state, error=""):
    Job.objects.filter(pk=job.pk, state=JobState.RUNNING, attempts=job.attempts).update(
        state=state, error=error, finished_at=timezone.now(), heartbeat_at=timezone.now()
    )


def job_run(job_id, *, worker=""):
    """Claim the job and run its task here; record done or failed. A job already taken does nothing."""
    job = job_claim(job_id, worker=worker)
    if job is None:
        return None
    task = current_app.tasks.get(job.task)
    if task is None:
        _close(job, JobState.FAILED, f"unknown task {job.task}")
        return None
    heartbeat = None
    if not _eager():
        heartbeat = _Heartbeat(job.pk, worker, _seconds("JOB_HEARTBEAT_SECONDS", 10))
        heartbeat.start()
    try:
        result = task(*job.args, **job.kwargs)
    except Exception as error:
        _close(job, JobState.FAILED, f"{error.__class__.__name__}: {error}"[:4000])
        raise
    finally:
        if heartbeat is not None:
            heartbeat.stop()
    _close(job, JobState.DONE)
    return result


# --- sweep and replay --------------------------------------------------------------------------------------
def jobs_sweep(*, worker="", now=None) -> dict:
    """Send again what waits too long; take back what a vanished worker was running.

    1. Lock the due rows, skipping rows another sweeper or worker holds (two sweepers never both
       take a row): waiting and sent more than ``JOB_REQUEUE_SECONDS`` ago, or running with a
       heartbeat older than ``JOB_STALE_SECONDS``.
    2. Mark them waiting and sent now (a running one counts a restart), in the same transaction.
    3. After the commit, send their ids. A row re-sent twice still runs once (``job_claim``).
    """
    now = now or timezone.now()
    requeue = now - timedelta(seconds=_seconds("JOB_REQUEUE_SECONDS", 120))
    stale = now - timedelta(seconds=_seconds("JOB_STALE_SECONDS", 60))
    with transaction.atomic():
        _beat(worker, now)
        due = list(
            Job.objects.select_for_update(skip_locked=True)
            .filter(Q(state=JobState.WAITING, sent_at__lt=requeue) | Q(state=JobState.WAITING, sent_at__isnull=True)
                    | Q(state=JobState.RUNNING, heartbeat_at__lt=stale))
            .order_by("created_at")[:SWEEP_BATCH]
        )
        restarted = [job.pk for job in due if job.state == JobState.RUNNING]
        if restarted:
            logger.warning("jobs %s: their worker stopped; sending them again", restarted)
            Job.objects.filter(pk__in=restarted).update(state=JobState.WAITING, restarts=F("restarts") + 1)
        ids = [job.pk for job in due]
        Job.objects.filter(pk__in=ids).update(sent_at=now, sends=F("sends") + 1)
        transaction.on_commit(lambda: [job_send(pk) for pk in ids])
    return {"resent": len(ids) - len(restarted), "restarted": len(restarted)}


@transaction.atomic
def job_replay(*, job_id) -> Job:
    """An operator runs a failed job again (``manage.py jobs replay ID``)."""
    job = Job.objects.select_for_update().filter(pk=job_id).first()
    if job is None:
        raise DomainError(_("There is no background job %(id)s.") % {"id": job_id})
    if job.state != JobState.FAILED:
        raise DomainError(_("Only a failed job can be replayed; job %(id)s is %(state)s.")
                          % {"id": job_id, "state": job.get_state_display()})
    job.state, job.error, job.sent_at, job.sends = JobState.WAITING, "", timezone.now(), job.sends + 1
    job.save(update_fields=["state", "error", "sent_at", "sends"])
    transaction.on_commit(lambda: job_send(job.pk))
    return job


def jobs_health(now=None) -> dict:
    """Figures for /healthz: age of the oldest waiting job, of the newest worker heartbeat, failures."""
    now = now or timezone.now()
    oldest = Job.objects.filter(state=JobState.WAITING).aggregate(at=Min("created_at"))["at"]
    newest = WorkerHeartbeat.objects.aggregate(at=Max("seen_at"))["at"]
    return {
        "oldest_waiting_job_seconds": None if oldest is None else round((now - oldest).total_seconds()),
        "newest_worker_heartbeat_seconds": None if newest is None else round((now - newest).total_seconds()),
        "failed_jobs": Job.objects.filter(state=JobState.FAILED).count(),
    }
