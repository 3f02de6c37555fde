"""City leaders, their links (挂钩) to units, projects, industries and enterprises, and the enterprises.

The tables keep their names from the org app they moved out of (``org_leader``...): every row stayed.
"""

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
from org.choices import UnitKind
from org.models import Unit

from .choices import LeaderRole, LinkKind


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

    history = HistoricalRecords(table_name="org_historicalleader")
    objects = ScopedQuerySet.as_manager()
    scope = Scope(write_roles={Role.ADMIN}, reporter_writes=False)

    class Meta:
        db_table = "org_leader"
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

    history = HistoricalRecords(table_name="org_historicalenterprise")
    objects = EnterpriseQuerySet.as_manager()
    # Every staff user reads enterprises; the office keeps them.
    scope = Scope(write_roles={Role.OFFICE}, reporter_writes=False)

    class Meta:
        db_table = "org_enterprise"
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

    history = HistoricalRecords(table_name="org_historicalleaderlink")
    objects = LeaderLinkQuerySet.as_manager()
    scope = Scope(write_roles={Role.ADMIN, Role.OFFICE}, reporter_writes=False)

    class Meta:
        db_table = "org_leaderlink"
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
