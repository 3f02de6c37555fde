"""Celery tasks of the safety ledgers: thin, idempotent, by id."""

from celery import shared_task


@shared_task(name="safety.flag_overdue")
def flag_overdue():
    """Daily (django-celery-beat, migration 0002): flag cases past their deadline, notify their units."""
    from .services import flag_overdue as flag

    return flag()
