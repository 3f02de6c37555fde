"""Escalating reminders: blue three working days before a deadline to the reporters, yellow on the deadline day
to the reporters and the head, red once overdue to the head and the linked leader; each once; the official
calendar's holidays skipped; nothing in the quiet hours."""

from datetime import date

import pytest
import time_machine
from django.test import override_settings

from gaoyou_portal.roles import Role
from leaders.choices import LinkKind
from leaders.models import Leader, LeaderLink
from notify.models import Channel, Delivery
from org.models import Membership, Notice
from projects.models import MonthlyReport
from reporting import services
from reporting.models import CalendarDay, Escalation
from reporting.workdays import WorkingDays
from tests.factories import UserFactory
from tests.projects.factories import ProjectFactory
from tests.reporting.conftest import at

pytestmark = [pytest.mark.django_db, pytest.mark.date_dependent]


@pytest.fixture
def owing(units, users):
    """A project of the town owing September 2026's report, due Monday 5 October (inside the National Day
    holiday, 1–7 October); the town's head, and the leader linked to the town."""
    head = UserFactory(username="t-head", roles=[Role.REPORTER])
    Membership.objects.create(user=head, unit=units.town, position="镇长", is_head=True)
    LeaderLink.objects.create(leader=Leader.objects.get(user=users.leader), kind=LinkKind.UNIT, unit=units.town)
    Channel.objects.create(name="甲镇工作群", scheme="wecombot", unit=units.town, url_encrypted="x", url_hint="…")
    project = ProjectFactory(responsible_unit=units.town, signing_date=date(2026, 1, 10))
    for month in range(1, 9):  # January to August reported: only September is owed
        MonthlyReport.objects.create(project=project, month=date(2026, month, 1), investment=100)
    return project, head


def notices(user):
    escalated = Notice.objects.filter(recipient=user, title__startswith="【").order_by("created_at")
    return list(escalated.values_list("title", flat=True))


def run(*moment):
    with time_machine.travel(at(*moment), tick=False):
        return services.escalations_send()


def test_the_official_calendar_skips_the_holiday_and_counts_the_weekend_worked():
    days = WorkingDays(date(2026, 9, 1), date(2026, 10, 31))
    assert CalendarDay.objects.filter(date__year=2026).exists()  # seeded by the migration
    assert not days.is_working(date(2026, 10, 5)) and days.is_working(date(2026, 10, 10))  # Saturday worked
    assert days.before(date(2026, 10, 5), 3) == date(2026, 9, 28)  # 30 Sep, 29 Sep, 28 Sep (1–4 Oct off)


def test_blue_yellow_and_red_go_once_each_to_the_right_people(owing, users):
    project, head = owing
    assert run(2026, 9, 27, 10) == {"blue": 0, "yellow": 0, "red": 0}  # Sunday: four working days before
    assert run(2026, 9, 28, 10)["blue"] == 1
    assert run(2026, 9, 28, 15)["blue"] == 0  # the afternoon run sends nothing again
    assert run(2026, 10, 2, 10) == {"blue": 0, "yellow": 0, "red": 0}
    assert run(2026, 10, 5, 10)["yellow"] == 1
    with override_settings(NOTIFY_QUIET_HOURS="22:00-07:30"):
        assert run(2026, 10, 5, 23, 30) == {"blue": 0, "yellow": 0, "red": 0}  # quiet hours: waits
    assert run(2026, 10, 6, 9)["red"] == 1
    assert run(2026, 10, 8, 9)["red"] == 0

    form = f"/projects/{project.pk}/reports/new/?month=2026-09"
    reporter, leader = notices(users.reporter), notices(users.leader)
    assert len(reporter) == 2 and reporter[0].startswith("【蓝色提醒】") and reporter[1].startswith("【黄色提醒】")
    assert len(notices(head)) == 2
    assert notices(head)[0].startswith("【黄色提醒】") and notices(head)[1].startswith("【红色提醒】")
    assert len(leader) == 1 and leader[0].startswith("【红色提醒】") and "2026年10月5日" in leader[0]
    assert not notices(users.other_reporter)
    assert set(Notice.objects.filter(title__startswith="【").values_list("link", flat=True)) == {form}  # the form
    assert list(Escalation.objects.order_by("sent_at").values_list("stage", "recipients")) == [
        ("blue", 1), ("yellow", 2), ("red", 2)]
    assert Delivery.objects.filter(channel__unit=owing[0].responsible_unit).count() == 3  # the unit's group


def test_an_item_filed_in_time_gets_no_more_notices(owing, users):
    project, _head = owing
    run(2026, 9, 28, 10)
    MonthlyReport.objects.create(project=project, month=date(2026, 9, 1), investment=100)
    assert run(2026, 10, 5, 10) == {"blue": 0, "yellow": 0, "red": 0}
    assert run(2026, 10, 6, 10) == {"blue": 0, "yellow": 0, "red": 0}
    assert len(notices(users.reporter)) == 1
