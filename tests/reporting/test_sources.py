"""Each app's part of the ledger: target values, livelihood progress, safety cases due (project reports:
test_ledger.py)."""

from datetime import date, datetime
from decimal import Decimal

import pytest
import time_machine
from django.utils import timezone

from gaoyou_portal import registry
from livelihood.models import ProgressUpdate
from targets.choices import TargetKind
from targets.models import MonthlyValue, Plan, Quota, Section, Target
from tests.livelihood.factories import TaskFactory
from tests.reporting.conftest import at
from tests.safety.factories import ChemicalFirmFactory, GarmentWorkshopFactory

pytestmark = [pytest.mark.django_db, pytest.mark.date_dependent]

NOV = date(2026, 11, 1)


def source(code):
    return next(s for s in registry.compliance_sources() if s.code == code)


def rows(code, unit):
    found = source(code).compute(months=[date(2026, 10, 1), NOV], today=date(2026, 12, 7))
    return {(r["month"], k): r[k] for r in found if r["unit_id"] == unit.pk for k in ("expected", "on_time", "late")}


@time_machine.travel(at(2026, 12, 7, 10), tick=False)
def test_target_values_each_quota_owes_a_value_a_month(units, users):
    plan = Plan.objects.create(year=2026, title="2026年目标任务")
    target = Target.objects.create(plan=plan, section=Section.objects.create(plan=plan, order=1, title="经济"),
                                   code="B12", title="集中居住", kind=TargetKind.REPORTED, figure=600, measure="户",
                                   direction="at_least", deadline=date(2026, 12, 31), lead_unit=units.dept,
                                   responsible_leader=users.leader.leader)
    Quota.objects.create(target=target, unit=units.town, figure=400)
    value = MonthlyValue.objects.create(target=target, unit=units.town, month=NOV, value=Decimal(30))
    MonthlyValue.objects.filter(pk=value.pk).update(entered_at=at(2026, 12, 6, 8))  # after 5 December
    found = rows("target_values", units.town)
    assert (found[(NOV, "expected")], found[(NOV, "on_time")], found[(NOV, "late")]) == (1, 0, 1)
    assert found[(date(2026, 10, 1), "expected")] == 1 and found[(date(2026, 10, 1), "on_time")] == 0


@time_machine.travel(at(2026, 12, 7, 10), tick=False)
def test_livelihood_progress_each_open_task_owes_an_update_a_month(units):
    task = TaskFactory(lead_unit=units.dept)
    TaskFactory(lead_unit=units.dept, completed_on=date(2026, 9, 30))  # done before October: owes nothing
    update = ProgressUpdate.objects.create(task=task, date=date(2026, 11, 20), percent=40, text="完成")
    ProgressUpdate.objects.filter(pk=update.pk).update(created_at=at(2026, 11, 20, 9))
    found = rows("task_progress", units.dept)
    assert (found[(NOV, "expected")], found[(NOV, "on_time")], found[(NOV, "late")]) == (1, 1, 0)
    assert (found[(date(2026, 10, 1), "expected")], found[(date(2026, 10, 1), "on_time")]) == (1, 0)


@time_machine.travel(at(2026, 12, 7, 10), tick=False)
def test_safety_cases_due_in_a_month_are_struck_off_on_time_late_or_not(units):
    tz = timezone.get_current_timezone()
    ChemicalFirmFactory(town=units.town, deadline=date(2026, 11, 10), state="closed_out",
                        closed_out_at=datetime(2026, 11, 9, 10, tzinfo=tz))
    GarmentWorkshopFactory(town=units.town, deadline=date(2026, 11, 15), state="closed_out",
                           closed_out_at=datetime(2026, 11, 20, 10, tzinfo=tz))
    GarmentWorkshopFactory(town=units.town, deadline=date(2026, 11, 30))  # still open: missing
    found = rows("safety_cases", units.town)
    assert (found[(NOV, "expected")], found[(NOV, "on_time")], found[(NOV, "late")]) == (3, 1, 1)
