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
