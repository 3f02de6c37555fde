"""The plan's structure: the year's plan, its sections, its targets and the units' quotas."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from gaoyou_portal.roles import Role, has_role
from gaoyou_portal.scoping import Scope, ScopedQuerySet
from leaders.models import Leader
from org.models import Unit

from .. import measures
from ..choices import Aggregation, Direction, Pace, Status, TargetKind, rollups_for

FIGURE = {"max_digits": 14, "decimal_places": 2}
PERCENT = {"max_digits": 5, "decimal_places": 1, "validators": [MinValueValidator(0), MaxValueValidator(100)]}
PUBLIC_TARGET = Q(is_public=True, is_confidential=False)


def fraction_message(value, measure):
    """The refusal of a number with more places than its measure allows (a count is whole)."""
    words = {"value": f"{Decimal(value).normalize():f}", "measure": measure or "—",
             "places": measures.decimals_for(measure)}
    if measures.is_count(measure):
        return _("“%(value)s” is not a whole number: a count in %(measure)s has no decimals.") % words
    return _("“%(value)s” has too many decimals: a figure in %(measure)s has at most %(places)s.") % words


def sees_confidential(user) -> bool:
    """Targets resting on cadre records are the organisation department's alone."""
    return bool(user and user.is_authenticated and has_role(user, Role.ORGDEPT))


class PlanQuerySet(ScopedQuerySet):
    pass


class Plan(models.Model):
    """One year's plan (目标任务), in sections following the article."""

    year = models.PositiveIntegerField(_("year"), unique=True)
    title = models.CharField(pgettext_lazy("targets", "title"), max_length=200)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True,
                                     help_text=_("When the office froze the year's final values."))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    history = HistoricalRecords()
    objects = PlanQuerySet.as_manager()
    scope = Scope(write_roles={Role.OFFICE}, reporter_writes=False, public=Q())

    class Meta:
        ordering = ["-year"]
        verbose_name = _("plan")
        verbose_name_plural = _("plans")

    def __str__(self):
        return self.title or str(self.year)


class Section(models.Model):
    """A part of the plan (聚焦经济发展, 着眼禀赋条件 · 生态 …), a list of targets."""

    plan = models.ForeignKey(Plan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="sections")
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    title = models.CharField(pgettext_lazy("targets", "title"), max_length=100)
    subtitle = models.CharField(_("subtitle"), max_length=100, blank=True)

    history = HistoricalRecords()
    objects = ScopedQuerySet.as_manager()
    scope = Scope(write_roles={Role.OFFICE}, reporter_writes=False, public=Q())

    class Meta:
        ordering = ["plan", "order", "id"]
        verbose_name = _("section")
        verbose_name_plural = _("sections")
        constraints = [
            models.UniqueConstraint(fields=["plan", "title", "subtitle"], name="targets_section_unique_title",
                                    violation_error_message=_("The plan already has a section with this title.")),
        ]

    def __str__(self):
        return f"{self.title} · {self.subtitle}" if self.subtitle else self.title


class TargetQuerySet(ScopedQuerySet):
    """Confidential targets (on cadre records) exist for the organisation department only."""

    def visible_to(self, user):
        qs = super().visible_to(user)
        return qs if sees_confidential(user) else qs.filter(is_confidential=False)

    def editable_by(self, user):
        if sees_confidential(user):
            return self.filter(is_confidential=True)
        return super().editable_by(user).filter(is_confidential=False)

    def public(self):
        return self.filter(PUBLIC_TARGET)

    def for_unit(self, unit_ids):
        return self.filter(Q(lead_unit__in=unit_ids) | Q(quotas__unit__in=unit_ids)
                           | Q(responsible_units__in=unit_ids)).distinct()


