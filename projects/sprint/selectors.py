"""Reads of the sprint race: the actual values behind the scores (SQL aggregation, a fixed number of
queries whatever the volume of project data), the projects behind one figure, and dashboard data."""

from __future__ import annotations

import calendar
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Count, DecimalField, F, Q, Sum, Value
from django.db.models.functions import Coalesce

from org.choices import UnitKind
from org.models import Unit
from projects.models import Milestone, MonthlyReport, Project

from .choices import Derivation, Group, RaceStatus
from .models import AnnualTarget, CompositeEvaluation, ConsequenceCase, ManualValue, SprintRace, SprintScore

SIGNING = {Derivation.SIGNED_COUNT, Derivation.SIGNED_INVESTMENT}
MILESTONES = {
    Derivation.STARTED_COUNT: "started",
    Derivation.COMPLETED_COUNT: "completed",
    Derivation.IN_PRODUCTION_COUNT: "in_production",
}
REPORTS = {Derivation.INVESTMENT_COMPLETED}
# How a unit reaches its projects: towns and parks answer for them, departments serve them.
VIA = {Group.TOWN: "responsible_unit", Group.DEPARTMENT: "service_units"}


def quarter_end(year: int, quarter: int) -> date:
    month = quarter * 3
    return date(year, month, calendar.monthrange(year, month)[1])


def period(year: int, quarter: int) -> tuple[date, date, date]:
    """(first day of the year, last day of the quarter, first day of the quarter's last month)."""
    return date(year, 1, 1), quarter_end(year, quarter), date(year, quarter * 3, 1)


def group_of(kind: str) -> str:
    return Group.DEPARTMENT if kind == UnitKind.DEPARTMENT else Group.TOWN


def _union_by_unit(queryset, prefix, aggregates):
    """One query: the aggregates grouped by the unit answerable (towns) and by each serving unit
    (departments), told apart by a ``via`` column."""
    parts = []
    for group, lookup in VIA.items():
        path = f"{prefix}{lookup}"
        part = (
            queryset.filter(**{f"{path}__isnull": False})
            .values(unit=F(path))
            .annotate(via=Value(str(group)), **aggregates)
            .order_by()
        )
        parts.append(part)
    return parts[0].union(parts[1], all=True)


def _zero_sum(expression, condition):
    return Coalesce(Sum(expression, filter=condition), Value(Decimal(0)), output_field=DecimalField(max_digits=16,
                                                                                                 decimal_places=2))


def actual_values(*, indicators, year, quarter) -> dict:
    """``{(group, unit_id): {indicator_id: Decimal}}``: every derived actual to date, in at most three
    aggregate queries (signings, milestones, reports) plus one for the office's values."""
    start, end, last_month = period(year, quarter)
    values: dict = defaultdict(dict)
    signing = [i for i in indicators if i.derivation in SIGNING]
    milestones = [i for i in indicators if i.derivation in MILESTONES]
    reports = [i for i in indicators if i.derivation in REPORTS]
    manual = [i for i in indicators if i.derivation == Derivation.MANUAL]

    def collect(rows, specs):
        for row in rows:
            for ind in specs:
                values[(row["via"], row["unit"])][ind.id] = Decimal(row[f"i{ind.id}"] or 0)

    if signing:
        aggregates = {}
        for ind in signing:
            condition = Q(total_investment__gte=ind.min_investment)
            aggregates[f"i{ind.id}"] = (
                Count("id", filter=condition, distinct=True) if ind.derivation == Derivation.SIGNED_COUNT
                else _zero_sum("total_investment", condition)
            )
        qs = Project.objects.filter(signing_date__range=(start, end))
        collect(_union_by_unit(qs, "", aggregates), signing)
    if milestones:
        aggregates = {
            f"i{ind.id}": Count("id", distinct=True, filter=Q(kind=MILESTONES[ind.derivation],
                                                                project__total_investment__gte=ind.min_investment))
            for ind in milestones
        }
        qs = Milestone.objects.filter(actual_date__range=(start, end),
                                      kind__in={MILESTONES[i.derivation] for i in milestones})
        collect(_union_by_unit(qs, "project__", aggregates), milestones)
    if reports:
        aggregates = {
            f"i{ind.id}": _zero_sum("investment", Q(project__total_investment__gte=ind.min_investment))
            for ind in reports
        }
        qs = MonthlyReport.objects.filter(month__range=(start, last_month))
        collect(_union_by_unit(qs, "project__", aggregates), reports)
    if manual:
        rows = ManualValue.objects.filter(indicator__in=[i.id for i in manual], quarter=quarter).values_list(
            "indicator_id", "unit_id", "unit__kind", "value"
        )
        for indicator_id, unit_id, kind, value in rows:
            values[(group_of(kind), unit_id)][indicator_id] = value
    return values


