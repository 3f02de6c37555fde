"""A visitor on a phone finds a task by search and reads its progress; no request leaves the site."""

from urllib.parse import urlparse

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from livelihood import services

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_visitor_on_a_phone_finds_a_task_and_reads_its_progress(page, live_server, task, users, make_tasks):
    make_tasks(5)
    services.update_add(task=task, user=users.reporter, date=timezone.localdate(), percent=45,
                        text="已完成管网铺设 3.6 公里")
    host = urlparse(live_server.url).netloc
    outside = []

    def guard(route):
        if urlparse(route.request.url).netloc != host:
            outside.append(route.request.url)
            route.abort()
        else:
            route.continue_()

    page.route("**/*", guard)
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    page.set_viewport_size({"width": 360, "height": 740})

    page.goto(f"{live_server.url}/livelihood/")
    expect(page.locator("h1")).to_have_text("2026年民生实事")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360  # nothing wider than the phone
    page.get_by_placeholder("任务名称或编号").fill("区域供水")
    page.keyboard.press("Enter")
    page.wait_for_load_state()
    cards = page.locator(".task-card")
    expect(cards).to_have_count(1)
    cards.first.get_by_role("link").click()
    page.wait_for_load_state()
    expect(page.locator("h1")).to_have_text("龙虬镇区域供水管网改造")
    expect(page.get_by_test_id("status")).to_have_text("推进中")
    expect(page.get_by_test_id("progress").get_by_role("progressbar")).to_have_attribute("aria-valuenow", "45")
    expect(page.get_by_test_id("timeline")).to_contain_text("已完成管网铺设 3.6 公里")
    expect(page.locator(".task-facts")).to_contain_text("测试领导")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert page.context.cookies() == []
    assert outside == []
    assert requests and all(urlparse(url).netloc == host for url in requests), requests