class Target(models.Model):
    """One figure or commitment of the year's plan, with its owner, deadline and how progress is known."""

    plan = models.ForeignKey(Plan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="targets")
    section = models.ForeignKey(Section, verbose_name=_("section"), on_delete=models.PROTECT, related_name="targets")
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    code = models.CharField(pgettext_lazy("targets", "code"), max_length=20)
    title = models.CharField(pgettext_lazy("targets", "title"), max_length=200)
    source = models.TextField(_("sentence of the plan"), blank=True)
    definition = models.TextField(
        _("definition"), blank=True,
        help_text=_("What is counted, from which date, what is left out (口径)."))
    data_source = models.TextField(
        _("data source"), blank=True,
        help_text=_("The records a derived figure counts, in words, or the unit that reports the value and how "
                    "it is checked (数据来源)."))
    kind = models.CharField(_("kind"), max_length=10, choices=TargetKind.choices)
    figure = models.DecimalField(_("figure"), **FIGURE, default=0, validators=[MinValueValidator(0)])
    measure = models.CharField(_("unit of measure"), max_length=10, blank=True,
                               help_text=_("户, 个, 头, 家, 亿元, 名次 …"))
    direction = models.CharField(_("direction"), max_length=10, choices=Direction.choices, default=Direction.AT_LEAST)
    deadline = models.DateField(pgettext_lazy("targets", "deadline"))
    pace = models.CharField(pgettext_lazy("targets", "pace"), max_length=10, choices=Pace.choices, default=Pace.LINEAR)
    q1_share = models.DecimalField(_("share due by Q1 (%)"), **PERCENT, default=Decimal("25"))
    q2_share = models.DecimalField(_("share due by Q2 (%)"), **PERCENT, default=Decimal("50"))
    q3_share = models.DecimalField(_("share due by Q3 (%)"), **PERCENT, default=Decimal("75"))
    metric = models.CharField(_("metric"), max_length=60, blank=True,
                              help_text=_("For a derived target: the code of the metric that computes it."))
    aggregation = models.CharField(_("roll-up rule"), max_length=10, choices=Aggregation.choices,
                                   default=Aggregation.SUM,
                                   help_text=_("How the values make the year's value: sum of the months, latest "
                                               "value, or cumulative to date."))
    responsible_leader = models.ForeignKey(Leader, verbose_name=_("responsible leader"), null=True, blank=True,
                                           on_delete=models.PROTECT, related_name="plan_targets")
    lead_unit = models.ForeignKey(Unit, verbose_name=_("lead unit"), on_delete=models.PROTECT,
                                  related_name="led_targets")
    responsible_units = models.ManyToManyField(Unit, verbose_name=_("responsible units"), blank=True,
                                               related_name="plan_targets")
    predecessor = models.ForeignKey(
        "self", verbose_name=_("the same target in an earlier plan"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="successors",
        help_text=_("Linked by its code in the nearest earlier plan, or chosen when the wording changed."))
    final_actual = models.DecimalField(_("final value"), **FIGURE, null=True, blank=True)
    final_status = models.CharField(_("final status"), max_length=10, choices=Status.choices, blank=True)
    is_public = models.BooleanField(_("public"), default=True)
    is_confidential = models.BooleanField(_("confidential (cadre records)"), default=False,
                                          help_text=_("Shown to the organisation department only."))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    history = HistoricalRecords(m2m_fields=[responsible_units])
    objects = TargetQuerySet.as_manager()
    # Staff read every target (confidential ones aside, see the queryset); the office edits the plan.
    scope = Scope(write_roles={Role.OFFICE}, reporter_writes=False, public=PUBLIC_TARGET)

    class Meta:
        ordering = ["section__order", "order", "code"]
        verbose_name = _("target")
        verbose_name_plural = _("targets")
        constraints = [
            models.UniqueConstraint(fields=["plan", "code"], name="targets_target_unique_code",
                                    violation_error_message=_("The plan already has a target with this code.")),
            models.CheckConstraint(name="targets_target_figure_not_negative", condition=Q(figure__gte=0),
                                   violation_error_message=_("A figure cannot be negative.")),
            models.CheckConstraint(
                name="targets_target_zero_kind_is_zero",
                condition=(Q(kind=TargetKind.ZERO, direction=Direction.ZERO, figure=0)
                           | (~Q(kind=TargetKind.ZERO) & ~Q(direction=Direction.ZERO))),
                violation_error_message=_("A zero target, and only a zero target, must stay at exactly zero."),
            ),
            models.CheckConstraint(
                name="targets_target_derived_has_metric",
                condition=~Q(kind=TargetKind.DERIVED) | ~Q(metric=""),
                violation_error_message=_("A derived target names the metric that computes it."),
            ),
            models.CheckConstraint(
                name="targets_target_quarter_shares_ordered",
                condition=Q(q1_share__lte=models.F("q2_share")) & Q(q2_share__lte=models.F("q3_share")),
                violation_error_message=_("Quarter shares must not decrease from one quarter to the next."),
            ),
            models.CheckConstraint(
                name="targets_target_public_not_confidential",
                condition=~Q(is_public=True, is_confidential=True),
                violation_error_message=_("A confidential target cannot be public."),
            ),
        ]

    def __str__(self):
        return f"{self.code} {self.title}"

    def get_absolute_url(self):
        return reverse("targets:target_detail", args=[self.pk])

    def get_public_url(self):
        return reverse("targets:public_detail", kwargs={"year": self.plan.year, "code": self.code})

    @property
    def decimals(self) -> int:
        """The places its figures are written with: 0 for a count (户, 个 …), 2 for 万元, 1 for %."""
        return measures.decimals_for(self.measure)

    @property
    def is_count(self) -> bool:
        return measures.is_count(self.measure)

    def written(self, value) -> str:
        return measures.written(value, self.decimals)

    @property
    def figure_display(self):
        return f"{self.written(self.figure)}{self.measure}"

    def clean(self):
        from gaoyou_portal import registry

        errors = {}
        if self.plan_id and self.deadline and self.deadline.year != self.plan.year:
            errors["deadline"] = _("The deadline must fall within the plan's year.")
        if self.kind == TargetKind.DERIVED:
            found = registry.get_metric(self.metric) if self.metric else None
            if found is None:
                errors["metric"] = _("“%(code)s” is not a registered metric; choose one of: %(codes)s.") % {
                    "code": self.metric or "—", "codes": "、".join(m.code for m in registry.metrics()) or "—"}
            elif found.confidential and not self.is_confidential:
                errors["is_confidential"] = _("This metric rests on cadre records: the target must be confidential.")
        # Blank in the database only for plans set up before the rule; every save must say both.
        if not (self.definition or "").strip():
            errors["definition"] = _("Say how the target is counted (definition): what is counted, from when, "
                                     "what is left out.")
        if not (self.data_source or "").strip():
            errors["data_source"] = _("Say where the figure comes from (data source): the records counted, or the "
                                      "unit that reports it and how it is checked.")
        if self.figure is not None and measures.has_fraction(self.figure, self.decimals):
            errors["figure"] = fraction_message(self.figure, self.measure)
        fitting = rollups_for(self.kind, self.direction) if self.kind else ()
        if fitting and self.aggregation not in fitting:
            errors["aggregation"] = _("“%(rule)s” does not fit a %(kind)s target: use %(fits)s.") % {
                "rule": Aggregation(self.aggregation).label if self.aggregation in Aggregation.values
                else self.aggregation,
                "kind": TargetKind(self.kind).label, "fits": "、".join(str(Aggregation(r).label) for r in fitting)}
        if self.kind == TargetKind.ZERO:
            self.direction, self.figure = Direction.ZERO, Decimal(0)
        elif self.direction == Direction.ZERO:
            errors["direction"] = _("Only a zero target must stay at exactly zero.")
        if self.kind == TargetKind.MILESTONE:
            self.pace = Pace.MILESTONES
        elif self.pace == Pace.MILESTONES:
            errors["pace"] = _("Only a milestone target follows milestone dates.")
        if self.predecessor_id and self.plan_id and self.predecessor.plan.year >= self.plan.year:
            errors["predecessor"] = _("The earlier target must come from an earlier year's plan, not %(year)s.") % {
                "year": self.predecessor.plan.year}
        if self.section_id and self.plan_id and self.section.plan_id != self.plan_id:
            errors["section"] = _("The section belongs to another plan.")
        if errors:
            raise ValidationError(errors)


class TargetChildQuerySet(ScopedQuerySet):
    """A target's rows are visible to whoever sees the target."""

    def visible_to(self, user):
        return super().visible_to(user).filter(target__in=Target.objects.visible_to(user))


class Quota(models.Model):
    """A unit's share of a target (任务分解): each unit reports its part and the board sums them."""

    target = models.ForeignKey(Target, verbose_name=_("target"), on_delete=models.CASCADE, related_name="quotas")
    unit = models.ForeignKey(Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="target_quotas")
    figure = models.DecimalField(_("quota"), **FIGURE, validators=[MinValueValidator(0)])

    history = HistoricalRecords()
    objects = TargetChildQuerySet.as_manager()
    scope = Scope(unit_field="unit", write_roles={Role.OFFICE}, reporter_writes=False,
                  public=Q(target__is_public=True, target__is_confidential=False))

    class Meta:
        ordering = ["target", "unit__order", "unit_id"]
        verbose_name = _("quota")
        verbose_name_plural = _("quotas")
        constraints = [
            models.UniqueConstraint(fields=["target", "unit"], name="targets_quota_unique_unit",
                                    violation_error_message=_("This unit already has a quota of this target.")),
            models.CheckConstraint(name="targets_quota_not_negative", condition=Q(figure__gte=0),
                                   violation_error_message=_("A quota cannot be negative.")),
        ]

    def __str__(self):
        return f"{self.target.code} · {self.unit}: {self.target.written(self.figure)}"
