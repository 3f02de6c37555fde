"""Shared Celery tasks and the helper that queues a background job with the write that asks for it."""

import logging

from celery import shared_task

logger = logging.getLogger("gaoyou_portal.tasks")


def enqueue(task, *args, **kwargs):
    """Record ``task(*args, **kwargs)`` as a job in the current transaction; send it once that commits.

    A write that rolls back leaves no job; a broker that is down leaves a waiting job that the
    sweeper sends when it returns (gaoyou_portal/jobs.py).
    """
    from .jobs import job_enqueue

    return job_enqueue(task, *args, **kwargs)


@shared_task(name="portal.run_job", bind=True, ignore_result=True)
def run_job(self, job_id):
    """Claim a job of the outbox and run its task here (a job already taken elsewhere does nothing).

    Its outcome is on the job's row, so no result is stored (sending then needs only the broker).
    """
    from .jobs import job_run

    return job_run(job_id, worker=self.request.hostname or "")


@shared_task(name="portal.sweep_jobs", bind=True, ignore_result=True)
def sweep_jobs(self):
    """Every minute (beat, migration 0001_outbox): send again stuck jobs, take back a vanished worker's."""
    from .jobs import jobs_sweep

    return jobs_sweep(worker=self.request.hostname or "")


@shared_task(name="portal.send_mails", bind=True)
def send_mails(self, messages):
    """Send notice e-mails ``[[subject, body, from, [to, ...]], ...]``; a failure fails the job (replayable).

    In-process (no broker) the mail server's failure is only logged: it would otherwise surface in
    the request that wrote the notices, after their commit.
    """
    from django.core.mail import send_mass_mail

    try:
        return send_mass_mail([tuple(m) for m in messages], fail_silently=False)
    except Exception:
        if not self.app.conf.task_always_eager:
            raise
        logger.exception("notice e-mails not sent")
        return 0


@shared_task(name="portal.ping")
def ping(value="pong"):
    """Round-trip check for the broker and workers (used by /healthz tests and operators)."""
    return value


@shared_task(name="portal.import_check")
def import_check_task(job_id):
    """Check a large uploaded sheet (``gaoyou_portal.imports``); the job page follows its progress."""
    from .imports.engine import import_check
    from .models import ImportJob

    job = ImportJob.objects.filter(pk=job_id).first()
    if job is not None:
        import_check(job=job)


@shared_task(name="portal.import_run")
def import_run_task(job_id):
    """Import a confirmed large sheet, all or nothing."""
    from .imports.engine import import_run
    from .models import ImportJob

    job = ImportJob.objects.filter(pk=job_id).first()
    if job is not None:
        import_run(job=job)
