"""The projects demo: distinct, plausible projects with three years of history, linked to the leaders."""

from datetime import date

import pytest
from django.db.models import Count
from django.utils import timezone

from leaders import demo as leaders_demo
from leaders.models import Leader
from org import demo as org_demo
from org.models import Unit
from projects import demo
from projects.models import Blocker, Milestone, MonthlyReport, Project

# The demo as seeded on 7 December 2026, the day these figures were written for (tests/portal/test_demo_in_time.py
# seeds it on other days of the year).
pytestmark = [pytest.mark.django_db, pytest.mark.clock("2026-12-07T10:00")]


def test_the_demo_projects_are_distinct_plausible_and_linked():
    org_demo.seed()
    leaders_demo.seed()
    demo.seed()
    today = timezone.localdate()
    projects = Project.objects.all()
    assert projects.count() == 60
    assert len(set(projects.values_list("name", flat=True))) == 60
    # The three provincial projects: large industrial projects in the parks, started in this year's first half.
    provincial = projects.filter(level="provincial")
    assert provincial.count() == 3
    for project in provincial:
        assert project.category == "industrial" and project.total_investment >= 200000  # 20 亿元 and more
        assert project.responsible_unit.kind == "park"
        started = project.milestones.get(kind="started").actual_date
        assert date(today.year, 1, 1) <= started <= date(today.year, 6, 30)
    started_now = Milestone.objects.filter(kind="started", actual_date__year=today.year, project__level="prefecture")
    assert started_now.count() == 12  # 扬州市级项目开工12个
    # Three years of history: reports two years back, signings and starts in every year.
    assert MonthlyReport.objects.filter(month__year=today.year - 2).exists()
    for year in (today.year - 2, today.year - 1, today.year):
        assert projects.filter(signing_date__year=year).exists()
        assert Milestone.objects.filter(kind="started", actual_date__year=year).exists()
    # Varied texts, not one template.
    assert len(set(MonthlyReport.objects.values_list("narrative", flat=True))) >= 30
    assert len(set(MonthlyReport.objects.values_list("workload", flat=True))) >= 30
    assert Blocker.objects.values("title").distinct().count() >= 6
    assert {"open", "resolved"} <= set(Blocker.objects.values_list("status", flat=True))
    # Every leader is linked to towns, projects, industries and enterprises; every assessed department serves
    # projects, so none is ranked on the office's score alone.
    for leader in Leader.objects.all():
        assert set(leader.links.values_list("kind", flat=True)) == {"unit", "project", "industry", "enterprise"}, leader
    serving = Unit.objects.departments().filter(in_sprint_race=True).annotate(n=Count("served_projects"))
    assert serving.exists() and not serving.filter(n__lt=2).exists()
    counts = (Project.objects.count(), MonthlyReport.objects.count(), Blocker.objects.count())
    demo.seed()
    assert (Project.objects.count(), MonthlyReport.objects.count(), Blocker.objects.count()) == counts
