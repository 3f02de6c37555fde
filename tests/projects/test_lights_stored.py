"""The stored lights stay equal to the rules (test_lights_sql's Python reading) over random data and dates.

Random projects, plans, reports and milestones are changed through every service that changes an input of
the light (report submitted and changed, plans, milestone reached, project ledger, settings) while the date
moves forward and the daily date job runs; after each step every project's stored light is the rules'.
"""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from gaoyou_portal.errors import DomainError
from gaoyou_portal.reporting import add_months, month_start
from gaoyou_portal.roles import Role
from org.models import Notice
from projects import services, tasks
from projects.choices import MilestoneKind, ProjectStatus
from projects.lights import last_boundary, refresh_lights, refresh_lights_for_date, stale_lights
from projects.models import Milestone, MonthlyReport, Project, ProjectSettings
from tests.factories import UnitFactory, UserFactory
from tests.projects.test_lights_sql import expected_light

pytestmark = pytest.mark.date_dependent  # reads today's date; CI reruns it with the clock moved

amounts = st.integers(min_value=0, max_value=300).map(Decimal)


class StoredLights:
    """One office user changes a few projects through the services while the days go by."""

    def __init__(self, start, data):
        self.today = start
        self.unit = UnitFactory()
        self.office = UserFactory(roles=[Role.OFFICE])
        self.projects = []
        for n in range(3):
            signing = start - timedelta(days=data.draw(st.integers(0, 400)))
            planned = {kind: start + timedelta(days=data.draw(st.integers(-120, 120))) for kind in MilestoneKind.values}
            project = services.project_save(
                user=self.office, today=self.today,
                data={"name": f"项目{n}", "code": f"H{n}", "level": "city", "category": "industrial",
                      "responsible_unit": self.unit, "responsible_person": "张三", "total_investment": Decimal(5000),
                      "signing_date": signing,
                      "status": data.draw(st.sampled_from([ProjectStatus.SIGNED, ProjectStatus.UNDER_CONSTRUCTION,
                                                           ProjectStatus.COMPLETED]))},
                milestones={kind: {"planned_date": day} for kind, day in planned.items()},
            )
            self.projects.append(project)
            self._plans(project, data)

    def _plans(self, project, data):
        year = self.today.year
        rows = {date(year, m, 1): (data.draw(amounts), "") for m in range(1, 13)}
        services.plans_save(project=project, year=year, rows=rows, user=self.office, today=self.today)

    def _project(self, data):
        return Project.objects.get(pk=data.draw(st.sampled_from(self.projects)).pk)

    def the_date_moves_and_the_daily_job_runs(self, data):
        self.today += timedelta(days=data.draw(st.integers(0, 40)))
        refresh_lights_for_date(today=self.today)

    def a_report_is_submitted(self, data):
        project = self._project(data)
        month = add_months(month_start(self.today), -data.draw(st.integers(0, 3)))
        try:
            services.report_submit(project=project, month=month, data={"investment": data.draw(amounts)},
                                   user=self.office, today=self.today)
        except DomainError:
            pass

    def a_report_is_changed(self, data):
        if not MonthlyReport.objects.exists():
            return
        report = data.draw(st.sampled_from(list(MonthlyReport.objects.order_by("pk"))))
        try:
            services.report_update(report=report, data={"investment": data.draw(amounts)}, user=self.office,
                                   today=self.today)
        except DomainError:
            pass

    def the_plans_change(self, data):
        self._plans(self._project(data), data)

    def a_milestone_is_reached(self, data):
        project = self._project(data)
        milestone = Milestone.objects.get(project=project, kind=data.draw(st.sampled_from(MilestoneKind.values)))
        try:
            services.milestone_record(milestone=milestone, actual_date=self.today - timedelta(days=data.draw(
                st.integers(0, 30))), evidence="现场照片", user=self.office, today=self.today)
        except DomainError:
            pass

    def the_ledger_moves_a_milestone(self, data):
        project = self._project(data)
        kind = data.draw(st.sampled_from(MilestoneKind.values))
        day = self.today + timedelta(days=data.draw(st.integers(-60, 60)))
        services.project_save(user=self.office, project=project, data={}, today=self.today,
                              milestones={kind: {"planned_date": day}})

    def the_office_changes_the_settings(self, data):
        yellow, extra, deadline = data.draw(st.integers(0, 40)), data.draw(st.integers(0, 40)), data.draw(
            st.integers(1, 28))
        services.settings_update(data={"yellow_points": Decimal(yellow), "red_points": Decimal(yellow + extra),
                                       "report_deadline_day": deadline}, user=self.office, today=self.today)

    def assert_every_stored_light_follows_the_rules(self, step):
        config = ProjectSettings.load()
        for project in Project.objects.all():
            assert project.light == expected_light(project, self.today, config), (step, project.code, self.today)


STEPS = ["the_date_moves_and_the_daily_job_runs", "a_report_is_submitted", "a_report_is_changed",
         "the_plans_change", "a_milestone_is_reached", "the_ledger_moves_a_milestone",
         "the_office_changes_the_settings"]


class TestStoredLights(TestCase):
    """Each example runs in its own transaction (hypothesis' Django TestCase)."""

    @settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(start=st.dates(date(2025, 11, 20), date(2026, 12, 31)), data=st.data())
    def test_the_stored_light_follows_the_rules_through_every_service_and_the_date_job(self, start, data):
        world = StoredLights(start, data)
        world.assert_every_stored_light_follows_the_rules("setup")
        for step in data.draw(st.lists(st.sampled_from(STEPS), min_size=4, max_size=14)):
            getattr(world, step)(data)
            world.assert_every_stored_light_follows_the_rules(step)


@pytest.mark.django_db
def test_check_lights_finds_a_corrupted_light_and_the_nightly_job_alerts_the_office(units, users):
    from tests.projects.factories import ProjectFactory, plan_year

    project = ProjectFactory(responsible_unit=units.town, code="K-1")
    plan_year(project, date.today().year)
    call_command("check_lights")  # all agree
    corrupted = (Project.objects.get(pk=project.pk).light_rank + 1) % 3
    Project.objects.filter(pk=project.pk).update(light_rank=corrupted)
    with pytest.raises(CommandError, match="1 stored light"):
        call_command("check_lights")
    assert tasks.check_lights() == 1
    notice = Notice.objects.get(recipient=users.office)
    assert (notice.title, notice.body.startswith("项目：K-1")) == ("1 个项目的亮灯与规则不符", True)
    call_command("refresh_lights")
    assert not stale_lights()


@pytest.mark.django_db
def test_the_date_job_refreshes_only_lights_computed_before_the_last_boundary(units):
    from tests.projects.factories import ProjectFactory

    project = ProjectFactory(responsible_unit=units.town)
    refresh_lights([project], today=date(2026, 11, 20))
    config = ProjectSettings.load()
    assert last_boundary(date(2026, 11, 30), config) == date(2026, 11, 6)
    assert last_boundary(date(2026, 12, 3), config) == date(2026, 12, 1)
    assert refresh_lights_for_date(today=date(2026, 11, 30)) == 0
    assert Project.objects.get(pk=project.pk).light_date == date(2026, 11, 20)  # nothing to do before Dec 1
    Milestone.objects.filter(project=project, kind="started").update(planned_date=date(2026, 11, 15))
    refresh_lights_for_date(today=date(2026, 12, 1))  # November ended: the milestone is now overdue
    project = Project.objects.get(pk=project.pk)
    assert (project.light, project.light_date) == ("red", date(2026, 12, 1))
