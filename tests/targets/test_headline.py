"""The headline: the share of targets done or on pace today against the same day last year (去年同期), on the
board, the public plan and the staff dashboard, each under its reader's scope."""

import re
from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from targets import history
from targets.models import MonthlyValue, Plan, Section, Target

AUGUST = datetime(2026, 8, 15, 10, tzinfo=ZoneInfo("Asia/Shanghai"))


@pytest.fixture
def two_years(plan, make_target, units):
    """This year: done, on pace, behind (2 of 3). Last year, on the same day: done, behind (1 of 2); its
    behind target was done by December, which the same-day comparison must not see."""
    def target(p, code, value, month=1, **kw):
        t = make_target(plan=p, code=code, figure=Decimal(100), deadline=date(p.year, 12, 31), **kw)
        if value:
            MonthlyValue.objects.create(target=t, unit=t.lead_unit, month=date(p.year, month, 1), value=value)
        return t

    target(plan, "A01", 100)
    target(plan, "A02", 60)
    target(plan, "A03", 5)
    target(plan, "A04", 60, is_public=False)  # on pace, staff only
    old = Plan.objects.create(year=plan.year - 1, title="去年")
    section = Section.objects.create(plan=old, order=1, title="聚焦经济发展")
    target(old, "A01", 100, section=section)
    target(old, "A02", 100, month=12, section=section)
    return plan


@pytest.mark.clock("2026-08-15T10:00")  # written for this day of 2026 (its plan and records too)
def test_the_share_done_or_on_pace_against_the_same_day_last_year(two_years):
    with time_machine.travel(AUGUST, tick=False):
        staff = history.headline(plan=two_years, targets=Target.objects.all())
        public = history.headline(plan=two_years, targets=Target.objects.public())
    assert (staff["today"]["count"], staff["today"]["total"], staff["today"]["share"]) == (3, 4, Decimal("75.0"))
    assert (staff["last_year"]["count"], staff["last_year"]["total"]) == (1, 2)
    assert staff["last_date"] == date(2025, 8, 15) and staff["change"] == Decimal("25.0")
    assert (public["today"]["count"], public["today"]["total"]) == (2, 3)


@pytest.mark.clock("2026-08-15T10:00")  # written for this day of 2026 (its plan and records too)
def test_the_board_the_public_plan_and_the_dashboard_show_it(client, users, two_years):
    with time_machine.travel(AUGUST, tick=False):
        client.force_login(users.leader)
        for url in (reverse("targets:board"), reverse("dashboard")):
            page = client.get(url).content.decode()
            headline = re.search(r'data-testid="headline">(.*?)</p>', page, flags=re.S).group(1)
            assert "75.0%（3/4）" in headline and "去年同期（2025-08-15）：50.0%（1/2）" in headline, url
            assert "+25.0 个百分点" in headline
        client.logout()
        page = client.get(reverse("targets:public_list")).content.decode()
        assert "66.7%（2/3）" in page and "去年同期" in page


@pytest.mark.clock("2026-08-15T10:00")  # written for this day of 2026 (its plan and records too)
def test_without_last_years_plan_it_says_so(client, users, make_target):
    make_target(code="A01")
    with time_machine.travel(AUGUST, tick=False):
        client.force_login(users.office)
        page = client.get(reverse("targets:board")).content.decode()
    assert "去年无计划可比" in page
