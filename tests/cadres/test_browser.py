"""End to end in headless Chromium: the department opens a cadre, records a fault-tolerance
decision, and sees it in the cadre's timeline."""

import pytest
from playwright.sync_api import expect

from cadres.models import AccessLog, FaultToleranceCase

from .factories import CadreFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_department_records_a_fault_tolerance_decision_and_sees_it_in_the_timeline(login_page, users, units):
    cadre = CadreFactory(name="钱一线", unit=units.town, post="项目办主任", front_line="construction",
                         front_line_since="2026-01-10")
    page = login_page("t-orgdept")
    page.get_by_role("link", name="干部管理").first.click()
    expect(page.locator("h1")).to_have_text("干部管理")
    page.get_by_role("link", name="钱一线").click()
    expect(page.locator("h1")).to_contain_text("钱一线")
    expect(page.get_by_test_id("timeline")).to_have_count(0)

    page.get_by_role("link", name="容错纠错").click()
    page.fill("input[name=occurred_on]", "2026-05-06")
    page.fill("textarea[name=facts]", "为抢工期先行开工，后补手续")
    page.select_option("select[name=decision]", "tolerated")
    page.fill("input[name=decided_on]", "2026-06-10")
    page.get_by_role("button", name="保存").click()
    expect(page.locator(".invalid-feedback, .errorlist, .alert-danger").first).to_contain_text("适用的条款")
    assert not FaultToleranceCase.objects.exists()

    page.fill("textarea[name=rule_applied]", "高邮市容错纠错实施办法第六条")
    page.get_by_role("button", name="保存").click()
    timeline = page.get_by_test_id("timeline")
    expect(timeline).to_contain_text("容错纠错")
    expect(timeline).to_contain_text("予以容错")
    expect(timeline).to_contain_text("2026-05-06")
    case = FaultToleranceCase.objects.get()
    assert (case.cadre, case.recorded_by, case.decision) == (cadre, users.orgdept, "tolerated")
    assert AccessLog.objects.filter(user=users.orgdept, cadre=cadre, action="view").count() >= 2
