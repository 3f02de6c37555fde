from celery import shared_task


@shared_task(name="livelihood.refresh_statuses")
def refresh_statuses(today=None):
    """Daily: mark tasks overdue and, after year end, list those owing an explanation (see the service)."""
    import datetime

    from .services import tasks_refresh_statuses

    day = datetime.date.fromisoformat(today) if today else None
    return tasks_refresh_statuses(today=day)
