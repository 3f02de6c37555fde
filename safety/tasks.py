"""Celery tasks of the safety ledgers: thin, idempotent, by id."""

from celery import shared_task


@shared_task(name="safety.flag_overdue")
def flag_overdue():
    """Daily (django-celery-beat, migration 0002): flag cases past their deadline, notify their units."""
    from .services import flag_overdue as flag

    return flag()


@shared_task(name="safety.import_validate")
def import_validate(job_id):
    from .models import ImportJob
    from .services import import_job_validate

    job = ImportJob.objects.filter(pk=job_id).first()
    if job is not None:
        import_job_validate(job=job)


@shared_task(name="safety.import_run")
def import_run(job_id):
    from .models import ImportJob
    from .services import import_job_run

    job = ImportJob.objects.filter(pk=job_id).first()
    if job is not None:
        import_job_run(job=job)
