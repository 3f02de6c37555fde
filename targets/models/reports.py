"""Reports of record: the mid-year (as at 30 June) and year-end reports the office issues from the plan's data,
and the dated notes that correct a published one (a published report never changes silently)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from gaoyou_portal.roles import Role
from gaoyou_portal.scoping import Scope, ScopedQuerySet

from ..choices import ReportKind, ReportState
from .plan import Plan


class ReportQuerySet(ScopedQuerySet):
    def published(self):
        return self.filter(state=ReportState.PUBLISHED)


class Report(models.Model):
    """One report of record of a year's plan: drafted by the office from the data as at its date, edited,
    approved, then published and frozen. ``content`` is the snapshot of every section's targets."""

    plan = models.ForeignKey(Plan, verbose_name=_("plan"), on_delete=models.PROTECT, related_name="reports")
    kind = models.CharField(pgettext_lazy("targets report", "report"), max_length=8, choices=ReportKind.choices)
    state = models.CharField(_("state"), max_length=10, choices=ReportState.choices, default=ReportState.DRAFT)
    as_of = models.DateField(_("as at"))
    title = models.CharField(pgettext_lazy("targets", "title"), max_length=200)
    summary = models.TextField(pgettext_lazy("targets report", "summary"), blank=True,
                               help_text=_("The office's words above the figures: the year so far, what is behind "
                                           "and what follows."))
    content = models.JSONField(_("figures"), default=dict, editable=False)
    drafted_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("drafted by"), null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    drafted_at = models.DateTimeField(_("drafted at"), null=True, blank=True)
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("approved by"), null=True,
                                    blank=True, on_delete=models.SET_NULL, related_name="+")
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("published by"), null=True,
                                     blank=True, on_delete=models.SET_NULL, related_name="+")
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)

    history = HistoricalRecords()
    objects = ReportQuerySet.as_manager()
    scope = Scope(write_roles={Role.OFFICE}, reporter_writes=False, public=Q(state=ReportState.PUBLISHED))

    class Meta:
        ordering = ["-plan__year", "kind"]
        verbose_name = _("report of record")
        verbose_name_plural = _("reports of record")
        constraints = [
            models.UniqueConstraint(fields=["plan", "kind"], name="targets_report_one_per_kind",
                                    violation_error_message=_("The plan already has this report.")),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("targets:report", kwargs={"year": self.plan.year, "kind": self.kind})

    def get_public_url(self):
        return reverse("targets:public_report", kwargs={"year": self.plan.year, "kind": self.kind})

    @property
    def is_published(self):
        return self.state == ReportState.PUBLISHED


class ReportNote(models.Model):
    """A dated correction or addition to a published report, shown under it (the report itself is frozen)."""

    report = models.ForeignKey(Report, verbose_name=_("report of record"), on_delete=models.CASCADE,
                               related_name="notes")
    text = models.TextField(_("note"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("written by"), null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("written at"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["report", "created_at", "id"]
        verbose_name = _("correction note")
        verbose_name_plural = _("correction notes")

    def __str__(self):
        return f"{self.report} · {self.created_at:%Y-%m-%d}"
