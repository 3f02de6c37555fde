"""Group-robot channels (WeCom, DingTalk, e-mail), their deliveries and the office's Word templates.

The tables keep their names from the org app they moved out of (``org_channel``...): every row stayed.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from gaoyou_portal.media import PrivateUploadTo
from gaoyou_portal.roles import unit_ids_of

from .permissions import is_channel_manager


class ChannelScheme(models.TextChoices):
    WECOM = "wecombot", _("WeCom group robot")
    DINGTALK = "dingtalk", _("DingTalk custom robot")
    EMAIL = "mailto", _("E-mail")


class DeliveryState(models.TextChoices):
    PENDING = "pending", _("Waiting to be sent")
    HELD = "held", _("Held for quiet hours")
    DIGEST = "digest", _("Waiting for the daily digest")
    SENDING = "sending", _("Sending")
    RETRYING = "retrying", _("Failed, will retry")
    SENT = "sent", _("Sent")
    IN_DIGEST = "in_digest", _("Sent in a digest")
    FAILED = "failed", _("Failed")
    UNCERTAIN = "uncertain", _("Interrupted while sending, not resent")


class ChannelQuerySet(models.QuerySet):
    def active(self):
        return self.filter(active=True)

    def routing(self, *, kind, unit_id):
        """Active channels taking notices of ``kind`` about ``unit_id`` (city-wide channels take all units)."""
        unit_q = Q(unit__isnull=True) | Q(unit_id=unit_id) if unit_id else Q(unit__isnull=True)
        return [c for c in self.active().filter(unit_q) if not c.kinds or kind in c.kinds]


class Channel(models.Model):
    """A WeCom group robot, a DingTalk custom robot or a mailbox that receives the portal's notices.

    The robot's URL carries its secret: it is stored encrypted (``notify.channels``), shown only as a hint,
    and kept out of the history.
    """

    name = models.CharField(_("name"), max_length=100)
    scheme = models.CharField(_("kind of channel"), max_length=10, choices=ChannelScheme.choices)
    unit = models.ForeignKey(
        "org.Unit", verbose_name=_("unit"), null=True, blank=True, on_delete=models.CASCADE, related_name="channels",
        help_text=_("Notices about this unit only; empty for a city-wide channel that takes notices about every unit."),
    )
    kinds = models.JSONField(_("kinds of notice"), default=list, blank=True,
                             help_text=_("Empty: every kind of notice."))
    url_encrypted = models.TextField(_("address (encrypted)"), editable=False)
    url_hint = models.CharField(_("address"), max_length=120, editable=False)
    mention = models.BooleanField(_("@-mention the responsible person"), default=True)
    digest = models.BooleanField(_("daily digest"), default=False,
                                 help_text=_("One message a day listing the notices instead of one per notice."))
    active = models.BooleanField(_("active"), default=True)
    consecutive_failures = models.PositiveIntegerField(_("failures in a row"), default=0, editable=False)
    failing_since = models.DateTimeField(_("failing since"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    history = HistoricalRecords(excluded_fields=["url_encrypted", "consecutive_failures"],
                               table_name="org_historicalchannel")
    objects = ChannelQuerySet.as_manager()

    class Meta:
        db_table = "org_channel"
        ordering = ["unit__order", "name", "id"]
        verbose_name = _("notification channel")
        verbose_name_plural = _("notification channels")

    def __str__(self):
        return self.name


class DeliveryQuerySet(models.QuerySet):
    def visible_to(self, user):
        if is_channel_manager(user):
            return self.all()
        units = unit_ids_of(user)
        return self.filter(unit_id__in=units) if units else self.none()


class Delivery(models.Model):
    """One notice (an event) to one channel. ``event_key`` is unique per channel: one event, one message."""

    channel = models.ForeignKey(Channel, verbose_name=_("channel"), on_delete=models.CASCADE,
                                related_name="deliveries")
    event_key = models.CharField(_("event"), max_length=120)
    kind = models.CharField(_("kind of notice"), max_length=40)
    unit = models.ForeignKey("org.Unit", verbose_name=_("unit"), null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="+")
    title = models.CharField(pgettext_lazy("notice", "title"), max_length=200)
    body = models.TextField(_("text"), blank=True)
    link = models.CharField(_("link"), max_length=300, blank=True)
    mobiles = models.JSONField(_("mentioned mobiles"), default=list, blank=True)
    state = models.CharField(_("state"), max_length=10, choices=DeliveryState.choices,
                             default=DeliveryState.PENDING, db_index=True)
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    # A message longer than the robot takes goes in numbered parts; a retry resumes after the last part sent.
    part_count = models.PositiveSmallIntegerField(_("parts"), default=0)
    parts_sent = models.PositiveSmallIntegerField(_("parts sent"), default=0)
    last_answer = models.TextField(_("channel's answer"), blank=True)
    digest = models.ForeignKey("self", verbose_name=_("digest"), null=True, blank=True, on_delete=models.SET_NULL,
                               related_name="items")
    created_at = models.DateTimeField(_("created at"), auto_now_add=True, db_index=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    objects = DeliveryQuerySet.as_manager()

    class Meta:
        db_table = "org_delivery"
        ordering = ["-created_at", "-id"]
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        constraints = [
            models.UniqueConstraint(fields=["channel", "event_key"], name="delivery_unique_channel_event",
                                    violation_error_message=_("This event was already delivered to this channel."))
        ]

    def __str__(self):
        return f"{self.channel} · {self.title}"

    @property
    def portal_path(self):
        """The link as shown in the delivery log: a path inside the portal only."""
        from org.message_text import portal_path

        return portal_path(self.link)


class DeliveryAttempt(models.Model):
    """One try at sending a delivery, with what the channel answered."""

    delivery = models.ForeignKey(Delivery, verbose_name=_("delivery"), on_delete=models.CASCADE,
                                 related_name="attempt_log")
    number = models.PositiveIntegerField(_("attempt"))
    at = models.DateTimeField(_("at"), auto_now_add=True)
    ok = models.BooleanField(_("succeeded"))
    answer = models.TextField(_("channel's answer"), blank=True)

    class Meta:
        db_table = "org_deliveryattempt"
        ordering = ["delivery", "number"]
        verbose_name = _("delivery attempt")
        verbose_name_plural = _("delivery attempts")

    def __str__(self):
        return f"{self.delivery_id}#{self.number}"


class DocumentTemplate(models.Model):
    """The office's own Word template (letterhead, 文号, issuing office, seal line) for one kind of document."""

    kind = models.CharField(_("document"), max_length=40, unique=True)
    file = models.FileField(_("template (.docx)"), upload_to=PrivateUploadTo("document_templates"))
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("uploaded by"), null=True,
                                    on_delete=models.SET_NULL, related_name="+")
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now=True)

    history = HistoricalRecords(table_name="org_historicaldocumenttemplate")

    class Meta:
        db_table = "org_documenttemplate"
        verbose_name = _("document template")
        verbose_name_plural = _("document templates")

    def __str__(self):
        return self.kind


from .sandbox_models import SandboxMessage  # noqa: E402,F401
