"""The quarterly sprint race (季度冲刺赛): the year's scheme, targets, races, scores, runs,
composite evaluations and consequence cases.

A scheme holds the year's indicators (weights per group sum to 100), each unit's annual target per
indicator, the share of the annual target due by each quarter, the flag counts and the composite
weights. A race is one quarter; its scores are written only by the scoring service, wholesale, in
one transaction (the run record is their audit trail).
"""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from gaoyou_portal.roles import Role
from gaoyou_portal.scoping import Scope, ScopedQuerySet
from leaders.models import Leader
from org.models import Unit

from .choices import (
    CaseStatus,
    ConsequenceKind,
    Derivation,
    Flag,
    Group,
    HonourStatus,
    IndicatorGroups,
    InterviewStatus,
    RaceStatus,
    RunStatus,
    RunTrigger,
)
from .permissions import CASE_READERS, INSIDERS

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


class SprintRaceQuerySet(ScopedQuerySet):
    def published(self):
        return self.filter(status=RaceStatus.PUBLISHED)


class SprintRace(models.Model):
    """One quarter's race. A draft until the office publishes it; a published race is frozen."""

    scheme = models.ForeignKey(SprintScheme, verbose_name=_("scheme"), on_delete=models.PROTECT, related_name="races")
    year = models.PositiveIntegerField(_("year"))
    quarter = models.PositiveSmallIntegerField(_("quarter"), validators=[MinValueValidator(1), MaxValueValidator(4)])
    status = models.CharField(_("status"), max_length=10, choices=RaceStatus.choices, default=RaceStatus.DRAFT)
    scored_at = models.DateTimeField(_("scored at"), null=True, blank=True)
    input_digest = models.CharField(_("input digest"), max_length=64, blank=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("published by"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )

    history = HistoricalRecords()
    objects = SprintRaceQuerySet.as_manager()
    # Drafts are the office's working material; everyone else sees published races only.
    scope = Scope(write_roles={Role.OFFICE}, reporter_writes=False, read_roles=INSIDERS,
                  staff_reads=Q(status=RaceStatus.PUBLISHED), public=Q(status=RaceStatus.PUBLISHED))

    class Meta:
        ordering = ["-year", "-quarter"]
        verbose_name = _("sprint race")
        verbose_name_plural = _("sprint races")
        constraints = [
            models.UniqueConstraint(fields=["year", "quarter"], name="sprintrace_unique_quarter",
                                    violation_error_message=_("This quarter already has a race.")),
            models.CheckConstraint(name="sprintrace_quarter_1_to_4", condition=Q(quarter__gte=1, quarter__lte=4),
                                   violation_error_message=_("A quarter is 1 to 4.")),
        ]

    def __str__(self):
        return _("%(year)s Q%(quarter)s sprint race") % {"year": self.year, "quarter": self.quarter}

    @property
    def is_published(self):
        return self.status == RaceStatus.PUBLISHED


class SprintScore(models.Model):
    """A unit's score in one race, with its rank and flag in its group and the breakdown behind it.

    ``breakdown`` is a list of ``{indicator, code, name, measure, weight, derivation, actual, annual_target,
    target, rate, capped_rate, points}`` (decimals as strings) so every figure can be explained.
    ``rank`` is shared by equal scores (1, 2, 2, 4); ``position`` is the row order (1..n, unique).
    """

    race = models.ForeignKey(SprintRace, verbose_name=_("race"), on_delete=models.CASCADE, related_name="scores")
    unit = models.ForeignKey(Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="sprint_scores")
    group = models.CharField(_("group"), max_length=12, choices=Group.choices)
    score = models.DecimalField(_("score"), max_digits=7, decimal_places=2)
    rank = models.PositiveSmallIntegerField(pgettext_lazy("ranking", "rank"))
    position = models.PositiveSmallIntegerField(pgettext_lazy("ranking", "position"))
    flag = models.CharField(_("flag"), max_length=6, choices=Flag.choices, null=True, blank=True)
    half_year_met = models.BooleanField(_("half-year rule met"), null=True, blank=True)
    breakdown = models.JSONField(_("breakdown"), default=list)

    objects = ScopedQuerySet.as_manager()
    # A published race's scores and breakdowns are circulated to all staff, as the printed bulletin is;
    # the scores of a draft stay with the office, the leaders and the administrators.
    scope = Scope(unit_field="unit", write_roles={Role.OFFICE}, reporter_writes=False, read_roles=INSIDERS,
                  staff_reads=Q(race__status=RaceStatus.PUBLISHED))

    class Meta:
        ordering = ["race", "group", "position"]
        verbose_name = _("sprint score")
        verbose_name_plural = _("sprint scores")
        constraints = [
            models.UniqueConstraint(fields=["race", "unit"], name="sprintscore_one_per_unit",
                                    violation_error_message=_("This unit already has a score in this race.")),
        ]

    def __str__(self):
        return f"{self.race} · {self.unit}: {self.score}"


class ScoringRun(models.Model):
    """One run of the scoring job: who or what started it, when, how long, on which inputs."""

    race = models.ForeignKey(SprintRace, verbose_name=_("race"), null=True, blank=True, on_delete=models.CASCADE,
                             related_name="runs")
    year = models.PositiveIntegerField(_("year"))
    quarter = models.PositiveSmallIntegerField(_("quarter"))
    trigger = models.CharField(_("started by"), max_length=10, choices=RunTrigger.choices)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )
    status = models.CharField(_("status"), max_length=10, choices=RunStatus.choices, default=RunStatus.QUEUED)
    queued_at = models.DateTimeField(_("queued at"), auto_now_add=True)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    duration_ms = models.PositiveIntegerField(_("duration (ms)"), null=True, blank=True)
    input_digest = models.CharField(_("input digest"), max_length=64, blank=True)
    score_count = models.PositiveIntegerField(_("scores written"), default=0)
    message = models.TextField(_("message"), blank=True)

    objects = ScopedQuerySet.as_manager()
    scope = Scope(write_roles={Role.OFFICE}, reporter_writes=False, read_roles=INSIDERS)

    class Meta:
        ordering = ["-queued_at", "-id"]
        verbose_name = _("scoring run")
        verbose_name_plural = _("scoring runs")

    def __str__(self):
        return f"{self.year} Q{self.quarter} · {self.get_status_display()}"

    @property
    def active(self):
        return self.status in (RunStatus.QUEUED, RunStatus.RUNNING)


