"""Writes of the notify app: notices routed to group-robot channels, their deliveries, the channels
themselves and the office's Word templates.

Notices are org's (``org.services.notify_users``/``notify_unit``); org announces each one
(``org.signals.notice_sent``) and ``on_notice`` here routes it.
"""

import hashlib
import logging
from datetime import time, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from gaoyou_portal import demo_clock
from gaoyou_portal.audit import save_audited
from gaoyou_portal.errors import DomainError, error_text, full_clean, on_field
from gaoyou_portal.roles import Role
from gaoyou_portal.uploads import Purpose, check_upload
from org.notice_kinds import kind_label
from org.services import notify_users

from . import channels as robot
from .models import Channel, Delivery, DeliveryAttempt, DeliveryState
from .permissions import is_channel_manager

logger = logging.getLogger(__name__)


# --- routing to channels ---------------------------------------------------------------------------------------
def _now():
    """The present, one place for tests to move the clock (quiet hours and digests depend on it)."""
    return timezone.now()


def quiet_now(now=None):
    """Whether ``now`` (default: the present) falls in settings.NOTIFY_QUIET_HOURS ("22:00-07:30")."""
    spec = (settings.NOTIFY_QUIET_HOURS or "").strip()
    if not spec:
        return False
    start, end = (time.fromisoformat(part.strip()) for part in spec.split("-"))
    moment = timezone.localtime(now or _now()).time()
    return start <= moment < end if start < end else (moment >= start or moment < end)


def _event_key(*, kind, unit, title, body, link, now):
    """One event = one kind, unit, day and content: the same notice sent twice on a day is one event."""
    digest = hashlib.sha256(f"{title}\x1f{body}\x1f{link}".encode()).hexdigest()[:24]
    return f"{kind}:{unit.pk if unit else '-'}:{timezone.localdate(now).isoformat()}:{digest}"


def on_notice(sender, *, kind, unit, title, body="", link="", mobiles=(), event=None, **kwargs):
    """Receiver of ``org.signals.notice_sent`` (connected in ``apps.py``)."""
    return notice_route(kind=kind, unit=unit, title=title, body=body, link=link, mobiles=mobiles, event=event)


def notice_route(*, kind, unit, title, body="", link="", mobiles=(), event=None, now=None):
    """Record one Delivery per channel that takes this notice and its sending job (the outbox), both in the
    caller's transaction. A channel already holding the event gets nothing new. Returns the deliveries
    created."""
    if demo_clock.is_silenced():  # seed_demo: the demo's deliveries are written by its sandbox seeder
        return []
    now = now or _now()
    targets = Channel.objects.routing(kind=kind, unit_id=unit.pk if unit else None)
    if not targets:
        return []
    key = (event or _event_key(kind=kind, unit=unit, title=str(title), body=str(body), link=link, now=now))[:120]
    mobiles = sorted({m for m in (mobiles() if callable(mobiles) else mobiles) if m})
    quiet = quiet_now(now)
    created = []
    for channel in targets:
        state = DeliveryState.DIGEST if channel.digest else DeliveryState.HELD if quiet else DeliveryState.PENDING
        delivery, new = Delivery.objects.get_or_create(
            channel=channel, event_key=key,
            defaults={"kind": kind, "unit": unit, "title": str(title)[:200], "body": str(body), "link": link,
                      "mobiles": mobiles if channel.mention else [], "state": state},
        )
        if new:
            created.append(delivery)
            if state == DeliveryState.PENDING:
                _enqueue(delivery.pk)
    return created


def _enqueue(delivery_id):
    """Queue the sending of a delivery through the outbox (``gaoyou_portal.tasks.enqueue``): its job is a row
    written with the delivery, sent to the broker after the commit, and sent again by the sweeper while it
    waits, so a delivery accepted while Redis is down leaves once it is back."""
    from gaoyou_portal.tasks import enqueue

    from .tasks import deliver

    enqueue(deliver, delivery_id)


# --- one delivery --------------------------------------------------------------------------------------------
RETRY = "retry"


