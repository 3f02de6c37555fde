"""End to end in headless Chromium: the demo journey of signing in."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_reporter_signs_in_and_sees_the_dashboard_in_chinese(login_page, users):
    page = login_page("t-reporter")
    expect(page).to_have_url(re.compile(r"/dashboard/$"))
    expect(page.locator("h1")).to_have_text("工作台")
    expect(page.locator("nav")).to_contain_text("单位")
    expect(page.locator("html")).to_have_attribute("lang", "zh-CN")
