"""Celery tasks of the plan: thin, idempotent, calling services."""

from celery import shared_task


@shared_task(name="targets.send_reminders")
def send_reminders():
    """On the 1st and 4th (beat, migration 0002): tell each unit which target values it still owes."""
    from . import services

    return services.reminders_send()
