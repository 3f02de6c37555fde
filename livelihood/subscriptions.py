"""Following a task by e-mail, without an account (issue 27).

1. ``subscription_request``: an address asks to follow a task; a confirmation message goes out (double opt-in).
   Asking again for a confirmed address changes nothing and says the same (no one learns who follows what).
2. ``subscription_confirm`` / ``subscription_cancel`` take the signed token of a link (django.core.signing,
   with the row's nonce): a forged or altered token, or a link used again, changes nothing and the page says so.
   Unsubscribing deletes the address.
3. ``digests_send`` (daily, Celery beat): each confirmed follower whose task has newly published progress gets
   one message, never more than one a day. Every message carries its one-click unsubscribe link.
Messages go through the outbox (``gaoyou_portal.tasks.enqueue``) by the subscription's id, so no address is
copied into a job.
"""

from django.core import signing
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Count, Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from gaoyou_portal.errors import DomainError
from gaoyou_portal.tasks import enqueue

from .models import ProgressUpdate, Subscription
from .tasks import send_follow_mail

SALT = "livelihood.subscription"
CONFIRM, CANCEL = "confirm", "cancel"
UNCONFIRMED_DAYS = 7  # an address never confirmed is deleted after a week


def token_for(subscription, action):
    return signing.dumps({"s": subscription.pk, "n": subscription.nonce, "a": action}, salt=SALT, compress=True)


def _subscription(token, action):
    """The subscription a token names, or None (forged, altered, for another action, or gone)."""
    try:
        data = signing.loads(token, salt=SALT)
    except signing.BadSignature:
        return None, "invalid"
    if not isinstance(data, dict) or data.get("a") != action:
        return None, "invalid"
    subscription = Subscription.objects.select_related("task").filter(pk=data.get("s"), nonce=data.get("n")).first()
    return subscription, ("ok" if subscription else "gone")


def _clean_email(email):
    email = (email or "").strip()
    try:
        if len(email) > 254:
            raise DomainError("")
        validate_email(email)
    except Exception:
        raise DomainError({"email": _("Enter a valid e-mail address.")})
    local, _at, domain = email.rpartition("@")
    return f"{local}@{domain.lower()}"


@transaction.atomic
def subscription_request(*, task, email, today=None):
    """Ask to follow ``task``: a pending subscription and a confirmation message (at most one a day)."""
    email = _clean_email(email)
    today = today or timezone.localdate()
    subscription, _created = Subscription.objects.select_for_update().get_or_create(task=task, email=email)
    if subscription.confirmed_at is None and subscription.last_sent_on != today:
        subscription.last_sent_on = today
        subscription.save(update_fields=["last_sent_on"])
        enqueue(send_follow_mail, subscription.pk, CONFIRM)
    return subscription


@transaction.atomic
def subscription_confirm(*, token):
    """("confirmed" | "already" | "invalid" | "gone", subscription)."""
    subscription, state = _subscription(token, CONFIRM)
    if subscription is None:
        return state, None
    if subscription.confirmed_at is not None:
        return "already", subscription
    subscription.confirmed_at = subscription.news_since = timezone.now()
    subscription.save(update_fields=["confirmed_at", "news_since"])
    return "confirmed", subscription


@transaction.atomic
def subscription_cancel(*, token):
    """("cancelled" | "invalid" | "gone", task): the address is deleted."""
    subscription, state = _subscription(token, CANCEL)
    if subscription is None:
        return state, None
    task = subscription.task
    subscription.delete()
    return "cancelled", task


def digests_send(*, today=None):
    """Queue today's message for every confirmed follower with news (one a day at most); drop stale pending rows."""
    today = today or timezone.localdate()
    cutoff = timezone.now() - timezone.timedelta(days=UNCONFIRMED_DAYS)
    Subscription.objects.filter(confirmed_at__isnull=True, created_at__lt=cutoff).delete()
    news = ProgressUpdate.objects.filter(task=OuterRef("task"), published=True, published_at__gt=OuterRef("news_since"))
    due = (Subscription.objects.filter(confirmed_at__isnull=False).filter(Exists(news))
           .filter(Q(last_sent_on__isnull=True) | ~Q(last_sent_on=today)))
    queued = 0
    for subscription_id in due.values_list("pk", flat=True):
        with transaction.atomic():
            subscription = Subscription.objects.select_for_update().filter(pk=subscription_id).first()
            if subscription is None or subscription.last_sent_on == today:
                continue
            subscription.last_sent_on = today
            subscription.save(update_fields=["last_sent_on"])
            enqueue(send_follow_mail, subscription.pk, "digest")
            queued += 1
    return queued


def follower_counts(task_ids):
    """{task id: confirmed followers} (the office sees counts, never addresses)."""
    rows = (Subscription.objects.filter(task__in=task_ids, confirmed_at__isnull=False).values("task")
            .annotate(n=Count("id")))
    return {row["task"]: row["n"] for row in rows}

