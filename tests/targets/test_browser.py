"""A leader opens the board, sees what is behind, and drills down from a derived target to the projects
behind its figure."""

from datetime import date
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from projects.choices import MilestoneKind, ProjectLevel
from projects.models import Milestone
from targets.choices import TargetKind
from tests.projects.factories import ProjectFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True), pytest.mark.date_dependent]


def test_a_leader_finds_what_is_behind_and_the_projects_behind_a_figure(login_page, live_server, users, units,
                                                                         make_target, plan):
    target = make_target(kind=TargetKind.DERIVED, metric="projects.provincial_started", code="E02",
                         title="3个省级重大项目上半年全部开工", figure=Decimal(3), measure="个",
                         deadline=date(plan.year, 6, 30))
    for name, started in (("高邮示范电池项目", date(plan.year, 1, 1)), ("湖西新材料项目", None)):  # reached by any day
        project = ProjectFactory(level=ProjectLevel.PROVINCIAL, responsible_unit=units.town, name=name)
        Milestone.objects.filter(project=project, kind=MilestoneKind.STARTED).update(
            actual_date=started, planned_date=date(plan.year, 6, 1))
    page = login_page("t-leader")
    page.goto(f"{live_server.url}/targets/")
    expect(page.locator("h1")).to_contain_text("目标任务总览")
    row = page.locator('tr.target-row[data-code="E02"]')
    expect(row).to_be_visible()
    if date.today() > target.deadline:
        expect(row.locator(".badge")).to_have_text("未完成")
        expect(page.get_by_test_id("behind-list")).to_contain_text("E02")
    row.get_by_role("link", name=target.title).click()
    page.wait_for_load_state()
    expect(page.get_by_test_id("actual")).to_contain_text("1")
    records = page.locator(".derived-records li")  # exactly the records the figure counts
    expect(records).to_have_count(1)
    expect(records).to_contain_text("高邮示范电池项目")
    expect(page.locator(".uncounted-records")).to_contain_text("湖西新材料项目")  # apart, collapsed
    page.get_by_role("link", name="高邮示范电池项目").click()
    page.wait_for_load_state()
    expect(page.locator("h1")).to_contain_text("高邮示范电池项目")
