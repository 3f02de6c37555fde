"""Celery tasks of the reporting app: thin, idempotent, calling services."""

from celery import shared_task


@shared_task(name="reporting.send_escalations")
def send_escalations():
    """At 09:00 and 15:00 (beat, migration 0002): each owed item's blue, yellow or red notice, once per stage."""
    from . import services

    return services.escalations_send()
