"""End to end in headless Chromium: a leader opens the race dashboard, sees the flags and drills down
from a unit's score to its indicator breakdown and to a project behind a figure."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_leader_sees_the_flags_and_drills_down_to_a_project(login_page, users, units, scored):
    race, scheme, project = scored
    page = login_page("t-leader")
    page.goto(page.url.replace("/dashboard/", "/sprint/"))
    expect(page.locator("h1")).to_contain_text("冲刺赛")
    town_table = page.locator("table.ranking[data-group=town]")
    expect(town_table.locator("tr[data-unit=t-town] [data-flag=red]")).to_be_visible()
    # The other two towns tie at the bottom with no data: both take the one yellow flag (the tie rule).
    expect(town_table.locator("[data-flag=yellow]")).to_have_count(2)
    expect(page.locator("[data-chart=chart-town] svg")).to_have_count(1)  # the ECharts bar chart drew
    town_table.get_by_role("link", name="测试甲镇").click()
    expect(page).to_have_url(re.compile(r"/sprint/races/\d+/scores/\d+/$"))
    expect(page.get_by_test_id("score")).to_be_visible()
    page.locator("table.breakdown").get_by_role("link", name="完成投资").click()
    link = page.locator("table.projects-behind").get_by_role("link", name=re.compile(project.name))
    expect(link).to_have_attribute("href", f"/projects/{project.pk}/")
    link.click()
    expect(page).to_have_url(re.compile(rf"/projects/{project.pk}/$"))
