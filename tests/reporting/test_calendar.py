"""The office edits the official working-day calendar; every change is audited; others answer 404."""

from datetime import date

import pytest
from django.urls import reverse

from reporting.models import CalendarDay
from tests.helpers.permissions import assert_access

pytestmark = pytest.mark.django_db


def test_the_calendar_page_is_the_offices(client, users):
    assert_access(client, reverse("reporting:calendar") + "?year=2026", inside=[users.office, users.admin],
                  outside=[users.reporter, users.leader, users.nobody])


def test_2025_to_2027_are_seeded_and_2027_shows_as_provisional(client, users):
    assert CalendarDay.objects.get(date=date(2026, 2, 14)).kind == "workday"  # 春节调休 (a Saturday worked)
    assert CalendarDay.objects.get(date=date(2025, 10, 8)).name == "国庆节、中秋节"
    client.force_login(users.office)
    page = reverse("reporting:calendar")
    assert 'data-testid="provisional"' in client.get(page + "?year=2027").content.decode()
    assert 'data-testid="provisional"' not in client.get(page + "?year=2026").content.decode()


def test_the_office_adds_a_weekend_worked_and_the_history_keeps_who(client, users):
    client.force_login(users.office)
    response = client.post(reverse("reporting:calendar"), {"date": "2027-02-20", "kind": "workday", "name": "春节调休"})
    assert response.status_code == 302
    day = CalendarDay.objects.get(date=date(2027, 2, 20))
    assert (day.kind, day.name, day.history.get().history_user) == ("workday", "春节调休", users.office)
    client.post(reverse("reporting:calendar_delete", args=[day.pk]))
    assert not CalendarDay.objects.filter(date=date(2027, 2, 20)).exists()
    assert day.history.first().history_type == "-" and day.history.first().history_user == users.office


def test_a_holiday_on_a_weekend_is_refused_with_the_reason(client, users):
    client.force_login(users.office)
    response = client.post(reverse("reporting:calendar"), {"date": "2027-02-06", "kind": "holiday", "name": "春节"})
    assert "2027年2月6日是周末：设为节假日不改变什么。" in response.content.decode()
    assert not CalendarDay.objects.filter(date=date(2027, 2, 6)).exists()


# The State Council's notices as published (国务院办公厅关于2025年/2026年部分节假日安排的通知, 新华社
# 2024-11-12 and 2025-11-04), written out day by day independently of reporting/holidays.py.
NOTICES = {
    2025: {"off": ["01-01", "01-28/02-04", "04-04/04-06", "05-01/05-05", "05-31/06-02", "10-01/10-08"],
           "worked": ["01-26", "02-08", "04-27", "09-28", "10-11"]},
    2026: {"off": ["01-01/01-03", "02-15/02-23", "04-04/04-06", "05-01/05-05", "06-19/06-21", "09-25/09-27",
                   "10-01/10-07"],
           "worked": ["01-04", "02-14", "02-28", "05-09", "09-20", "10-10"]},
}


def _days(year, spans):
    from datetime import timedelta

    for span in spans:
        first, _sep, last = span.partition("/")
        day = date.fromisoformat(f"{year}-{first}")
        end = date.fromisoformat(f"{year}-{last or first}")
        while day <= end:
            yield day
            day += timedelta(days=1)


@pytest.mark.parametrize("year", sorted(NOTICES))
def test_the_seeded_calendar_is_the_state_councils_notice(year):
    from reporting.workdays import WorkingDays

    notice = NOTICES[year]
    off = {d for d in _days(year, notice["off"]) if d.weekday() < 5}  # weekdays off; weekends are off anyway
    worked = set(_days(year, notice["worked"]))
    assert all(d.weekday() >= 5 for d in worked)
    seeded = CalendarDay.objects.filter(date__year=year)
    assert set(seeded.filter(kind="holiday").values_list("date", flat=True)) == off
    assert set(seeded.filter(kind="workday").values_list("date", flat=True)) == worked
    days = WorkingDays(date(year, 1, 1), date(year, 12, 31))
    working = sum(days.is_working(date.fromordinal(n))
                  for n in range(date(year, 1, 1).toordinal(), date(year, 12, 31).toordinal() + 1))
    assert working == 248  # both years: 261 weekdays, 18 (2025) or 19 (2026) off, 5 or 6 weekends worked
