"""The SQL of the warning lights against a plain reading of the rules (projects.lights' docstring).

The CASE compares the points behind algebraically and tests milestones with Exists; these tests hold it
to the rules written out in Python, on a spread of projects, and at the edges the algebra could miss.
"""

from datetime import date
from decimal import Decimal
from itertools import product

import pytest
from django.db import connection

from gaoyou_portal.reporting import add_months, month_start
from projects.choices import ProjectStatus
from projects.lights import annotate_lights, due_month, light_reasons, refresh_lights
from projects.models import Milestone, MonthlyPlan, MonthlyReport, Project, ProjectSettings
from tests.projects.factories import ProjectFactory, plan_year, report

TODAY = date(2026, 11, 28)


def expected_light(project, today, config):
    """The rules read one project at a time, in Python."""
    this_month, due = month_start(today), due_month(today, config.report_deadline_day)
    year_start = date(today.year, 1, 1)
    reports = {r.month: r.investment for r in MonthlyReport.objects.filter(project=project)}
    reported = [m for m in reports if year_start <= m <= this_month]
    compare = max([due, *(m for m in reported if m < this_month)])  # never a month that has not ended
    plan = sum(p.planned_investment for p in MonthlyPlan.objects.filter(project=project)
               if year_start <= p.month <= compare)
    actual = sum(reports[m] for m in reported)
    behind = (plan - actual) * 100 / project.year_planned_investment if project.year_planned_investment > 0 else 0
    open_dates = [m.planned_date for m in Milestone.objects.filter(project=project, actual_date__isnull=True)
                  if m.planned_date]
    overdue = any(d < this_month for d in open_dates)
    due_now = any(this_month <= d < add_months(this_month, 1) for d in open_dates)
    missing = (project.status in (ProjectStatus.SIGNED, ProjectStatus.UNDER_CONSTRUCTION)
               and project.signing_date is not None and month_start(project.signing_date) <= due
               and due not in reports)
    if overdue or behind > config.red_points:
        return "red"
    if due_now or missing or behind >= config.yellow_points:
        return "yellow"
    return "green"


def stored(project, config):
    refresh_lights([project], today=TODAY, config=config)
    return Project.objects.get(pk=project.pk)


@pytest.fixture
def spread(units):
    """Projects behind by 0 to 40 points, each with or without a milestone due, overdue, a missing report."""
    projects = []
    for actual, milestone, missing in product(("1000", "880", "700", "640", "600"), (None, 10, 11), (False, True)):
        project = ProjectFactory(responsible_unit=units.town)
        plan_year(project, 2026)
        for m in range(1, 10):
            report(project, date(2026, m, 1), Decimal(actual) / 10)
        if not missing:
            report(project, date(2026, 10, 1), Decimal(actual) / 10)
        if milestone:
            Milestone.objects.filter(project=project, kind="started").update(planned_date=date(2026, milestone, 15))
        projects.append(project)
    unplanned = ProjectFactory(responsible_unit=units.town, year_planned_investment=0)
    early = ProjectFactory(responsible_unit=units.town)
    plan_year(early, 2026)
    report(early, date(2026, 11, 1), "1100")  # reported in November's last days: counted, November not compared
    return [*projects, unplanned, early]


THRESHOLDS = [("10", "30"), ("0", "0"), ("0", "20"), ("25", "25")]


def test_the_sql_light_follows_the_rules(spread):
    """Each pair of thresholds (yellow, red) on the same spread of projects, built once."""
    config = ProjectSettings.load()
    for yellow, red in THRESHOLDS:
        config.yellow_points, config.red_points = Decimal(yellow), Decimal(red)
        config.save()
        refresh_lights(today=TODAY, config=config)
        lights = {p.pk: p.light for p in Project.objects.all()}
        expected = {p.pk: expected_light(Project.objects.get(pk=p.pk), TODAY, config) for p in spread}
        assert lights == expected, f"thresholds yellow {yellow}, red {red}"
        assert len(set(lights.values())) > 1, f"thresholds yellow {yellow}, red {red}"


def test_a_project_with_nothing_planned_is_zero_points_behind(units):
    project = ProjectFactory(responsible_unit=units.town, year_planned_investment=0)
    report(project, date(2026, 10, 1), "5")
    config = ProjectSettings.load()
    annotated = stored(project, config)
    assert (annotated.light, annotated.behind_points) == ("green", 0.0)
    config.yellow_points = config.red_points = Decimal("0")
    config.save()
    assert stored(project, config).light == "yellow"


@pytest.mark.django_db
def test_the_light_counts_each_subquery_once_for_a_project_on_schedule():
    """Each correlated subquery appears a bounded number of times in the list's SQL (Django inlines)."""
    sql = str(annotate_lights(Project.objects.all(), today=TODAY).filter(fresh_light_rank=0)
              .order_by("-fresh_behind_points").query)
    where = sql[sql.index(" WHERE CASE WHEN "):sql.rindex(" ORDER BY ")]
    assert where.count('FROM "projects_monthlyplan"') == 2  # on schedule: once; red or yellow: twice
    assert where.count('FROM "projects_milestone"') == 2  # overdue, due this month


@pytest.mark.django_db
def test_the_covering_indexes_exist():
    with connection.cursor() as cursor:
        names = set()
        for table in ("projects_monthlyreport", "projects_monthlyplan"):
            names |= set(connection.introspection.get_constraints(cursor, table))
    assert {"projects_report_light_idx", "projects_plan_light_idx"} <= names


def test_points_behind_are_not_rounded_to_whole_points(units):
    """Whole amounts: 370 behind a year's plan of 1200 is 30.8 points (red), not 30 (SQLite integer division)."""
    project = ProjectFactory(responsible_unit=units.town)
    plan_year(project, 2026)
    for m in range(1, 11):
        report(project, date(2026, m, 1), "63")
    annotated = stored(project, ProjectSettings.load())
    assert annotated.behind_points == pytest.approx(30.8333, abs=1e-3)
    assert annotated.light == "red"
    assert light_reasons(annotated, ProjectSettings.load())[0] == "投资落后序时进度 30.8 个百分点（超过 30.0）"
