"""Organisation: units, city leaders and their links, unit membership, notices."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from gaoyou_portal.credit_codes import validate_credit_code
from gaoyou_portal.roles import Role
from gaoyou_portal.scoping import Scope, ScopedQuerySet

from .choices import LeaderRole, LinkKind, UnitKind


class UnitQuerySet(ScopedQuerySet):
    def active(self):
        return self.filter(active=True)

    def towns_and_parks(self):
        return self.filter(kind__in=[UnitKind.TOWN, UnitKind.PARK])

    def departments(self):
        return self.filter(kind=UnitKind.DEPARTMENT)

    def in_sprint_race(self):
        """Active units assessed in the quarterly sprint race."""
        return self.filter(active=True, in_sprint_race=True)


class Unit(models.Model):
    """A town (or subdistrict), an industrial park or a service department of the city."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    short_name = models.CharField(_("short name"), max_length=30, blank=True)
    code = models.SlugField(_("code"), max_length=40, unique=True, help_text=_("Stable code used in imports."))
    kind = models.CharField(_("kind"), max_length=12, choices=UnitKind.choices)
    active = models.BooleanField(_("active"), default=True)
    in_sprint_race = models.BooleanField(
        _("assessed in the sprint race"), default=True,
        help_text=_("Units not assessed (the assessment office itself, the organisation department) get no "
                    "targets, score, rank or flag."),
    )
    order = models.PositiveIntegerField(_("order"), default=0)

    history = HistoricalRecords()
    objects = UnitQuerySet.as_manager()
    # Units are not secret: every staff user reads them; only administrators change them.
    scope = Scope(unit_field="pk", write_roles={Role.ADMIN}, reporter_writes=False)

    class Meta:
        ordering = ["order", "id"]
        verbose_name = _("unit")
        verbose_name_plural = _("units")

    def __str__(self):
        return self.name

    @property
    def display_name(self):
        return self.short_name or self.name

    @property
    def group(self):
        """The sprint-race ranking group: towns and parks together, departments apart."""
        return "department" if self.kind == UnitKind.DEPARTMENT else "town"


class Leader(models.Model):
    """A city leader (市领导), linked to units, projects, industries and enterprises."""

    name = models.CharField(_("name"), max_length=50)
    role = models.CharField(_("role"), max_length=24, choices=LeaderRole.choices, default=LeaderRole.OTHER)
    title = models.CharField(_("title"), max_length=100, help_text=_("The full post, for example 市委常委、副市长."))
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="leader",
    )
    mobile = models.CharField(
        _("mobile"), max_length=20, blank=True,
        help_text=_("Mentioned (@) in group-robot messages that concern this leader."),
    )
    active = models.BooleanField(_("active"), default=True)
    order = models.PositiveIntegerField(_("order"), default=0)

    history = HistoricalRecords()
    objects = ScopedQuerySet.as_manager()
    scope = Scope(write_roles={Role.ADMIN}, reporter_writes=False)

    class Meta:
        ordering = ["order", "id"]
        verbose_name = _("city leader")
        verbose_name_plural = _("city leaders")

    def __str__(self):
        return f"{self.name}（{self.title}）"

    def get_absolute_url(self):
        return reverse("leaders:workspace", args=[self.pk])


class EnterpriseQuerySet(ScopedQuerySet):
    def active(self):
        return self.filter(active=True)


