"""Celery tasks of the projects app: thin, idempotent, calling services."""

from celery import shared_task

from . import services


@shared_task(name="projects.send_reminders")
def send_reminders():
    """On the 1st and 4th (beat, migration 0003): tell each unit what it still owes."""
    return services.reminders_send()
