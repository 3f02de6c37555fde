"""The races of a year: a quarter's race, the units' scores, the scoring runs and the composite standings."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from gaoyou_portal.roles import Role
from gaoyou_portal.scoping import Scope, ScopedQuerySet
from org.models import Unit

from ..choices import (
    Flag,
    Group,
    RaceStatus,
    RunStatus,
    RunTrigger,
)
from ..permissions import CASE_READERS, INSIDERS
from .scheme import PERCENT, SprintScheme


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
