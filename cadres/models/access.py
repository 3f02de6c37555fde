"""Reassignment proposals, the department's access grants and the append-only access log."""
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from gaoyou_portal.errors import DomainError
from gaoyou_portal.scoping import ScopedQuerySet
from org.models import Unit

from ..choices import (
    AccessAction,
    ProposalStatus,
)
from .cadre import Cadre
from .scope import CADRE_SCOPE, DEPARTMENT_SCOPE, NeverDeletedModel, RecordQuerySet, _check_dates


class ReassignmentProposal(NeverDeletedModel):
    """A proposal to reassign a unit's leaders after a confirmed "reassignment" consequence (组织调整).

    Sits in the department's queue until it accepts (then records post changes) or declines it.
    """

    unit = models.ForeignKey(Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="+")
    sprint_case_id = models.PositiveBigIntegerField(_("sprint consequence case"), unique=True)
    year = models.PositiveSmallIntegerField(_("year"))
    evidence = models.TextField(pgettext_lazy("cadres", "evidence"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=ProposalStatus.choices, default=ProposalStatus.PENDING
    )
    decision_note = models.TextField(_("decision note"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("decided by"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    history = HistoricalRecords()
    objects = RecordQuerySet.as_manager()
    scope = CADRE_SCOPE

    class Meta:
        ordering = ["status", "-created_at", "-id"]
        verbose_name = _("reassignment proposal")
        verbose_name_plural = _("reassignment proposals")

    def __str__(self):
        return f"{self.unit} · {self.year} · {self.get_status_display()}"


class CadreAccessGrant(NeverDeletedModel):
    """The department's grant of read access to cadre records to one user, for a period; revoked, never deleted."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.PROTECT, related_name="cadre_grants"
    )
    reason = models.CharField(pgettext_lazy("cadres", "reason"), max_length=200)
    starts_on = models.DateField(_("from"), default=timezone.localdate)
    ends_on = models.DateField(_("until"), null=True, blank=True)
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("granted by"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    history = HistoricalRecords()
    objects = RecordQuerySet.as_manager()
    scope = DEPARTMENT_SCOPE

    class Meta:
        ordering = ["revoked_at", "-starts_on", "-id"]
        verbose_name = _("cadre access grant")
        verbose_name_plural = _("cadre access grants")
        constraints = [
            models.CheckConstraint(
                name="cadreaccessgrant_dates_in_order",
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
                violation_error_message=_("The end date cannot be before the start date."),
            )
        ]

    def __str__(self):
        return f"{self.user} · {self.reason}"

    @property
    def is_active(self):
        today = timezone.localdate()
        return self.revoked_at is None and self.starts_on <= today and (self.ends_on is None or self.ends_on >= today)

    def clean(self):
        _check_dates(self.starts_on, self.ends_on, "ends_on")


class AccessLogQuerySet(ScopedQuerySet):
    """Append-only: no bulk update or delete."""

    def reads(self):
        from ..choices import READ_ACTIONS

        return self.filter(action__in=READ_ACTIONS)

    def changes(self):
        from ..choices import READ_ACTIONS

        return self.exclude(action__in=READ_ACTIONS)

    def update(self, **kwargs):
        raise DomainError(_("The access log is append-only."))

    def delete(self):
        raise DomainError(_("The access log is append-only."))

    update.queryset_only = True
    delete.queryset_only = True


class AccessLog(models.Model):
    """One read of cadre data (who, when, what page or endpoint, which cadre), or one change to who may
    read it (department membership, a member's password, token or active state, a grant: the changed
    user in ``object_type``/``object_id``). Append-only. No ``user``: made on the server's console."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="+",
    )
    at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)
    action = models.CharField(_("action"), max_length=10, choices=AccessAction.choices)
    path = models.CharField(_("page or endpoint"), max_length=300)
    cadre = models.ForeignKey(
        Cadre, verbose_name=_("cadre"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    object_type = models.CharField(_("record type"), max_length=60, blank=True)
    object_id = models.PositiveBigIntegerField(_("record"), null=True, blank=True)
    object_ids = models.JSONField(_("records shown"), default=list, blank=True)

    objects = AccessLogQuerySet.as_manager()
    scope = DEPARTMENT_SCOPE

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("access log entry")
        verbose_name_plural = _("access log")

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.user} {self.get_action_display()} {self.path}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise DomainError(_("The access log is append-only."))
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise DomainError(_("The access log is append-only."))
