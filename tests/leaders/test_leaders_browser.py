"""End to end in headless Chromium: a leader signs in, opens 我的工作台, sees the problem waiting on them,
resolves it and is back on the workspace with the problem gone from the list."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from leaders.models import Leader
from projects.choices import BlockerStatus
from projects.models import Blocker
from tests.projects.factories import ProjectFactory, link_leader

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True), pytest.mark.date_dependent]


def test_the_leader_resolves_the_problem_waiting_on_them_from_the_workspace(login_page, live_server, users, units):
    leader = Leader.objects.get(user=users.leader)
    project = ProjectFactory(responsible_unit=units.town, name="甲镇储能电站项目")
    link_leader(project, leader)
    blocker = Blocker.objects.create(project=project, title="电网接入方案未批复", assigned_leader=leader,
                                     deadline=timezone.localdate() + timedelta(days=7),
                                     raised_at=timezone.now() - timedelta(days=6))

    page = login_page("t-leader")
    page.get_by_role("link", name="我的工作台").click()
    page.wait_for_load_state()
    expect(page).to_have_url(re.compile(r"/leaders/me/$"))
    item = page.locator("[data-testid=waiting-item]", has_text="电网接入方案未批复")
    expect(item).to_contain_text("已6天")
    item.get_by_role("link", name="办结").click()
    page.wait_for_load_state()

    page.fill("textarea[name=resolution]", "已协调供电公司，接入方案本周批复")
    page.get_by_role("button", name="保存").click()
    page.wait_for_load_state()

    expect(page).to_have_url(re.compile(r"/leaders/me/$"))
    expect(page.locator(".alert-success")).to_be_visible()
    expect(page.locator("[data-testid=waiting-item]")).to_have_count(0)
    expect(page.locator("[data-testid=waiting]")).to_contain_text("暂无待办事项。")
    blocker.refresh_from_db()
    assert blocker.status == BlockerStatus.RESOLVED
    assert blocker.resolved_by == users.leader
