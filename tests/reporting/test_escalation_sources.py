"""Escalating reminders for the other kinds the ledger counts: a livelihood task's monthly progress and a safety
case due. Blue three working days before to the unit's reporters, yellow on the day to the reporters and the
head, red once overdue to the head and the leader linked to the unit; each once, under a frozen clock."""

from datetime import date

import pytest
import time_machine
from django.urls import reverse

from gaoyou_portal.roles import Role
from leaders.choices import LinkKind
from leaders.models import Leader, LeaderLink
from livelihood.models import ProgressUpdate
from notify.models import Channel, Delivery
from org.models import Membership, Notice
from reporting import selectors, services
from reporting.models import Escalation
from safety.choices import CaseState
from tests.factories import LeaderFactory, UserFactory
from tests.livelihood.factories import TaskFactory
from tests.reporting.conftest import at
from tests.safety.factories import GarmentWorkshopFactory

# Written for the 2026 reporting calendar (November owed by 5 December): the fixtures are made on 2 December 2026.
pytestmark = [pytest.mark.django_db, pytest.mark.clock("2026-12-02T09:00")]

NOTHING = {"blue": 0, "yellow": 0, "red": 0}


def notices(user):
    return list(Notice.objects.filter(recipient=user, title__startswith="【").order_by("created_at")
                .values_list("title", flat=True))


def run(*moment):
    with time_machine.travel(at(*moment), tick=False):
        return services.escalations_send()


def head_of(unit, username):
    head = UserFactory(username=username, roles=[Role.REPORTER])
    Membership.objects.create(user=head, unit=unit, position="主要负责人", is_head=True)
    return head


@pytest.fixture
def task(units, users):
    """A 2026 task led by the town, reported every month to October: November's progress is owed by Saturday
    5 December 2026 (blue Wednesday 2nd, yellow the 5th, red from Monday the 7th)."""
    LeaderLink.objects.create(leader=Leader.objects.get(user=users.leader), kind=LinkKind.UNIT, unit=units.town)
    Channel.objects.create(name="甲镇工作群", scheme="wecombot", unit=units.town, url_encrypted="x", url_hint="…")
    task = TaskFactory(lead_unit=units.town, number=9, title="老旧小区改造")
    for month in range(1, 11):
        ProgressUpdate.objects.create(task=task, date=date(2026, month, 20), percent=month * 8, text="推进中")
    return task


def test_a_livelihood_task_progress_goes_blue_yellow_red_once_each(task, units, users):
    head = head_of(units.town, "t-town-head")
    assert run(2026, 12, 1, 10) == NOTHING  # four working days before
    assert run(2026, 12, 2, 10) == {"blue": 1, "yellow": 0, "red": 0}
    assert run(2026, 12, 2, 15) == NOTHING  # once per stage
    assert run(2026, 12, 5, 10) == {"blue": 0, "yellow": 1, "red": 0}  # the deadline falls on a Saturday
    assert run(2026, 12, 7, 10) == {"blue": 0, "yellow": 0, "red": 1}
    assert run(2026, 12, 8, 10) == NOTHING

    reporter, leader = notices(users.reporter), notices(users.leader)
    assert [t[:6] for t in reporter] == ["【蓝色提醒】", "【黄色提醒】"] and "老旧小区改造" in reporter[0]
    assert [t[:6] for t in notices(head)] == ["【黄色提醒】", "【红色提醒】"]
    assert [t[:6] for t in leader] == ["【红色提醒】"]
    assert not notices(users.other_reporter) and not notices(users.dept_reporter)
    form = f"{reverse('livelihood:update_create', args=[task.pk])}?month=2026-11"
    assert set(Notice.objects.filter(title__startswith="【").values_list("link", flat=True)) == {form}
    assert list(Escalation.objects.order_by("sent_at").values_list("key", "stage", "recipients")) == [
        (f"task_progress:{task.pk}:2026-11", "blue", 1), (f"task_progress:{task.pk}:2026-11", "yellow", 2),
        (f"task_progress:{task.pk}:2026-11", "red", 2)]
    assert Delivery.objects.filter(channel__unit=units.town).count() == 3  # and the unit's group, each stage
    # The ledger counts the same item: November's progress, missing.
    with time_machine.travel(at(2026, 12, 8, 10), tick=False):
        row = selectors.ledger(month=date(2026, 11, 1), unit_ids={units.town.pk}, trend=1)[0]
    assert (row.by_kind["task_progress"].expected, row.by_kind["task_progress"].missing) == (1, 1)


