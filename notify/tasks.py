"""Celery tasks of the notify app: thin, idempotent, calling services.

Their names keep the "org." prefix: queued jobs and beat rows name them."""

from celery import shared_task
from django.conf import settings

from . import services


@shared_task(bind=True, name="org.deliver", acks_late=True, reject_on_worker_lost=True,
             max_retries=settings.NOTIFY_MAX_ATTEMPTS)
def deliver(self, delivery_id):
    """Send one delivery; on failure retry with backoff (30 s, 1, 2, 4 min ...) until the last attempt."""
    while True:
        outcome = services.delivery_attempt(delivery_id=delivery_id)
        if outcome != services.RETRY:
            return outcome
        if not self.request.is_eager:
            raise self.retry(countdown=min(30 * 2 ** self.request.retries, 3600))
        # No broker (the embedded default runs tasks in-process): retry at once; attempts are capped.


@shared_task(name="org.channel_test_send")
def channel_test_send(delivery_id):
    """The office's test message: one attempt, its result in the delivery log (queued through the outbox)."""
    return services.delivery_attempt(delivery_id=delivery_id, final=True)


@shared_task(name="org.notify_housekeeping")
def notify_housekeeping():
    """Every 10 minutes (beat, migration 0003): release what quiet hours held, send due daily digests."""
    return {"released": services.deliveries_release(), "digests": services.digests_send()}