def delivery_attempt(*, delivery_id, final=False):
    """Try to send one delivery, at most once per claim.

    1. Claim it (state SENDING, attempt counted) in its own committed transaction.
    2. Send through apprise, outside any transaction. A message longer than the robot takes goes in numbered
       parts (notify.channels.compose_parts); each part the robot accepted is recorded at once, so a retry sends
       only the parts not yet sent.
    3. Record the attempt: SENT; RETRYING (returns ``RETRY``) while attempts remain; FAILED after the last
       (or at once when ``final``: a test message is tried once).
    A delivery found still SENDING was interrupted mid-send (worker stopped or restarted): whether the robot
    got it cannot be known, so it is marked UNCERTAIN and not sent again.
    """
    with transaction.atomic():
        delivery = Delivery.objects.select_for_update().select_related("channel").filter(pk=delivery_id).first()
        if delivery is None:
            return "gone"
        if delivery.state == DeliveryState.SENDING:
            delivery.state = DeliveryState.UNCERTAIN
            delivery.last_answer = _("The worker stopped while sending; not sent again so nobody gets it twice.")
            delivery.save(update_fields=["state", "last_answer"])
            return delivery.state
        if delivery.state not in (DeliveryState.PENDING, DeliveryState.RETRYING):
            return delivery.state
        if quiet_now():
            delivery.state = DeliveryState.HELD
            delivery.save(update_fields=["state"])
            return delivery.state
        delivery.state = DeliveryState.SENDING
        delivery.attempts += 1
        delivery.save(update_fields=["state", "attempts"])
    channel = delivery.channel
    try:
        ok, answer = robot.send(encrypted_url=channel.url_encrypted, scheme=channel.scheme, title=delivery.title,
                                body=delivery.body, link=delivery.link, mobiles=delivery.mobiles,
                                first_part=delivery.parts_sent + 1, on_part_sent=_part_sent(delivery))
    except ValidationError as exc:
        ok, answer = False, error_text(exc, sep=" ")
    except Exception:  # apprise raising is a failed attempt, never a lost claim; its text is not shown
        logger.exception("delivery %s raised", delivery.pk)
        ok, answer = False, robot.refused()
    return _attempt_record(delivery=delivery, ok=ok, answer=answer, final=final)


def _part_sent(delivery):
    """Record each part the robot accepted at once (committed), so that a retry sends only the rest."""
    def record(number, count):
        delivery.parts_sent, delivery.part_count = number, count
        Delivery.objects.filter(pk=delivery.pk).update(parts_sent=number, part_count=count)
    return record


@transaction.atomic
def _attempt_record(*, delivery, ok, answer, final=False):
    DeliveryAttempt.objects.create(delivery=delivery, number=delivery.attempts, ok=ok, answer=answer)
    delivery.last_answer = answer
    channel = Channel.objects.select_for_update().get(pk=delivery.channel_id)
    if ok:
        delivery.state, delivery.sent_at = DeliveryState.SENT, timezone.now()
        delivery.save(update_fields=["state", "sent_at", "last_answer"])
        Delivery.objects.filter(digest=delivery).update(state=DeliveryState.IN_DIGEST, sent_at=delivery.sent_at)
        if channel.consecutive_failures or channel.failing_since:
            channel.consecutive_failures, channel.failing_since = 0, None
            save_audited(channel, user=None, update_fields=["consecutive_failures", "failing_since"],
                         reason=_("Delivered again"))
        return delivery.state
    if delivery.attempts < settings.NOTIFY_MAX_ATTEMPTS and not final:
        delivery.state = DeliveryState.RETRYING
        delivery.save(update_fields=["state", "last_answer"])
        return RETRY
    delivery.state = DeliveryState.FAILED
    delivery.save(update_fields=["state", "last_answer"])
    channel.consecutive_failures += 1
    fields = ["consecutive_failures"]
    if channel.consecutive_failures >= settings.NOTIFY_FAILING_AFTER and channel.failing_since is None:
        channel.failing_since = timezone.now()
        fields.append("failing_since")
        _tell_office_failing(channel, answer)
    save_audited(channel, user=None, update_fields=fields, reason=_("Delivery failed"))
    return delivery.state


def _tell_office_failing(channel, answer):
    from django.contrib.auth import get_user_model
    from django.urls import reverse

    office = get_user_model().objects.filter(groups__name__in=[Role.OFFICE], is_active=True).distinct()
    notify_users(
        users=list(office), kind="channel_failing", email=False, channels=False,
        title=_("Notification channel “%(name)s” keeps failing") % {"name": channel.name},
        body=_("%(count)d messages in a row could not be delivered. Last answer: %(answer)s") % {
            "count": channel.consecutive_failures, "answer": answer or "—"},
        link=reverse("channels:delivery_list") + f"?channel={channel.pk}",
    )


