from celery import shared_task


@shared_task(name="livelihood.refresh_statuses")
def refresh_statuses(today=None):
    """Daily: mark tasks overdue and, after year end, list those owing an explanation (see the service)."""
    import datetime

    from .services import tasks_refresh_statuses

    day = datetime.date.fromisoformat(today) if today else None
    return tasks_refresh_statuses(today=day)


@shared_task(name="livelihood.send_follow_digests")
def send_follow_digests(today=None):
    """Daily: one message to each follower of a task with newly published progress (livelihood/subscriptions.py)."""
    import datetime

    from .subscriptions import digests_send

    return digests_send(today=datetime.date.fromisoformat(today) if today else None)


@shared_task(name="livelihood.send_follow_mail")
def send_follow_mail(subscription_id, kind):
    """Compose and send one follower's message (a confirmation or the day's news) from the row as it is now."""
    from .follow_mail import follow_mail_send

    return follow_mail_send(subscription_id=subscription_id, kind=kind)


@shared_task(name="livelihood.remind_corrections")
def remind_corrections(today=None):
    """Daily: remind lead units of citizens' corrections unanswered after three working days."""
    import datetime

    from .corrections import corrections_remind

    return corrections_remind(today=datetime.date.fromisoformat(today) if today else None)
