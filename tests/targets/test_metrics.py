"""Each registered metric against the records behind it: the figure is the number of counted records."""

from datetime import date, datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from gaoyou_portal import registry
from livelihood.choices import TaskStatus
from projects.choices import MilestoneKind, ProjectLevel
from projects.models import Milestone
from projects.sprint.models import SprintRace, SprintScore
from safety.choices import CaseState, FirmDisposition, WorkshopDisposition
from targets.choices import Status, TargetKind
from targets.selectors import derived_records, evaluate_targets
from tests.livelihood.factories import TaskFactory
from tests.projects.factories import ProjectFactory
from tests.safety.factories import ChemicalFirmFactory, GarmentWorkshopFactory
from tests.sprint.factories import SchemeFactory

Y = 2026
HALF = date(Y, 6, 30)


def check(code, *, year=Y, deadline, counted):
    metric = registry.get_metric(code)
    assert metric is not None, f"{code} is not registered"
    records = metric.records(year=year, deadline=deadline)
    assert metric.compute(year=year, deadline=deadline) == counted
    assert sum(1 for r in records if r["counted"]) == counted
    assert all(r["url"].startswith("/") for r in records)
    return records


def started(project, day):
    Milestone.objects.filter(project=project, kind=MilestoneKind.STARTED).update(actual_date=day)


def test_provincial_projects_started_by_30_june(units, db):
    on_time = ProjectFactory(level=ProjectLevel.PROVINCIAL, responsible_unit=units.town, name="省级甲")
    late = ProjectFactory(level=ProjectLevel.PROVINCIAL, responsible_unit=units.town, name="省级乙")
    ProjectFactory(level=ProjectLevel.PROVINCIAL, responsible_unit=units.town, name="省级丙")
    other_level = ProjectFactory(level=ProjectLevel.PREFECTURE, responsible_unit=units.town)
    started(on_time, date(Y, 6, 30))
    started(late, date(Y, 7, 1))
    started(other_level, date(Y, 3, 1))
    records = check("projects.provincial_started", deadline=HALF, counted=1)
    assert len(records) == 3
    assert records[0]["counted"] and "省级甲" in records[0]["label"]
    assert records[0]["url"] == on_time.get_absolute_url()


def test_yangzhou_level_projects_started_this_year(units, db):
    for day in (date(Y, 2, 1), date(Y, 11, 1), date(Y - 1, 12, 1)):
        started(ProjectFactory(level=ProjectLevel.PREFECTURE, responsible_unit=units.town), day)
    check("projects.prefecture_started", deadline=date(Y, 12, 31), counted=2)


def test_livelihood_tasks_completed(units, users, db):
    TaskFactory(lead_unit=units.dept, number=1, status=TaskStatus.COMPLETED, completed_on=date(Y, 5, 1))
    TaskFactory(lead_unit=units.dept, number=2, status=TaskStatus.IN_PROGRESS)
    TaskFactory(lead_unit=units.dept, number=3, year=Y - 1, status=TaskStatus.COMPLETED, deadline=date(Y - 1, 12, 31))
    records = check("livelihood.tasks_completed", deadline=date(Y, 12, 31), counted=1)
    assert len(records) == 2


@pytest.mark.parametrize(("code", "factory", "disposition"), [
    ("safety.firms_closed", ChemicalFirmFactory, FirmDisposition.CLOSE),
    ("safety.firms_rectified", ChemicalFirmFactory, FirmDisposition.RECTIFY),
    ("safety.firms_relocated", ChemicalFirmFactory, FirmDisposition.RELOCATE),
    ("safety.firms_retained", ChemicalFirmFactory, FirmDisposition.RETAIN_UPGRADE),
    ("safety.workshops_shut", GarmentWorkshopFactory, WorkshopDisposition.SHUT),
    ("safety.workshops_rectified", GarmentWorkshopFactory, WorkshopDisposition.RECTIFY),
])
def test_safety_cases_struck_off_by_disposition(units, db, code, factory, disposition):
    struck = timezone.make_aware(datetime(Y, 5, 1, 10))
    factory(town=units.town, disposition=disposition, state=CaseState.CLOSED_OUT, closed_out_at=struck)
    factory(town=units.town, disposition=disposition, state=CaseState.IN_PROGRESS)
    other = FirmDisposition.CLOSE if disposition != FirmDisposition.CLOSE else FirmDisposition.RECTIFY
    if factory is ChemicalFirmFactory:
        factory(town=units.town, disposition=other, state=CaseState.CLOSED_OUT, closed_out_at=struck)
    records = check(code, deadline=date(Y, 12, 31), counted=1)
    assert len(records) == 2
    check(code, deadline=date(Y, 4, 30), counted=0)


def test_a_case_struck_off_counts_by_the_local_date_of_the_deadline(units, db):
    """The count reads the timestamp as a range (an index serves it): struck off at 23:59 Beijing time on the
    deadline counts, at 00:01 the next morning (still the deadline's date in UTC) does not."""
    for hour, minute in ((23, 59), (0, 1)):
        day = date(Y, 6, 30) if hour == 23 else date(Y, 7, 1)
        GarmentWorkshopFactory(town=units.town, disposition=WorkshopDisposition.SHUT, state=CaseState.CLOSED_OUT,
                               closed_out_at=timezone.make_aware(datetime(day.year, day.month, day.day, hour, minute)))
    records = check("safety.workshops_shut", deadline=HALF, counted=1)
    assert [r["counted"] for r in records].count(True) == 1
    check("safety.workshops_shut", deadline=date(Y, 7, 1), counted=2)


def test_units_meeting_the_half_year_rule(units, db):
    race = SprintRace.objects.create(scheme=SchemeFactory(year=Y), year=Y, quarter=2)
    for position, (unit, met) in enumerate(((units.town, True), (units.other_town, False), (units.park, True)), 1):
        SprintScore.objects.create(race=race, unit=unit, group="town", score=Decimal(90), rank=position,
                                   position=position, half_year_met=met)
    # Departments are not counted: the plan's target is the towns' and parks'.
    SprintScore.objects.create(race=race, unit=units.dept, group="department", score=Decimal(90), rank=1,
                               position=1, half_year_met=True)
    records = check("sprint.half_year_met", deadline=HALF, counted=2)
    assert len(records) == 3


def test_a_derived_target_shows_the_metric_figure_and_its_records(make_target, units, users, plan):
    target = make_target(kind=TargetKind.DERIVED, metric="projects.provincial_started", figure=Decimal(3),
                         deadline=date(plan.year, 6, 30), measure="个")
    project = ProjectFactory(level=ProjectLevel.PROVINCIAL, responsible_unit=units.town)
    started(project, date(plan.year, 3, 1))
    row = evaluate_targets([target], today=date(plan.year, 7, 1))[0]
    assert row.evaluation.actual == 1
    assert row.evaluation.status == Status.MISSED
    assert [r["url"] for r in derived_records(target, users.leader)] == [project.get_absolute_url()]
