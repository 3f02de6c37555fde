"""End to end in headless Chromium: a town reporter inspects and submits; the bureau accepts; the board moves."""

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from safety.choices import CaseState, WorkshopDisposition

from .factories import GarmentWorkshopFactory, photo

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_reporter_inspects_and_submits_then_the_bureau_accepts(login_page, live_server, users, units, tmp_path):
    shop = GarmentWorkshopFactory(town=units.town, name="甲镇王记服装加工点", disposition=WorkshopDisposition.RECTIFY,
                                  state=CaseState.IN_PROGRESS)
    image = Path(tmp_path) / "现场.png"
    image.write_bytes(photo().read())

    page = login_page("t-reporter")
    page.on("dialog", lambda dialog: dialog.accept())
    page.goto(f"{live_server.url}{shop.get_absolute_url()}")
    expect(page.get_by_test_id("case-state")).to_have_text("整治中")
    form = page.get_by_test_id("inspection-form")
    form.locator("input[name=date]").fill("2026-11-27")
    form.locator("input[name=inspectors]").fill("镇安监办 郑华")
    form.locator("select[name=verdict]").select_option("passed")
    form.locator("textarea[name=findings]").fill("三合一已分离，灭火器已更换")
    form.locator("input[name=photos]").set_input_files(str(image))
    form.locator("button[type=submit]").click()
    expect(page.get_by_test_id("inspections")).to_contain_text("三合一已分离")
    expect(page.locator("img.inspection-photo")).to_have_count(1)
    page.get_by_test_id("submit-case").click()
    expect(page.get_by_test_id("case-state")).to_have_text("待验收")

    page.context.clear_cookies()
    page = login_page("t-safety")
    page.goto(f"{live_server.url}/safety/")
    done = page.get_by_test_id("done-workshops-rectify")
    expect(done).to_have_text("0")
    page.goto(f"{live_server.url}{shop.get_absolute_url()}")
    page.get_by_test_id("accept-case").click()
    expect(page.get_by_test_id("case-state")).to_have_text("已验收销号")
    page.goto(f"{live_server.url}/safety/")
    expect(page.get_by_test_id("done-workshops-rectify")).to_have_text("1")
    expect(page.locator("[data-chart=chart-workshops] svg")).to_have_count(1)
    expect(page).to_have_title(re.compile("安全整治"))
    shop.refresh_from_db()
    assert shop.state == CaseState.CLOSED_OUT and shop.closed_out_by == users.safety
    assert shop.submitted_by == users.reporter and shop.inspections.get().photos.count() == 1
