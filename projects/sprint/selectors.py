"""Reads of the sprint race: the actual values behind the scores (SQL aggregation, a fixed number of
queries whatever the volume of project data), the projects behind one figure, and dashboard data."""

from __future__ import annotations

import calendar
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Sum

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


def actual_values(*, indicators, year, quarter) -> dict:
    """``{(group, unit_id): {indicator_id: Decimal}}``: every actual value to date.

    Each table is read once, whatever the volume: reports summed by project and milestones counted
    by project in SQL, the projects (unit, investment, signing date) and their serving departments in
    one query each, the office's values in one. The roll-up of those per-project figures to the unit
    answerable (towns and parks) and to each serving unit (departments) is a pass over the projects
    in memory, cheaper than a join per group in the database (see docs/performance.md).
    """
    start, end, last_month = period(year, quarter)
    values: dict = defaultdict(lambda: defaultdict(Decimal))
    derived = [i for i in indicators if i.derivation != Derivation.MANUAL]
    if derived:
        signing = [(i.id, i.min_investment, i.derivation == Derivation.SIGNED_INVESTMENT)
                   for i in derived if i.derivation in SIGNING]
        milestone = [(i.id, i.min_investment, MILESTONES[i.derivation]) for i in derived if i.derivation in MILESTONES]
        report = [(i.id, i.min_investment) for i in derived if i.derivation in REPORTS]
        reported = {}
        if report:
            reported = dict(
                MonthlyReport.objects.filter(month__range=(start, last_month)).values("project_id")
                .annotate(total=Sum("investment")).order_by().values_list("project_id", "total")
            )
        reached = defaultdict(set)
        if milestone:
            for project_id, kind in Milestone.objects.filter(
                actual_date__range=(start, end), kind__in={kind for _i, _m, kind in milestone}
            ).values_list("project_id", "kind"):
                reached[project_id].add(kind)
        served = defaultdict(list)
        for project_id, unit_id in Project.service_units.through.objects.values_list("project_id", "unit_id"):
            served[project_id].append(unit_id)
        one = Decimal(1)
        for project_id, unit_id, total, signed in Project.objects.values_list(
            "id", "responsible_unit_id", "total_investment", "signing_date"
        ).order_by():
            signed_now = signed is not None and start <= signed <= end
            amount = reported.get(project_id)
            kinds = reached.get(project_id)
            if not (signed_now or amount is not None or kinds):
                continue  # nothing this year: most projects at a large scale
            figures = []
            if signed_now:
                figures += [(iid, total if money else one) for iid, minimum, money in signing if total >= minimum]
            if kinds:
                figures += [(iid, one) for iid, minimum, kind in milestone if kind in kinds and total >= minimum]
            if amount is not None:
                figures += [(iid, amount) for iid, minimum in report if total >= minimum]
            if not figures:
                continue
            for owner in [(Group.TOWN, unit_id)] + [(Group.DEPARTMENT, dept) for dept in served.get(project_id, ())]:
                row = values[owner]
                for indicator_id, figure in figures:
                    row[indicator_id] += figure
    manual = [i for i in indicators if i.derivation == Derivation.MANUAL]
    if manual:
        rows = ManualValue.objects.filter(indicator__in=[i.id for i in manual], quarter=quarter).values_list(
            "indicator_id", "unit_id", "unit__kind", "value"
        )
        for indicator_id, unit_id, kind, value in rows:
            values[(group_of(kind), unit_id)][indicator_id] = value
    return {key: dict(row) for key, row in values.items()}


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
