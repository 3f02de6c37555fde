"""A year's scheme: its rules, indicators, the units' annual targets, the office's values and year-end assessments."""
from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from gaoyou_portal.roles import Role
from gaoyou_portal.scoping import Scope, ScopedQuerySet
from org.models import Unit

from ..choices import (
    Derivation,
    IndicatorGroups,
)
from ..permissions import INSIDERS

PERCENT = {"max_digits": 6, "decimal_places": 2}
AMOUNT = {"max_digits": 14, "decimal_places": 2}
# Who reads the race's working material (drafts, schemes, runs): the office, leaders, administrators.


class SprintScheme(models.Model):
    """The rules of one year's race, set by the assessment office."""

    year = models.PositiveIntegerField(_("year"), unique=True, validators=[MinValueValidator(2000)])
    q1_share = models.DecimalField(_("share due by Q1 (%)"), **PERCENT, default=Decimal("30"))
    q2_share = models.DecimalField(
        _("share due by Q2 (%)"), **PERCENT, default=Decimal("60"), help_text=_("The half-year rule.")
    )
    q3_share = models.DecimalField(_("share due by Q3 (%)"), **PERCENT, default=Decimal("80"))
    q4_share = models.DecimalField(_("share due by Q4 (%)"), **PERCENT, default=Decimal("100"))
    cap_percent = models.DecimalField(
        _("cap on a completion rate (%)"), **PERCENT, default=Decimal("120"),
        validators=[MinValueValidator(100), MaxValueValidator(300)],
    )
    town_red_flags = models.PositiveSmallIntegerField(_("red flags, towns and parks"), default=3)
    town_yellow_flags = models.PositiveSmallIntegerField(_("yellow flags, towns and parks"), default=3)
    department_red_flags = models.PositiveSmallIntegerField(_("red flags, departments"), default=3)
    department_yellow_flags = models.PositiveSmallIntegerField(_("yellow flags, departments"), default=3)
    race_weight = models.DecimalField(
        _("weight of the four-race composite (%)"), **PERCENT, default=Decimal("70"),
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    assessment_weight = models.DecimalField(
        _("weight of the year-end assessment (%)"), **PERCENT, default=Decimal("30"),
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    # The bundled assessment of the city leaders (捆绑考核, ``bundle.py``): how much of a leader's score
    # comes from the linked units' composites and how much from the linked projects on schedule.
    bundle_weight_units = models.DecimalField(
        _("bundled assessment: weight of the linked units (%)"), **PERCENT, default=Decimal("50"),
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    bundle_weight_projects = models.DecimalField(
        _("bundled assessment: weight of the linked projects (%)"), **PERCENT, default=Decimal("50"),
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    history = HistoricalRecords()
    objects = ScopedQuerySet.as_manager()
    # The scheme is the rule book every unit is assessed by: all staff read it.
    scope = Scope(write_roles={Role.OFFICE}, reporter_writes=False)

    class Meta:
        ordering = ["-year"]
        verbose_name = _("sprint race scheme")
        verbose_name_plural = _("sprint race schemes")
        constraints = [
            models.CheckConstraint(
                name="sprintscheme_shares_rise_to_100",
                condition=Q(q1_share__gt=0, q1_share__lte=models.F("q2_share"), q2_share__lte=models.F("q3_share"),
                            q3_share__lte=models.F("q4_share"), q4_share=100),
                violation_error_message=_("Quarter shares must rise quarter by quarter and reach 100% at Q4."),
            ),
            models.CheckConstraint(
                name="sprintscheme_composite_weights_100",
                condition=Q(race_weight__gte=0, assessment_weight__gte=0)
                & Q(race_weight=100 - models.F("assessment_weight")),
                violation_error_message=_("The composite weights must add up to 100."),
            ),
            models.CheckConstraint(
                name="sprintscheme_bundle_weights_100",
                condition=Q(bundle_weight_units__gte=0, bundle_weight_projects__gte=0)
                & Q(bundle_weight_units=100 - models.F("bundle_weight_projects")),
                violation_error_message=_("The weights of the bundled assessment must add up to 100."),
            ),
        ]

    def __str__(self):
        return _("Sprint race %(year)s") % {"year": self.year}

    def share(self, quarter):
        return getattr(self, f"q{quarter}_share")

    def flags(self, group):
        """(red, yellow) flag counts of a group."""
        return getattr(self, f"{group}_red_flags"), getattr(self, f"{group}_yellow_flags")


class Indicator(models.Model):
    """One assessed indicator of a year's scheme, with its weight and where its actual value comes from."""

    scheme = models.ForeignKey(
        SprintScheme, verbose_name=_("scheme"), on_delete=models.CASCADE, related_name="indicators"
    )
    code = models.SlugField(_("code"), max_length=40)
    name = models.CharField(_("name"), max_length=100)
    weight = models.DecimalField(
        _("weight"), **PERCENT, validators=[MinValueValidator(Decimal("0.01")), MaxValueValidator(100)]
    )
    measure = models.CharField(_("unit of measure"), max_length=20, help_text=_("For example 个 or 万元."))
    groups = models.CharField(_("applies to"), max_length=12, choices=IndicatorGroups.choices,
                              default=IndicatorGroups.ALL)
    derivation = models.CharField(_("actual value from"), max_length=24, choices=Derivation.choices)
    min_investment = models.DecimalField(
        _("only projects of at least (10k yuan)"), **AMOUNT, default=0, validators=[MinValueValidator(0)],
        help_text=_("For example 10000 for projects over 100 million yuan; 0 counts every project."),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    history = HistoricalRecords()
    objects = ScopedQuerySet.as_manager()
    scope = Scope(write_roles={Role.OFFICE}, reporter_writes=False)

    class Meta:
        ordering = ["scheme", "order", "id"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        constraints = [
            models.UniqueConstraint(
                fields=["scheme", "code"], name="indicator_unique_code",
                violation_error_message=_("This scheme already has an indicator with this code."),
            ),
            models.CheckConstraint(
                name="indicator_weight_positive", condition=Q(weight__gt=0, weight__lte=100),
                violation_error_message=_("A weight is more than 0 and at most 100."),
            ),
        ]

    def __str__(self):
        return self.name

    def applies_to(self, group):
        return self.groups in (IndicatorGroups.ALL, group)

    @property
    def is_manual(self):
        return self.derivation == Derivation.MANUAL


class AnnualTarget(models.Model):
    """A unit's annual assessed target for one indicator (全年考核任务)."""

    indicator = models.ForeignKey(Indicator, verbose_name=_("indicator"), on_delete=models.CASCADE,
                                  related_name="targets")
    unit = models.ForeignKey(Unit, verbose_name=_("unit"), on_delete=models.CASCADE, related_name="sprint_targets")
    target = models.DecimalField(_("annual target"), **AMOUNT)

    history = HistoricalRecords()
    objects = ScopedQuerySet.as_manager()
    # Part of the scheme, circulated with it to all staff.
    scope = Scope(unit_field="unit", write_roles={Role.OFFICE}, reporter_writes=False)

    class Meta:
        ordering = ["indicator", "unit__order"]
        verbose_name = _("annual target")
        verbose_name_plural = _("annual targets")
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "unit"], name="annualtarget_unique",
                violation_error_message=_("This unit already has a target for this indicator."),
            ),
            models.CheckConstraint(
                name="annualtarget_positive", condition=Q(target__gt=0),
                violation_error_message=_("A target must be more than zero."),
            ),
        ]

    def __str__(self):
        return f"{self.unit} · {self.indicator}: {self.target}"


class ManualValue(models.Model):
    """An actual value to date entered by the office, for an indicator it scores by hand."""

    indicator = models.ForeignKey(Indicator, verbose_name=_("indicator"), on_delete=models.CASCADE,
                                  related_name="manual_values")
    unit = models.ForeignKey(Unit, verbose_name=_("unit"), on_delete=models.CASCADE, related_name="+")
    quarter = models.PositiveSmallIntegerField(_("quarter"), validators=[MinValueValidator(1), MaxValueValidator(4)])
    value = models.DecimalField(_("actual value to date"), **AMOUNT, validators=[MinValueValidator(0)])

    history = HistoricalRecords()
    objects = ScopedQuerySet.as_manager()
    scope = Scope(unit_field="unit", write_roles={Role.OFFICE}, reporter_writes=False, read_roles=INSIDERS,
                  reporter_reads="unit")

    class Meta:
        verbose_name = _("value entered by the office")
        verbose_name_plural = _("values entered by the office")
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "unit", "quarter"], name="manualvalue_unique",
                violation_error_message=_("This unit already has a value for this indicator and quarter."),
            ),
            models.CheckConstraint(
                name="manualvalue_not_negative", condition=Q(value__gte=0),
                violation_error_message=_("A value cannot be negative."),
            ),
        ]

    def __str__(self):
        return f"{self.unit} · {self.indicator} Q{self.quarter}: {self.value}"


class YearEndAssessment(models.Model):
    """The office's year-end assessment of a unit (0–100), combined with the four-race composite."""

    year = models.PositiveIntegerField(_("year"))
    unit = models.ForeignKey(Unit, verbose_name=_("unit"), on_delete=models.CASCADE, related_name="+")
    score = models.DecimalField(_("assessment score"), **PERCENT,
                                validators=[MinValueValidator(0), MaxValueValidator(100)])

    history = HistoricalRecords()
    objects = ScopedQuerySet.as_manager()
    scope = Scope(unit_field="unit", write_roles={Role.OFFICE}, reporter_writes=False, read_roles=INSIDERS,
                  reporter_reads="unit")

    class Meta:
        verbose_name = _("year-end assessment")
        verbose_name_plural = _("year-end assessments")
        constraints = [
            models.UniqueConstraint(fields=["year", "unit"], name="yearendassessment_unique",
                                    violation_error_message=_("This unit already has an assessment for this year.")),
            models.CheckConstraint(name="yearendassessment_range", condition=Q(score__gte=0, score__lte=100),
                                   violation_error_message=_("An assessment score is between 0 and 100.")),
        ]

    def __str__(self):
        return f"{self.year} {self.unit}: {self.score}"
