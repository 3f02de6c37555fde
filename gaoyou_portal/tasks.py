"""Shared Celery tasks and the helper that queues a task once the transaction commits."""

from celery import shared_task
from django.db import transaction


def enqueue(task, *args, **kwargs):
    """Queue ``task`` after the current transaction commits (never for a write that rolled back)."""
    transaction.on_commit(lambda: task.apply_async(args=args, kwargs=kwargs))


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
