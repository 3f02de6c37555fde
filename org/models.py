"""Organisation: units, unit membership, in-app notices (leaders live in ``leaders``, channels in ``notify``)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from gaoyou_portal.roles import Role
from gaoyou_portal.scoping import Scope, ScopedQuerySet

from .choices import UnitKind


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
