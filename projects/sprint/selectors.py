"""Reads of the sprint race: the actual values behind the scores (SQL aggregation, a fixed number of
queries whatever the volume of project data), the projects behind one figure, and dashboard data."""

from __future__ import annotations

import calendar
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db import connection
from django.db.models import Sum

from gaoyou_portal import registry
from org.choices import UnitKind
from org.models import Unit
from projects.models import Milestone, MonthlyReport, Project

from .choices import METRIC_DERIVATIONS, Derivation, Group, RaceStatus
from .models import AnnualTarget, CompositeEvaluation, ConsequenceCase, ManualValue, SprintRace, SprintScore

SIGNING = {Derivation.SIGNED_COUNT, Derivation.SIGNED_INVESTMENT}
MILESTONES = {
    Derivation.STARTED_COUNT: "started",
    Derivation.COMPLETED_COUNT: "completed",
    Derivation.IN_PRODUCTION_COUNT: "in_production",
}
REPORTS = {Derivation.INVESTMENT_COMPLETED}
# Plain strings as dictionary keys: hashing an enum member calls Python code, and this loop is hot.
TOWN, DEPARTMENT, ZERO = str(Group.TOWN.value), str(Group.DEPARTMENT.value), Decimal(0)
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


def _money(value) -> Decimal:
    """A sum from the database as Decimal (SQLite returns floats for sums of decimals)."""
    if value is None:
        return ZERO
    return value if isinstance(value, Decimal) else Decimal(str(round(value, 2)))


def _derived_sql(derived):
    """One SQL statement rolling every derived indicator up to units.

    ``pp`` holds, per project with something this year, its unit, investment, whether it signed in the
    period, what it reported, which milestones it reached (each table scanned once) and, for each
    investment threshold of the indicators, whether it is large enough (``e0``, ``e1``...: compared once
    per project, not once per indicator and unit); the result sums ``pp`` by the unit answerable (towns
    and parks) and, through the service links, by each serving department: one row per unit and group,
    whatever the number of projects.
    """
    thresholds = sorted({ind.min_investment for ind in derived})
    enough = {threshold: f"pp.e{n}" for n, threshold in enumerate(thresholds)}
    columns = []
    for ind in derived:
        large = enough[ind.min_investment]
        if ind.derivation == Derivation.SIGNED_COUNT:
            expr = f"pp.signed_now * {large}"
        elif ind.derivation == Derivation.SIGNED_INVESTMENT:
            expr = f"CASE WHEN pp.signed_now * {large} = 1 THEN pp.total_investment ELSE 0 END"
        elif ind.derivation in MILESTONES:
            expr = f"pp.m_{MILESTONES[ind.derivation]} * {large}"
        else:
            expr = f"CASE WHEN {large} = 1 THEN pp.reported ELSE 0 END"
        columns.append(f"SUM({expr}) AS i{ind.id}")
    cols = ", ".join(columns)
    pp_enough = ", ".join(
        f"CASE WHEN p.total_investment >= CAST(%s AS NUMERIC) THEN 1 ELSE 0 END AS e{n}" for n in range(len(thresholds))
    )
    project, report = Project._meta.db_table, MonthlyReport._meta.db_table
    milestone, links = Milestone._meta.db_table, Project.service_units.through._meta.db_table
    flags = ", ".join(f"MAX(CASE WHEN kind = '{k}' THEN 1 ELSE 0 END) AS m_{k}" for k in MILESTONES.values())
    pp_flags = ", ".join(f"COALESCE(m.m_{k}, 0) AS m_{k}" for k in MILESTONES.values())
    sql = f"""
        WITH reported AS (
            SELECT project_id, SUM(investment) AS amount FROM {report}
            WHERE month BETWEEN %s AND %s GROUP BY project_id
        ), reached AS (
            SELECT project_id, {flags} FROM {milestone}
            WHERE actual_date BETWEEN %s AND %s GROUP BY project_id
        ), pp AS (
            SELECT p.id, p.responsible_unit_id, p.total_investment,
                   CASE WHEN p.signing_date BETWEEN %s AND %s THEN 1 ELSE 0 END AS signed_now,
                   COALESCE(r.amount, 0) AS reported, {pp_flags}, {pp_enough}
            FROM {project} p
            LEFT JOIN reported r ON r.project_id = p.id
            LEFT JOIN reached m ON m.project_id = p.id
            WHERE p.signing_date BETWEEN %s AND %s OR r.project_id IS NOT NULL OR m.project_id IS NOT NULL
        )
        SELECT '{TOWN}' AS via, pp.responsible_unit_id AS unit, {cols} FROM pp GROUP BY pp.responsible_unit_id
        UNION ALL
        SELECT '{DEPARTMENT}' AS via, su.unit_id AS unit, {cols}
        FROM pp JOIN {links} su ON su.project_id = pp.id GROUP BY su.unit_id
    """
    return sql, thresholds


def actual_values(*, indicators, year, quarter) -> dict:
    """``{(group, unit_id): {indicator_id: Decimal}}``: every actual value to date, in a fixed number of queries
    whatever the volume: one SQL aggregate for every indicator derived from project data (signings,
    milestones, reports; see ``_derived_sql``), one for the office's values, and for a registry metric's
    indicator (``METRIC_DERIVATIONS``) the metric's own fixed count plus one for the units' kinds."""
    start, end, last_month = period(year, quarter)
    values: dict = defaultdict(dict)
    derived = [i for i in indicators if i.derivation != Derivation.MANUAL and i.derivation not in METRIC_DERIVATIONS]
    if derived:
        sql, thresholds = _derived_sql(derived)
        params = [start, last_month, start, end, start, end, *thresholds, start, end]
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            for via, unit_id, *figures in cursor.fetchall():
                values[(via, unit_id)] = {ind.id: _money(f) for ind, f in zip(derived, figures, strict=True)}
    metrics = [i for i in indicators if i.derivation in METRIC_DERIVATIONS]
    if metrics:  # figures other apps compute per unit (the reporting ledger's on-time rate)
        by_code = {}
        for ind in metrics:
            code = METRIC_DERIVATIONS[ind.derivation]
            if code not in by_code:
                found = registry.get_metric(code)
                by_code[code] = (found.by_unit(year=year, deadline=end) or {}) if found and found.by_unit else {}
        kinds = dict(Unit.objects.filter(pk__in={u for figures in by_code.values() for u in figures})
                     .values_list("pk", "kind"))
        for ind in metrics:
            for unit_id, figure in by_code[METRIC_DERIVATIONS[ind.derivation]].items():
                if unit_id in kinds:
                    values[(str(group_of(kinds[unit_id])), unit_id)][ind.id] = _money(figure)
    manual = [i for i in indicators if i.derivation == Derivation.MANUAL]
    if manual:
        rows = ManualValue.objects.filter(indicator__in=[i.id for i in manual], quarter=quarter).values_list(
            "indicator_id", "unit_id", "unit__kind", "value"
        )
        for indicator_id, unit_id, kind, value in rows:
            values[(str(group_of(kind)), unit_id)][indicator_id] = value
    return dict(values)


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
    """Units assessed in the race (active, ``in_sprint_race``): the only ones given targets, scores, ranks,
    flags and composites. Of these, the scoring service ranks those with targets."""
    return Unit.objects.in_sprint_race()
