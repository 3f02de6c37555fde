"""The warning-light rules at their boundaries (today fixed at 2026-11-28, deadline day 5)."""

from datetime import date
from decimal import Decimal

import pytest

from projects.lights import due_month, light_reasons, refresh_lights
from projects.models import Milestone, MonthlyPlan, Project, ProjectSettings
from tests.projects.factories import ProjectFactory, plan_year, report

TODAY = date(2026, 11, 28)


def light_of(project, today=TODAY):
    """The project's stored light once refreshed for ``today`` (the SQL of the rules, stored)."""
    refresh_lights([project], today=today)
    return Project.objects.get(pk=project.pk)


@pytest.fixture
def project(units):
    project = ProjectFactory(responsible_unit=units.town)
    plan_year(project, 2026)  # 100 a month: 1200 in the year, 1000 to date (Jan-Oct)
    return project


def report_to_date(project, total, months=10):
    """Reports for January to October summing to ``total``."""
    each = (Decimal(total) / months).quantize(Decimal("0.01"))
    for m in range(1, months):
        report(project, date(2026, m, 1), each)
    report(project, date(2026, months, 1), Decimal(total) - each * (months - 1))


@pytest.mark.parametrize(
    ("actual", "light"),
    [
        ("1000", "green"),
        ("880.12", "green"),  # 9.99 points behind
        ("880", "yellow"),  # exactly 10 points behind
        ("640", "yellow"),  # exactly 30 points behind
        ("639.88", "red"),  # 30.01 points behind
    ],
)
def test_investment_behind_plan_boundaries(project, actual, light):
    report_to_date(project, actual)
    assert light_of(project).light == light


def test_the_thresholds_are_the_offices_settings(project):
    report_to_date(project, "880")
    assert light_of(project).light == "yellow"
    config = ProjectSettings.load()
    config.yellow_points = Decimal("15")
    config.save()
    assert light_of(project).light == "green"


def test_a_milestone_planned_last_month_and_not_reached_is_red(project):
    report_to_date(project, "1000")
    Milestone.objects.filter(project=project, kind="started").update(planned_date=date(2026, 10, 31))
    annotated = light_of(project)
    assert annotated.light == "red"
    assert "开工计划于" in light_reasons(annotated, ProjectSettings.load())[0]


def test_a_milestone_due_this_month_is_yellow_and_reached_is_green(project):
    report_to_date(project, "1000")
    Milestone.objects.filter(project=project, kind="started").update(planned_date=date(2026, 11, 1))
    assert light_of(project).light == "yellow"
    Milestone.objects.filter(project=project, kind="started").update(actual_date=date(2026, 11, 2))
    assert light_of(project).light == "green"


def test_a_milestone_planned_next_month_does_not_count(project):
    report_to_date(project, "1000")
    Milestone.objects.filter(project=project, kind="completed").update(planned_date=date(2026, 12, 1))
    assert light_of(project).light == "green"


def test_last_months_report_missing_is_yellow_only_after_its_deadline(project):
    report_to_date(project, "900", months=9)  # January to September; plan to September is 900
    assert light_of(project, date(2026, 11, 5)).light == "green"  # October's report still due
    late = light_of(project, date(2026, 11, 6))
    assert late.light == "yellow"
    assert "2026年10月月报未报" in light_reasons(late, ProjectSettings.load())


def test_due_month_follows_the_deadline_day():
    assert due_month(date(2026, 11, 5), 5) == date(2026, 9, 1)
    assert due_month(date(2026, 11, 6), 5) == date(2026, 10, 1)
    assert due_month(date(2026, 1, 10), 5) == date(2025, 12, 1)


def test_green_says_on_schedule(project):
    report_to_date(project, "1000")
    annotated = light_of(project)
    assert annotated.light == "green"
    assert light_reasons(annotated, ProjectSettings.load()) == ["按序时推进"]


def test_a_report_sent_in_the_months_last_days_never_lowers_the_light(project):
    """Issue 10.6: on schedule to October, November's plan is large, November reported low on the 28th."""
    report_to_date(project, "1000")
    MonthlyPlan.objects.filter(project=project, month=date(2026, 11, 1)).update(planned_investment=400)
    assert light_of(project).light == "green"
    report(project, date(2026, 11, 1), "0")
    assert light_of(project).light == "green"  # November has not ended: its plan is not compared
    assert light_of(project, date(2026, 12, 1)).light == "red"  # once it has: 1400 planned, 1000 done


def test_a_report_sent_early_counts_in_the_actual(project):
    report_to_date(project, "800")  # 16.7 points behind at October
    assert light_of(project).light == "yellow"
    report(project, date(2026, 11, 1), "300")  # catching up in November's last days: 1100 done, 1000 planned
    annotated = light_of(project)
    assert (annotated.light, annotated.plan_to_date) == ("green", Decimal("1000.00"))