# --- the beat jobs: quiet hours and digests ------------------------------------------------------------------
def deliveries_release(*, now=None):
    """After quiet hours, queue the held deliveries (run every few minutes by beat). Returns how many."""
    if quiet_now(now):
        return 0
    with transaction.atomic():
        ids = list(Delivery.objects.select_for_update().filter(state=DeliveryState.HELD).values_list("pk", flat=True))
        Delivery.objects.filter(pk__in=ids).update(state=DeliveryState.PENDING)
        for pk in ids:
            _enqueue(pk)
    return len(ids)


def retry_delay(attempts):
    """Seconds to wait after the ``attempts``-th failed attempt: 30 s, 1, 2, 4 min ... at most an hour."""
    return min(30 * 2 ** max(attempts - 1, 0), 3600)


def deliveries_retry(*, now=None):
    """Queue again, through the outbox, each delivery that failed an attempt and has waited its delay
    (``retry_delay``); run by the housekeeping beat. It is PENDING again with its job, so it is queued once.
    Returns how many."""
    from django.db.models import Max

    now = now or timezone.now()
    with transaction.atomic():
        waiting = list(Delivery.objects.select_for_update(skip_locked=True).filter(state=DeliveryState.RETRYING)
                       .values_list("pk", "attempts"))
        last = dict(DeliveryAttempt.objects.filter(delivery_id__in=[pk for pk, _n in waiting])
                    .values("delivery_id").annotate(at=Max("at")).values_list("delivery_id", "at"))
        due = [pk for pk, attempts in waiting
               if last.get(pk) is None or (now - last[pk]).total_seconds() >= retry_delay(attempts)]
        Delivery.objects.filter(pk__in=due).update(state=DeliveryState.PENDING)
        for pk in due:
            _enqueue(pk)
    return len(due)


def deliveries_orphaned_requeue(*, now=None, grace=timedelta(minutes=10)):
    """Queue (outbox) each delivery PENDING ``grace`` after it was made with no open job for it: one accepted
    before deliveries went through the outbox, its broker message lost. Housekeeping; returns how many."""
    from gaoyou_portal.models import Job, JobState

    now = now or timezone.now()
    with transaction.atomic():
        pending = set(Delivery.objects.select_for_update(skip_locked=True)
                      .filter(state=DeliveryState.PENDING, created_at__lte=now - grace).values_list("pk", flat=True))
        open_jobs = Job.objects.filter(task="org.deliver", state__in=[JobState.WAITING, JobState.RUNNING])
        queued = {args[0] for args in open_jobs.values_list("args", flat=True) if args}
        orphans = sorted(pending - queued)
        for pk in orphans:
            _enqueue(pk)
    return len(orphans)


def digests_send(*, now=None):
    """Once a day from settings.NOTIFY_DIGEST_HOUR, gather each digest channel's waiting notices into one
    delivery (its key ``digest:<date>`` makes it one a day). Returns the digests created."""
    now = now or _now()
    local = timezone.localtime(now)
    if local.hour < settings.NOTIFY_DIGEST_HOUR:
        return 0
    made = 0
    for channel in Channel.objects.active().filter(digest=True):
        with transaction.atomic():
            items = list(Delivery.objects.select_for_update().filter(channel=channel, state=DeliveryState.DIGEST)
                         .order_by("created_at", "id"))
            if not items:
                continue
            day = formats.date_format(local.date())
            lines = [f"· 【{kind_label(item.kind)}】{item.title}"
                     + (f"：{robot.absolute_link(item.link)}" if item.link else "") for item in items]
            digest, new = Delivery.objects.get_or_create(
                channel=channel, event_key=f"digest:{local.date().isoformat()}",
                defaults={"kind": "digest", "unit": channel.unit, "link": "/notices/",
                          "title": _("Daily digest %(date)s: %(count)d notices") % {"date": day, "count": len(items)},
                          "body": "\n".join(lines),
                          "state": DeliveryState.HELD if quiet_now(now) else DeliveryState.PENDING},
            )
            if not new:
                continue
            Delivery.objects.filter(pk__in=[i.pk for i in items]).update(digest=digest, state=DeliveryState.IN_DIGEST)
            if digest.state == DeliveryState.PENDING:
                _enqueue(digest.pk)
            made += 1
    return made


