"""Celery tasks of the projects app: thin, idempotent, calling services."""

from celery import shared_task

from . import lights, services


@shared_task(name="projects.send_reminders")
def send_reminders():
    """On the 1st and 4th (beat, migration 0003): tell each unit what it still owes."""
    return services.reminders_send()


@shared_task(name="projects.refresh_lights")
def refresh_lights():
    """Daily at 00:05 (beat, migration 0006): refresh the lights the date has moved across a boundary."""
    return lights.refresh_lights_for_date()


@shared_task(name="projects.check_lights")
def check_lights():
    """Nightly at 03:30 (beat, migration 0006): alert the office if a stored light differs from the rules."""
    return services.lights_check_and_alert()