def test_progress_reported_after_the_blue_notice_stops_the_reminders(task, units, users):
    head_of(units.town, "t-town-head")
    assert run(2026, 12, 2, 10)["blue"] == 1
    ProgressUpdate.objects.create(task=task, date=date(2026, 11, 30), percent=90, text="主体完工")
    assert run(2026, 12, 5, 10) == NOTHING and run(2026, 12, 7, 10) == NOTHING
    assert len(notices(users.reporter)) == 1


def test_a_safety_case_due_goes_blue_yellow_red_once_each_to_its_department(units, users):
    """A workshop of the town whose rectification the department answers for, due Thursday 10 December."""
    head = head_of(units.dept, "t-dept-head")
    dept_leader = UserFactory(username="t-dept-leader", roles=[Role.LEADER])
    LeaderLink.objects.create(leader=LeaderFactory(name="分管领导", user=dept_leader), kind=LinkKind.UNIT,
                              unit=units.dept)
    case = GarmentWorkshopFactory(town=units.town, responsible_department=units.dept, name="红星服装加工点",
                                  deadline=date(2026, 12, 10))
    GarmentWorkshopFactory(town=units.town, responsible_department=units.dept, deadline=date(2026, 12, 10),
                           state=CaseState.SUBMITTED)  # awaiting the bureau's acceptance: the unit has done its part
    GarmentWorkshopFactory(town=units.town, deadline=date(2026, 12, 10), state=CaseState.CLOSED_OUT)
    assert run(2026, 12, 4, 10) == NOTHING  # Friday: four working days before
    assert run(2026, 12, 7, 10) == {"blue": 1, "yellow": 0, "red": 0}
    assert run(2026, 12, 9, 10) == NOTHING
    assert run(2026, 12, 10, 10) == {"blue": 0, "yellow": 1, "red": 0}
    assert run(2026, 12, 10, 15) == NOTHING
    assert run(2026, 12, 11, 10) == {"blue": 0, "yellow": 0, "red": 1}
    assert run(2026, 12, 14, 10) == NOTHING

    assert [t[:6] for t in notices(users.dept_reporter)] == ["【蓝色提醒】", "【黄色提醒】"]
    assert "红星服装加工点" in notices(users.dept_reporter)[0]
    assert [t[:6] for t in notices(head)] == ["【黄色提醒】", "【红色提醒】"]
    assert [t[:6] for t in notices(dept_leader)] == ["【红色提醒】"]
    assert not notices(users.reporter) and not notices(users.leader)  # the town does not answer for it
    assert set(Notice.objects.filter(title__startswith="【").values_list("link", flat=True)) == {
        case.get_absolute_url()}
    assert Escalation.objects.filter(key__startswith="safety_case:").count() == 3
    with time_machine.travel(at(2026, 12, 11, 10), tick=False):  # the ledger counts the case due in December
        tally = selectors.tallies(months=[date(2026, 12, 1)], unit_ids=[units.dept.pk])[
            (units.dept.pk, date(2026, 12, 1))]["safety_cases"]
    assert (tally.expected, tally.missing) == (2, 2)  # the one submitted is missing too: not struck off by then


def test_the_escalated_kinds_are_the_kinds_the_ledger_counts():
    from gaoyou_portal import registry_owed

    sources = {s.code for s in registry_owed.compliance_sources()}
    assert sources == {"project_reports", "target_values", "task_progress", "safety_cases"}
    modules = {func.__module__.split(".")[0] for func in registry_owed._deadline_items}
    assert modules == {"projects", "targets", "livelihood", "safety"}


def test_a_reminder_link_lands_on_the_month_and_a_month_reported_shows_it(client, task, units, users):
    client.force_login(users.reporter)
    url = f"{reverse('livelihood:update_create', args=[task.pk])}?month=2026-10"
    with time_machine.travel(at(2026, 12, 2, 10), tick=False):
        body = client.get(url).content.decode()
        assert "已报送" in body and "2026年10月" in body
        response = client.get(url.replace("2026-10", "2026-11"))
    assert "已报送" not in response.content.decode()
    assert response.context["form"].initial["date"] == date(2026, 11, 30)  # dated in the month owed
    client.force_login(users.other_reporter)
    assert client.get(url).status_code == 404  # an item the user may not report