class CompositeEvaluation(models.Model):
    """A unit's composite standing for a year: the four-race composite and the year-end composite."""

    year = models.PositiveIntegerField(_("year"))
    unit = models.ForeignKey(Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="+")
    group = models.CharField(_("group"), max_length=12, choices=Group.choices)
    race_scores = models.JSONField(_("quarterly scores"), default=list)
    race_composite = models.DecimalField(_("four-race composite"), max_digits=7, decimal_places=2)
    race_rank = models.PositiveSmallIntegerField(_("four-race rank"))
    assessment = models.DecimalField(_("year-end assessment"), **PERCENT)
    year_end_score = models.DecimalField(_("year-end composite"), max_digits=7, decimal_places=2)
    year_end_rank = models.PositiveSmallIntegerField(_("year-end rank"))
    group_size = models.PositiveSmallIntegerField(_("units in the group"))
    race_bottom_three = models.BooleanField(_("bottom 3 of the four-race composite"), default=False)
    year_end_bottom_two = models.BooleanField(_("bottom 2 at year end"), default=False)
    evaluated_at = models.DateTimeField(_("evaluated at"), auto_now=True)

    objects = ScopedQuerySet.as_manager()
    scope = Scope(unit_field="unit", write_roles={Role.OFFICE}, reporter_writes=False,
                  read_roles=CASE_READERS, reporter_reads="unit")

    class Meta:
        ordering = ["-year", "group", "year_end_rank", "unit__order"]
        verbose_name = _("composite evaluation")
        verbose_name_plural = _("composite evaluations")
        constraints = [
            models.UniqueConstraint(fields=["year", "unit"], name="compositeevaluation_unique",
                                    violation_error_message=_("This unit already has a composite for this year.")),
        ]

    def __str__(self):
        return f"{self.year} {self.unit}: {self.year_end_score}"


