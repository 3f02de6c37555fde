"""Celery tasks of the plan: thin, take ids, call a service."""

from celery import shared_task


@shared_task(name="targets.refresh_public_plan")
def refresh_public_plan():
    """Refresh the public plan's cache at the start of a day (the expected shares move with the date)."""
    from .cache import public_cache

    public_cache.invalidate()
    return True