@dataclass
class ProjectFigure:
    project: Project
    value: Decimal
    when: date | None


def projects_behind(*, indicator, unit, year, quarter) -> list[ProjectFigure]:
    """The projects behind one figure of a unit's breakdown, with each project's share of it."""
    start, end, last_month = period(year, quarter)
    lookup = VIA[group_of(unit.kind)]
    projects = Project.objects.filter(**{lookup: unit}, total_investment__gte=indicator.min_investment)
    derivation = indicator.derivation
    if derivation in SIGNING:
        rows = projects.filter(signing_date__range=(start, end)).order_by("signing_date", "code")
        return [
            ProjectFigure(p, p.total_investment if derivation == Derivation.SIGNED_INVESTMENT else Decimal(1),
                          p.signing_date)
            for p in rows
        ]
    if derivation in MILESTONES:
        rows = (
            Milestone.objects.filter(project__in=projects, kind=MILESTONES[derivation], actual_date__range=(start, end))
            .select_related("project")
            .order_by("actual_date")
        )
        return [ProjectFigure(m.project, Decimal(1), m.actual_date) for m in rows]
    if derivation in REPORTS:
        rows = (
            projects.filter(reports__month__range=(start, last_month))
            .annotate(reported=Sum("reports__investment"))
            .order_by("-reported", "code")
        )
        return [ProjectFigure(p, p.reported, None) for p in rows]
    return []


def targets_by_unit(scheme) -> dict:
    """``{unit_id: {indicator_id: target}}`` for a scheme (one query)."""
    targets: dict = defaultdict(dict)
    for indicator_id, unit_id, target in AnnualTarget.objects.filter(indicator__scheme=scheme).values_list(
        "indicator_id", "unit_id", "target"
    ):
        targets[unit_id][indicator_id] = target
    return targets


# --- dashboards ---------------------------------------------------------------------------------------------
def races_visible_to(user):
    return SprintRace.objects.visible_to(user)


def scores_visible_to(user):
    """Scores whose breakdown the user may read: insiders all; a reporter their units' (published races)."""
    return SprintScore.objects.visible_to(user).filter(race__in=SprintRace.objects.visible_to(user))


def race_ranking(race) -> dict:
    """``{group: [SprintScore...]}`` in table order, one query."""
    ranking = {Group.TOWN: [], Group.DEPARTMENT: []}
    for score in race.scores.select_related("unit").order_by("group", "position"):
        ranking.setdefault(score.group, []).append(score)
    return ranking


def year_grid(*, year, races) -> dict:
    """Scores of a year by group and unit, for the trend and flags wall: ``{group: [(unit, {q: score})]}``
    (one query)."""
    grid: dict = {Group.TOWN: {}, Group.DEPARTMENT: {}}
    units = {}
    for score in SprintScore.objects.filter(race__in=races, race__year=year).select_related("unit", "race"):
        units[score.unit_id] = score.unit
        grid.setdefault(score.group, {}).setdefault(score.unit_id, {})[score.race.quarter] = score
    return {
        group: sorted(((units[uid], by_q) for uid, by_q in rows.items()), key=lambda pair: (pair[0].order, pair[0].id))
        for group, rows in grid.items()
    }


def composites(*, year, user):
    return CompositeEvaluation.objects.visible_to(user).filter(year=year).select_related("unit")


def cases(*, user):
    return ConsequenceCase.objects.visible_to(user).select_related("unit", "decided_by")


def latest_published_race():
    return SprintRace.objects.filter(status=RaceStatus.PUBLISHED).order_by("-year", "-quarter").first()


def participating_units():
    """Units that take part in a race: active ones with at least one target are checked by the service."""
    return Unit.objects.filter(active=True)
