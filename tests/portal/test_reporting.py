"""The reporting calendar (gaoyou_portal.reporting) at its boundaries: deadline day 5, opening day 25."""

from datetime import date

import pytest

from gaoyou_portal.reporting import ReportingCalendar, milestone_due, milestone_overdue

CAL = ReportingCalendar(deadline_day=5, opening_day=25)
NOV, DEC, OCT = date(2026, 11, 1), date(2026, 12, 1), date(2026, 10, 1)


def test_the_opening_day_is_a_setting_defaulting_to_the_25th(settings):
    assert ReportingCalendar().opening_day == 25
    settings.PORTAL_REPORTING_OPENS_DAY = 20
    assert ReportingCalendar().opens(DEC) == date(2026, 12, 20)


@pytest.mark.parametrize(("today", "is_open"), [(date(2026, 12, 1), False), (date(2026, 12, 24), False),
                                                (date(2026, 12, 25), True), (date(2027, 1, 5), True),
                                                (date(2027, 1, 6), True)])
def test_a_month_opens_on_its_25th_never_earlier(today, is_open):
    assert CAL.is_open(DEC, today) is is_open


@pytest.mark.parametrize(("today", "locked"), [(date(2027, 1, 5), False), (date(2027, 1, 6), True)])
def test_a_month_locks_after_the_deadline_unless_reopened(today, locked):
    assert CAL.deadline(DEC) == date(2027, 1, 5)
    assert CAL.is_locked(DEC, today) is locked
    assert CAL.is_locked(DEC, today, reopened_until=date(2027, 1, 6)) is False


@pytest.mark.parametrize(
    ("today", "due", "open_months", "latest"),
    [
        (date(2026, 12, 1), OCT, [NOV], NOV),  # December is not owed on the 1st
        (date(2026, 12, 5), OCT, [NOV], NOV),
        (date(2026, 12, 6), NOV, [], NOV),  # November late; December not open yet
        (date(2026, 12, 24), NOV, [], NOV),
        (date(2026, 12, 25), NOV, [DEC], DEC),
        (date(2027, 1, 5), NOV, [DEC], DEC),
        (date(2027, 1, 6), DEC, [], DEC),
    ],
)
def test_owed_months_on_the_boundaries(today, due, open_months, latest):
    assert CAL.due_month(today) == due
    assert CAL.open_months(today) == open_months
    assert CAL.owed_months(today) == sorted({due, *open_months})
    assert CAL.latest_open_month(today) == latest
    assert (DEC in CAL.owed_months(today)) is (today >= date(2026, 12, 25))  # never owed before it opens


def test_the_light_never_compares_a_month_that_has_not_ended():
    assert CAL.last_ended_month(date(2026, 12, 31)) == NOV
    assert CAL.last_ended_month(date(2027, 1, 1)) == DEC


def test_a_milestone_is_overdue_from_the_month_after_its_date():
    today = date(2026, 12, 20)
    assert milestone_due(date(2026, 12, 10), today) and not milestone_overdue(date(2026, 12, 10), today)
    assert milestone_overdue(date(2026, 11, 30), today)
    assert not milestone_overdue(date(2026, 11, 30), today, reached=True)
    assert not milestone_due(date(2027, 1, 1), today) and not milestone_overdue(None, today)


@pytest.mark.parametrize(("today", "month"), [
    (date(2026, 12, 1), date(2026, 11, 1)),   # November is open until the 5th
    (date(2026, 12, 5), date(2026, 11, 1)),
    (date(2026, 12, 6), None),                # locked on the 5th, December opens on the 25th: nothing on time
    (date(2026, 12, 24), None),
    (date(2026, 12, 25), date(2026, 12, 1)),
])
def test_the_month_still_reported_on_time(today, month):
    assert ReportingCalendar(deadline_day=5, opening_day=25).on_time_month(today) == month