class ConsequenceCase(models.Model):
    """A consequence the system proposes for a unit, with the evidence; the office confirms or dismisses it.

    Confirming sends ``projects.sprint.signals.consequence_confirmed`` (the cadres app listens).
    """

    unit = models.ForeignKey(Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="consequence_cases")
    year = models.PositiveIntegerField(_("year"))
    kind = models.CharField(_("consequence"), max_length=14, choices=ConsequenceKind.choices)
    status = models.CharField(_("status"), max_length=10, choices=CaseStatus.choices, default=CaseStatus.PROPOSED)
    evidence = models.TextField(pgettext_lazy("sprint", "evidence"))
    reason = models.TextField(_("reason for the decision"), blank=True)
    proposed_at = models.DateTimeField(_("proposed at"), auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("decided by"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    # The half-year rule warns the unit and its leaders once per case (``consequences.half_year_warn``).
    warned_at = models.DateTimeField(_("warning sent at"), null=True, blank=True)

    history = HistoricalRecords()
    objects = ScopedQuerySet.as_manager()
    scope = Scope(unit_field="unit", write_roles={Role.OFFICE}, reporter_writes=False,
                  read_roles=CASE_READERS, reporter_reads="unit")

    class Meta:
        ordering = ["-year", "status", "unit__order", "kind"]
        verbose_name = _("consequence case")
        verbose_name_plural = _("consequence cases")
        constraints = [
            models.UniqueConstraint(fields=["unit", "year", "kind"], name="consequencecase_unique",
                                    violation_error_message=_("This unit already has this case for this year.")),
            models.CheckConstraint(
                name="consequencecase_decision_has_reason",
                condition=Q(status=CaseStatus.PROPOSED) | (~Q(reason="") & Q(decided_at__isnull=False)),
                violation_error_message=_("A decision on a case gives its reason."),
            ),
        ]

    def __str__(self):
        return f"{self.year} {self.unit} · {self.get_kind_display()}"


class HonourProposal(models.Model):
    """A unit proposed for the year's awards and honours (评优评先), kept by the assessment office.

    A unit with a confirmed "no awards" case (不得评优) for the year cannot be proposed: the service refuses
    with the case cited (``consequences.honour_bar``). Proposals are never deleted: withdrawn or awarded.
    """

    year = models.PositiveIntegerField(_("year"), validators=[MinValueValidator(2000)])
    unit = models.ForeignKey(Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="+")
    title = models.CharField(_("honour"), max_length=100)
    status = models.CharField(_("status"), max_length=10, choices=HonourStatus.choices,
                              default=HonourStatus.PROPOSED)
    note = models.TextField(_("note"), blank=True)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("proposed by"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )
    proposed_at = models.DateTimeField(_("proposed at"), auto_now_add=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)

    history = HistoricalRecords()
    objects = ScopedQuerySet.as_manager()
    scope = Scope(unit_field="unit", write_roles={Role.OFFICE}, reporter_writes=False,
                  read_roles=CASE_READERS, reporter_reads="unit")

    class Meta:
        ordering = ["-year", "unit__order", "title", "id"]
        verbose_name = _("honours proposal")
        verbose_name_plural = _("honours proposals")
        constraints = [
            models.UniqueConstraint(fields=["year", "unit", "title"], name="honourproposal_unique",
                                    violation_error_message=_("This unit is already proposed for this honour.")),
        ]

    def __str__(self):
        return f"{self.year} {self.unit} · {self.title}"


class LeaderInterview(models.Model):
    """约谈: the talk a city leader holds with a unit after a confirmed "interview" consequence case.

    Created when the office confirms the case, with the leader linked to the unit (the office may choose
    another); the office schedules it (leader and date); the leader or the office records the talk (its
    date and record required) and the follow-up. It names the unit and the leader only: the unit's cadres
    and their interview records stay in the cadres app, with the organisation department.
    """

    case = models.OneToOneField(ConsequenceCase, verbose_name=_("consequence case"), on_delete=models.PROTECT,
                                related_name="leader_interview")
    unit = models.ForeignKey(Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="+")
    leader = models.ForeignKey(Leader, verbose_name=_("leader"), null=True, blank=True, on_delete=models.PROTECT,
                               related_name="interviews")
    status = models.CharField(_("status"), max_length=12, choices=InterviewStatus.choices,
                              default=InterviewStatus.TO_SCHEDULE)
    scheduled_on = models.DateField(_("scheduled on"), null=True, blank=True)
    held_on = models.DateField(_("held on"), null=True, blank=True)
    record = models.TextField(_("record of the talk"), blank=True)
    follow_up = models.TextField(_("follow-up"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    history = HistoricalRecords()
    objects = ScopedQuerySet.as_manager()
    scope = Scope(unit_field="unit", write_roles={Role.OFFICE}, reporter_writes=False,
                  read_roles=CASE_READERS, reporter_reads="unit")

    class Meta:
        ordering = ["status", "scheduled_on", "id"]
        verbose_name = _("interview by a city leader")
        verbose_name_plural = _("interviews by city leaders")
        constraints = [
            models.CheckConstraint(
                name="leaderinterview_scheduled_has_leader_and_date",
                condition=Q(status=InterviewStatus.TO_SCHEDULE)
                | Q(leader__isnull=False, scheduled_on__isnull=False),
                violation_error_message=_("A scheduled interview names its leader and its date."),
            ),
            models.CheckConstraint(
                name="leaderinterview_held_has_date_and_record",
                condition=~Q(status=InterviewStatus.HELD) | (Q(held_on__isnull=False) & ~Q(record="")),
                violation_error_message=_("A held interview has its date and its record."),
            ),
        ]

    def __str__(self):
        return _("Interview of %(unit)s (%(year)s)") % {"unit": self.unit, "year": self.case.year}

    @property
    def is_open(self):
        return self.status != InterviewStatus.HELD
