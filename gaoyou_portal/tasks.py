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