class Enterprise(models.Model):
    """An enterprise (企业) in its own right: the record a leader's enterprise link names, and the firm behind
    a case on the safety ledgers (safety's ``ChemicalFirm.enterprise``) where the same firm appears."""

    name = models.CharField(_("name"), max_length=200)
    credit_code = models.CharField(
        _("unified social credit code"), max_length=18, null=True, blank=True, unique=True,
        validators=[validate_credit_code],
        error_messages={"unique": _("An enterprise with this unified social credit code already exists.")},
        help_text=_("18 characters (GB 32100); left empty while not yet known."),
    )
    town = models.ForeignKey(
        Unit, verbose_name=_("town or park"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="enterprises", limit_choices_to={"kind__in": [UnitKind.TOWN, UnitKind.PARK]},
    )
    industry = models.CharField(_("industry"), max_length=50, blank=True)
    active = models.BooleanField(
        _("in business"), default=True, help_text=_("An enterprise closed or struck off takes no new links."),
    )

    history = HistoricalRecords()
    objects = EnterpriseQuerySet.as_manager()
    # Every staff user reads enterprises; the office keeps them.
    scope = Scope(write_roles={Role.OFFICE}, reporter_writes=False)

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("enterprise")
        verbose_name_plural = _("enterprises")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("enterprises:enterprise_edit", args=[self.pk])


class LeaderLinkQuerySet(ScopedQuerySet):
    def current(self, day=None):
        """Links in force on ``day`` (default: today): started by then and not ended before."""
        day = day or timezone.localdate()
        return self.filter(Q(ended_on__isnull=True) | Q(ended_on__gt=day), started_on__lte=day)

    def active(self):
        """Links not ended (a link starting later is active too)."""
        return self.filter(ended_on__isnull=True)


class LeaderLink(models.Model):
    """A leader's link (挂钩) to a town or park, a project, an industry or an enterprise.

    Links are never deleted: one that ends gets ``ended_on`` and stays as history.
    """

    leader = models.ForeignKey(Leader, verbose_name=_("leader"), on_delete=models.CASCADE, related_name="links")
    kind = models.CharField(_("kind"), max_length=12, choices=LinkKind.choices)
    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), null=True, blank=True, on_delete=models.CASCADE, related_name="leader_links"
    )
    content_type = models.ForeignKey(
        ContentType, verbose_name=_("linked record type"), null=True, blank=True, on_delete=models.CASCADE
    )
    object_id = models.PositiveBigIntegerField(_("linked record"), null=True, blank=True)
    target = GenericForeignKey("content_type", "object_id")
    enterprise = models.ForeignKey(
        Enterprise, verbose_name=_("enterprise"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="leader_links",
    )
    name = models.CharField(_("industry"), max_length=100, blank=True)
    started_on = models.DateField(_("started on"), default=timezone.localdate)
    ended_on = models.DateField(_("ended on"), null=True, blank=True)

    history = HistoricalRecords()
    objects = LeaderLinkQuerySet.as_manager()
    scope = Scope(write_roles={Role.ADMIN, Role.OFFICE}, reporter_writes=False)

    class Meta:
        verbose_name = _("leader link")
        verbose_name_plural = _("leader links")
        indexes = [models.Index(fields=["content_type", "object_id"])]
        constraints = [
            models.CheckConstraint(
                name="leaderlink_target_matches_kind",
                condition=(
                    Q(kind=LinkKind.UNIT, unit__isnull=False)
                    | Q(kind=LinkKind.PROJECT, object_id__isnull=False)
                    | (Q(kind=LinkKind.INDUSTRY) & ~Q(name=""))
                    | Q(kind=LinkKind.ENTERPRISE, enterprise__isnull=False)
                ),
                violation_error_message=_("A link names the unit, project, industry or enterprise it links to."),
            ),
            models.CheckConstraint(
                name="leaderlink_ends_after_start",
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=models.F("started_on")),
                violation_error_message=_("A link cannot end before it starts."),
            ),
            # One active link per leader and record: the same town, project, industry or enterprise twice is
            # a mistake (an ended link may be followed by a new one).
            models.UniqueConstraint(
                fields=["leader", "unit"], condition=Q(ended_on__isnull=True, kind=LinkKind.UNIT),
                name="leaderlink_one_active_unit",
                violation_error_message=_("This leader is already linked to this record."),
            ),
            models.UniqueConstraint(
                fields=["leader", "content_type", "object_id"],
                condition=Q(ended_on__isnull=True, kind=LinkKind.PROJECT),
                name="leaderlink_one_active_project",
                violation_error_message=_("This leader is already linked to this record."),
            ),
            models.UniqueConstraint(
                fields=["leader", "name"], condition=Q(ended_on__isnull=True, kind=LinkKind.INDUSTRY),
                name="leaderlink_one_active_industry",
                violation_error_message=_("This leader is already linked to this record."),
            ),
            models.UniqueConstraint(
                fields=["leader", "enterprise"], condition=Q(ended_on__isnull=True, kind=LinkKind.ENTERPRISE),
                name="leaderlink_one_active_enterprise",
                violation_error_message=_("This leader is already linked to this record."),
            ),
        ]

    def __str__(self):
        return f"{self.leader.name} → {self.get_kind_display()}：{self.target_name}"

    @property
    def target_name(self):
        """What the link names, for a reader (one query for a project link unless prefetched)."""
        if self.kind == LinkKind.UNIT:
            return str(self.unit)
        if self.kind == LinkKind.PROJECT:
            return str(self.target) if self.target is not None else "—"
        if self.kind == LinkKind.ENTERPRISE:
            return str(self.enterprise)
        return self.name

    @property
    def is_active(self):
        return self.ended_on is None


class Membership(models.Model):
    """A user's membership of a unit: a reporter enters the records of the units they belong to."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="memberships"
    )
    unit = models.ForeignKey(Unit, verbose_name=_("unit"), on_delete=models.CASCADE, related_name="memberships")
    position = models.CharField(_("position"), max_length=100, blank=True)
    mobile = models.CharField(
        _("mobile"), max_length=20, blank=True,
        help_text=_("Mentioned (@) in group-robot messages to the unit (DingTalk)."),
    )
    is_head = models.BooleanField(
        _("head of the unit"), default=False,
        help_text=_("The unit's head (单位负责人): escalating reminders reach them on a deadline day and after it."),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("unit membership")
        verbose_name_plural = _("unit memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "unit"],
                name="membership_unique_user_unit",
                violation_error_message=_("This user is already a member of this unit."),
            )
        ]

    def __str__(self):
        return f"{self.user} @ {self.unit}"


class NoticeQuerySet(models.QuerySet):
    def for_user(self, user):
        return self.filter(recipient=user)

    def unread(self):
        return self.filter(read_at__isnull=True)


class Notice(models.Model):
    """An in-app notice to one user (reminders, publications, overdue cases). Sent by services.notify_*."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recipient"), on_delete=models.CASCADE, related_name="notices"
    )
    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), null=True, blank=True, on_delete=models.CASCADE, related_name="notices"
    )
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("text"), blank=True)
    link = models.CharField(_("link"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True, db_index=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)

    objects = NoticeQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("notice")
        verbose_name_plural = _("notices")

    def __str__(self):
        return self.title

    @property
    def portal_path(self):
        """The link as shown: a path inside the portal, never another site's address."""
        from .message_text import portal_path

        return portal_path(self.link)


from .channel_models import Channel, Delivery, DeliveryAttempt, DocumentTemplate  # noqa: E402,F401
from .sandbox_models import SandboxMessage  # noqa: E402,F401
