"""Celery tasks of the notify app: thin, idempotent, calling services.

Their names keep the "org." prefix: queued jobs and beat rows name them. Every delivery is queued through the
outbox (``services._enqueue`` → ``gaoyou_portal.tasks.enqueue``): the job runs ``deliver`` once; a failed
attempt waits its delay and the housekeeping queues it again (``services.deliveries_retry``)."""

from celery import current_app, shared_task

from . import services


@shared_task(name="org.deliver")
def deliver(delivery_id):
    """Send one delivery, one attempt (a worker that stops mid-send leaves it SENDING: the job's restart marks it
    UNCERTAIN, never sends it twice). A failure leaves it RETRYING for the housekeeping to queue again after
    30 s, 1, 2, 4 min ... In-process (no broker, the embedded default) it retries at once; attempts are capped."""
    while True:
        outcome = services.delivery_attempt(delivery_id=delivery_id)
        if outcome != services.RETRY or not current_app.conf.task_always_eager:
            return outcome


@shared_task(name="org.channel_test_send")
def channel_test_send(delivery_id):
    """The office's test message: one attempt, its result in the delivery log (queued through the outbox)."""
    return services.delivery_attempt(delivery_id=delivery_id, final=True)


@shared_task(name="org.notify_housekeeping")
def notify_housekeeping():
    """Every minute (beat; notify migration 0003): queue failed deliveries whose delay has passed and pending ones
    left without a job, release what quiet hours held, send due daily digests."""
    return {"retried": services.deliveries_retry(), "requeued": services.deliveries_orphaned_requeue(),
            "released": services.deliveries_release(),
            "digests": services.digests_send()}
