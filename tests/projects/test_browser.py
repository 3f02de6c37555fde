"""End to end in headless Chromium: a reporter submits this month's report and sees the light change."""

import re
from datetime import date

import pytest
from playwright.sync_api import expect

from gaoyou_portal.reporting import add_months
from org.models import Leader
from projects.lights import due_month
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
    card.locator("button[type=submit]").click()
    page.wait_for_load_state()

    expect(page).to_have_url(re.compile(r"/projects/this-month/$"))
    expect(page.locator(".alert-success")).to_contain_text("月报已保存")
    expect(page.locator(".alert-success")).to_contain_text("绿灯")
    card = page.locator(f"[data-project='{project.code}']")
    expect(card.locator("[data-testid=light]")).to_have_attribute("data-light", "green")
    assert project.reports.count() == due.month + 1