# --- configuring channels -------------------------------------------------------------------------------------
def _require_manager(user):
    if not is_channel_manager(user):
        raise DomainError(_("Only the assessment office configures notification channels."))


def _apply_address(channel, *, address, secret):
    try:
        scheme, url, hint = robot.parse_address(address, secret=secret)
    except ValidationError as exc:
        raise on_field(exc, "address") from None
    channel.scheme, channel.url_encrypted, channel.url_hint = scheme, robot.encrypt(url), hint
    return url


@transaction.atomic
def channel_test(*, channel, user):
    """Queue a test message to ``channel`` through the outbox (tried once); the result appears in the
    delivery log. No web request waits on the channel's host. Returns the delivery."""
    from uuid import uuid4

    from gaoyou_portal.tasks import enqueue
    from org.notice_kinds import TEST

    from .tasks import channel_test_send

    _require_manager(user)
    delivery = Delivery.objects.create(
        channel=channel, event_key=f"test:{uuid4().hex}", kind=TEST, unit=channel.unit, link="/",
        title=_("Test message from the Gaoyou target portal"),
        body=_("This channel will receive the portal's notices. Sent by %(user)s.") % {
            "user": user.get_full_name() or user.username},
        state=DeliveryState.PENDING)
    enqueue(channel_test_send, delivery.pk)
    return delivery


@transaction.atomic
def channel_save(*, user, data, channel=None, test_first=False):
    """Create or change a channel. ``data``: name, unit, kinds, address (required for a new channel, else
    optional), secret, mention, digest, active. With ``test_first`` a test message is queued once it is saved
    (its result in the delivery log: nothing here waits on the channel's host)."""
    _require_manager(user)
    channel = channel or Channel()
    for field in ("name", "unit", "kinds", "mention", "digest", "active"):
        if field in data:
            setattr(channel, field, data[field])
    channel.name = (channel.name or "").strip()
    if not channel.name:
        raise DomainError({"name": [_("Give the channel a name.")]})
    if data.get("address") or not channel.pk:
        if not data.get("address"):
            raise DomainError({"address": [_("Enter the robot's address.")]})
        _apply_address(channel, address=data["address"], secret=data.get("secret", ""))
    elif data.get("secret"):
        raise DomainError({"address": [_("Enter the address again together with the new secret.")]})
    full_clean(channel, exclude=["url_encrypted", "url_hint"])
    save_audited(channel, user=user, reason=_("Channel saved"))
    if test_first:
        channel_test(channel=channel, user=user)
    return channel


@transaction.atomic
def channel_delete(*, channel, user):
    _require_manager(user)
    channel._history_user = user
    channel.delete()



# --- the office's Word templates ---------------------------------------------------------------------------

@transaction.atomic
def document_template_upload(*, kind, upload, user):
    """Keep the office's template for ``kind`` (a gaoyou_portal.documents.DocumentKind) after checking it:
    a .docx with only placeholders the portal fills. A refused file saves nothing."""
    from django.core.files.base import ContentFile

    from gaoyou_portal.documents import validate_template

    from .models import DocumentTemplate

    _require_manager(user)
    name = getattr(upload, "name", "") or ""
    if not name.lower().endswith(".docx"):
        raise DomainError({"file": [_("The template must be a Word .docx file; “%(name)s” is not.") % {
            "name": name}]})
    check_upload(upload, purpose=Purpose.WORD_TEMPLATE, field="file")  # size, zip structure, no XML entities
    data = upload.read()
    try:
        validate_template(data, kind)
    except ValidationError as exc:
        raise on_field(exc, "file") from None
    template = DocumentTemplate.objects.filter(kind=kind.code).first() or DocumentTemplate(kind=kind.code)
    if template.pk and template.file:
        template.file.delete(save=False)
    template.file.save(f"{kind.code}.docx", ContentFile(data), save=False)
    template.uploaded_by = user
    save_audited(template, user=user, reason=_("Template uploaded"))
    return template


@transaction.atomic
def document_template_delete(*, kind, user):
    """Go back to the portal's default template for ``kind``."""
    from .models import DocumentTemplate

    _require_manager(user)
    for template in DocumentTemplate.objects.filter(kind=kind.code):
        template.file.delete(save=False)
        template._history_user = user
        template.delete()
