"""End to end in headless Chromium: a reporter submits this month's report and sees the light change."""

import re
from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine
from playwright.sync_api import expect

from gaoyou_portal.reporting import add_months
from leaders.models import Leader
from projects.lights import due_month
from projects.models import MonthlyPlan
from tests.projects.factories import ProjectFactory, link_leader, plan_year, report

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_reporter_submits_this_months_report_and_the_light_turns_green(login_page, live_server, users, units,
                                                                          reporting_day):
    today = reporting_day
    due = due_month(today, 5)
    project = ProjectFactory(responsible_unit=units.town, name="龙虬储能项目", signing_date=date(today.year - 1, 12, 1))
    plan_year(project, today.year)  # 100 a month
    link_leader(project, Leader.objects.get(user=users.leader))
    month = date(today.year, 1, 1)
    while month <= due:  # every month reported, January and February with nothing done:
        report(project, month, "0" if month.month <= 2 else "100")  # 200 short, 16.7 points behind
        month = add_months(month, 1)

    page = login_page("t-reporter")
    page.goto(f"{live_server.url}/projects/this-month/")
    card = page.locator(f"[data-project='{project.code}']")
    expect(card.locator("[data-testid=light]")).to_have_attribute("data-light", "yellow")
    expect(card.locator("[data-testid=light-reasons]")).to_contain_text("落后序时进度")

    card.locator("input[name$='-investment']").fill("300")
    card.locator("textarea[name$='-workload']").fill("主体结构封顶")
    card.locator(".report-form button[type=submit]").click()
    page.wait_for_load_state()

    expect(page).to_have_url(re.compile(r"/projects/this-month/$"))
    expect(page.locator(".alert-success")).to_contain_text("月报已保存")
    expect(page.locator(".alert-success")).to_contain_text("绿灯")
    card = page.locator(f"[data-project='{project.code}']")
    expect(card.locator("[data-testid=light]")).to_have_attribute("data-light", "green")
    assert project.reports.count() == due.month + 1


SH = ZoneInfo("Asia/Shanghai")


@pytest.mark.date_dependent
def test_a_reporter_on_plan_files_the_month_in_two_clicks_after_signing_in(login_page, live_server, users, units):
    """Login page → (signed in) 本月 → 按计划报送 → confirmed: 2 interactions after signing in (at most 3)."""
    with time_machine.travel(datetime(2026, 11, 26, 10, 0, tzinfo=SH), tick=False):
        project = ProjectFactory(responsible_unit=units.town, name="龙虬储能项目", signing_date=date(2026, 10, 1))
        plan_year(project, 2026)
        MonthlyPlan.objects.filter(project=project, month=date(2026, 11, 1)).update(
            planned_investment=Decimal("230.50"), planned_workload="主体结构施工")
        report(project, date(2026, 10, 1), "100")

        page = login_page("t-reporter")
        page.get_by_role("link", name="本月").first.click()  # 1
        card = page.locator(f"[data-project='{project.code}']")
        expect(card.locator("input[name$='-investment']")).to_have_value("230.50")
        card.get_by_role("button", name="按计划报送").click()  # 2
        page.wait_for_load_state()

        expect(page.locator(".alert-success")).to_contain_text("2026-11月报已保存")
        expect(page.locator(f"[data-project='{project.code}']")).to_contain_text("2026-11")
        saved = project.reports.get(month=date(2026, 11, 1))
        assert (saved.investment, saved.workload, saved.submitted_by) == (
            Decimal("230.50"), "主体结构施工", users.reporter)


@pytest.mark.date_dependent
def test_the_link_of_a_reminder_lands_on_the_form_after_signing_in(page, live_server, users, units):
    """A group message's link → login page → signed in → the form of the item owed, prefilled; one click files it."""
    with time_machine.travel(datetime(2026, 11, 26, 10, 0, tzinfo=SH), tick=False):
        project = ProjectFactory(responsible_unit=units.town, signing_date=date(2026, 10, 1))
        plan_year(project, 2026)
        link = f"/projects/{project.pk}/reports/new/?month=2026-11"

        page.goto(f"{live_server.url}{link}")
        expect(page).to_have_url(re.compile(r"/accounts/login/\?next="))
        page.fill("input[name=username]", "t-reporter")
        page.fill("input[name=password]", "test-pass-2026")
        page.click("button[type=submit]")
        page.wait_for_load_state()

        assert page.url == f"{live_server.url}{link}"
        expect(page.locator("input[name=investment]")).to_have_value("100.00")
        page.get_by_role("button", name="保存").click()
        page.wait_for_load_state()
        assert project.reports.get(month=date(2026, 11, 1)).investment == Decimal("100.00")
