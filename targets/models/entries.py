"""What is entered against a target: monthly values, stages reached, incidents, the year-end explanation;
and the office's pace thresholds."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from gaoyou_portal.media import PrivateUploadTo
from gaoyou_portal.reporting import ReportingCalendar
from gaoyou_portal.roles import Role
from gaoyou_portal.scoping import Scope
from org.models import Unit

from ..choices import ExplanationState
from .plan import FIGURE, PERCENT, Target, TargetChildQuerySet


class MonthlyValue(models.Model):
    """A unit's value of a reported target for one month, with a note and an evidence file."""

    target = models.ForeignKey(Target, verbose_name=_("target"), on_delete=models.CASCADE, related_name="values")
    unit = models.ForeignKey(Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="target_values")
    month = models.DateField(_("month"), help_text=_("The first day of the month."))
    value = models.DecimalField(_("value"), **FIGURE, validators=[MinValueValidator(0)])
    note = models.TextField(_("note"), blank=True)
    evidence = models.FileField(_("evidence file"), upload_to=PrivateUploadTo("targets/values"), blank=True)
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("entered by"), null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    entered_at = models.DateTimeField(_("entered at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    history = HistoricalRecords()
    objects = TargetChildQuerySet.as_manager()
    scope = Scope(unit_field="unit", write_roles={Role.OFFICE},
                  public=Q(target__is_public=True, target__is_confidential=False))

    class Meta:
        ordering = ["target", "month", "unit__order"]
        verbose_name = _("monthly value")
        verbose_name_plural = _("monthly values")
        constraints = [
            models.UniqueConstraint(fields=["target", "unit", "month"], name="targets_value_unique_month",
                                    violation_error_message=_("This unit already has a value for this month.")),
            models.CheckConstraint(name="targets_value_month_is_first_day", condition=Q(month__day=1),
                                   violation_error_message=_("A month is given by its first day.")),
            models.CheckConstraint(name="targets_value_not_negative", condition=Q(value__gte=0),
                                   violation_error_message=_("A value cannot be negative.")),
        ]
        indexes = [models.Index(fields=["target", "month"])]

    def __str__(self):
        return f"{self.target.code} · {self.unit} · {self.month:%Y-%m}: {self.value.normalize():f}"


class Stage(models.Model):
    """A dated stage (节点) of a milestone target: planned date, and when it was reached with evidence."""

    target = models.ForeignKey(Target, verbose_name=_("target"), on_delete=models.CASCADE, related_name="stages")
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    name = models.CharField(_("stage"), max_length=60)
    planned_date = models.DateField(_("planned date"))
    reached_on = models.DateField(_("reached on"), null=True, blank=True)
    evidence = models.TextField(_("evidence"), blank=True)
    evidence_file = models.FileField(_("evidence file"), upload_to=PrivateUploadTo("targets/stages"), blank=True)

    history = HistoricalRecords()
    objects = TargetChildQuerySet.as_manager()
    scope = Scope(unit_field="target__lead_unit", write_roles={Role.OFFICE},
                  public=Q(target__is_public=True, target__is_confidential=False))

    class Meta:
        ordering = ["target", "planned_date", "order"]
        verbose_name = _("stage")
        verbose_name_plural = _("stages")
        constraints = [
            models.UniqueConstraint(fields=["target", "name"], name="targets_stage_unique_name",
                                    violation_error_message=_("This target already has a stage of this name.")),
        ]

    def __str__(self):
        return f"{self.target.code} · {self.name}"


class Incident(models.Model):
    """An incident counted against a zero target (a household falling back into poverty, a serious petition)."""

    target = models.ForeignKey(Target, verbose_name=_("target"), on_delete=models.CASCADE, related_name="incidents")
    occurred_on = models.DateField(_("occurred on"))
    unit = models.ForeignKey(Unit, verbose_name=_("unit"), null=True, blank=True, on_delete=models.PROTECT,
                             related_name="target_incidents")
    description = models.TextField(pgettext_lazy("targets", "description"))
    reported_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("reported by"), null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    history = HistoricalRecords()
    objects = TargetChildQuerySet.as_manager()
    # The count is public for a public target; the description is staff-only (serializers).
    scope = Scope(unit_field="unit", write_roles={Role.OFFICE},
                  public=Q(target__is_public=True, target__is_confidential=False))

    class Meta:
        ordering = ["target", "-occurred_on"]
        verbose_name = _("incident")
        verbose_name_plural = _("incidents")

    def __str__(self):
        return f"{self.target.code} · {self.occurred_on}"


class Explanation(models.Model):
    """Why a target was not met by its deadline: drafted by the lead unit, approved by the office;
    public once approved, for a public target."""

    target = models.OneToOneField(Target, verbose_name=_("target"), on_delete=models.CASCADE,
                                  related_name="explanation")
    text = models.TextField(_("explanation"))
    state = models.CharField(_("state"), max_length=10, choices=ExplanationState.choices,
                             default=ExplanationState.DRAFT)
    drafted_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("drafted by"), null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("approved by"), null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    history = HistoricalRecords()
    objects = TargetChildQuerySet.as_manager()
    scope = Scope(unit_field="target__lead_unit", write_roles={Role.OFFICE},
                  public=Q(state=ExplanationState.APPROVED, target__is_public=True, target__is_confidential=False))

    class Meta:
        verbose_name = _("year-end explanation")
        verbose_name_plural = _("year-end explanations")

    def __str__(self):
        return f"{self.target.code} · {self.get_state_display()}"

    @property
    def is_public(self):
        return self.state == ExplanationState.APPROVED and self.target.is_public and not self.target.is_confidential


class TargetSettings(models.Model):
    """The pace thresholds and the report deadline, set by the assessment office (one row)."""

    behind_points = models.DecimalField(
        _("behind: points behind pace"), **PERCENT, default=Decimal("10"),
        help_text=_("A target this many percentage points (or more) behind its expected share is behind."))
    at_risk_points = models.DecimalField(
        _("at risk: points behind pace"), **PERCENT, default=Decimal("25"),
        help_text=_("A target this many percentage points (or more) behind its expected share is at risk."))
    at_risk_days = models.PositiveSmallIntegerField(
        _("at risk: days a stage is overdue"), default=30,
        help_text=_("A milestone target whose stage is overdue by more than this many days is at risk."))
    report_deadline_day = models.PositiveSmallIntegerField(
        _("report deadline day"), default=5, validators=[MinValueValidator(1), MaxValueValidator(28)],
        help_text=_("A month's values are due by this day of the next month and locked after it."))
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("target settings")
        verbose_name_plural = _("target settings")
        constraints = [
            models.CheckConstraint(name="targets_settings_behind_below_at_risk",
                                   condition=Q(behind_points__lte=models.F("at_risk_points")),
                                   violation_error_message=_("The behind threshold cannot be above the at-risk one.")),
        ]

    def __str__(self):
        return str(_("Target settings"))

    @classmethod
    def load(cls):
        obj, _created = cls.objects.get_or_create(pk=1)
        return obj

    @property
    def calendar(self):
        """The shared reporting calendar (gaoyou_portal/reporting.py) with this deadline day."""
        return ReportingCalendar(deadline_day=self.report_deadline_day)
