"""In Chromium, under the site's Content-Security-Policy: the correction form loads into the cached task page
and a citizen's message is sent from it without leaving the page."""

import pytest
from django.core import signing
from playwright.sync_api import expect

from livelihood import corrections
from livelihood.models import Correction

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_citizen_sends_a_correction_from_the_task_page(page, live_server, task, users):
    page.goto(f"{live_server.url}{task.get_absolute_url()}")
    form = page.get_by_test_id("correction-form")
    expect(form).to_be_visible()
    expect(page.get_by_label("本页哪里有误？")).to_be_visible()
    token = form.locator("input[name=token]").get_attribute("value")
    answer = signing.loads(token, salt=corrections.SALT)["r"]
    page.get_by_label("本页哪里有误？").fill("完成比例与实际不符。")
    form.locator("input[name=answer]").fill(str(answer))
    form.get_by_role("button", name="提交纠错").click()
    expect(page.get_by_test_id("correction-sent")).to_be_visible()
    assert page.url.endswith(task.get_absolute_url())  # the page stays; the form's box is swapped
    assert Correction.objects.get().text == "完成比例与实际不符。"
    assert page.context.cookies() == []


@pytest.mark.django_db
def test_the_staff_correction_pages_show_no_serious_accessibility_violations(browser, browser_context_args, client,
                                                                             task, units, users):
    """The queue and a message's page for the unit and the office, the office's reassign and remove forms (also
    refused), and its list of removed messages: axe finds no serious or critical violation."""
    from tests.portal.test_crawl import AXE, AXE_RUN, _serve

    correction = Correction.objects.create(task=task, unit=task.lead_unit, text="完成比例与实际不符。")
    removed = Correction.objects.create(task=task, unit=task.lead_unit, text="广告")
    corrections.correction_remove(user=users.office, correction=removed, removed_as="spam")
    pages = {}
    client.force_login(users.dept_reporter)
    pages["/unit/list/"] = client.get("/corrections/staff/")
    pages["/unit/detail/"] = client.get(f"/corrections/staff/{correction.pk}/")
    client.force_login(users.office)
    base = f"/corrections/staff/{correction.pk}/"
    pages.update({
        "/office/list/": client.get("/corrections/staff/"),
        "/office/removed/": client.get("/corrections/staff/?removed=1"),
        "/office/detail/": client.get(base),
        "/office/removed-detail/": client.get(f"/corrections/staff/{removed.pk}/"),
        "/office/reassign/": client.get(f"{base}reassign/"),
        "/office/reassign-refused/": client.post(f"{base}reassign/", {"unit": units.town.pk, "reason": ""}),
        "/office/remove/": client.get(f"{base}remove/"),
        "/office/remove-refused/": client.post(f"{base}remove/", {"removed_as": "other"}),
    })
    assert {url: r.status_code for url, r in pages.items()} == dict.fromkeys(pages, 200)
    context = browser.new_context(**browser_context_args, bypass_csp=True)
    context.route("http://testserver/**", _serve(pages))
    page = context.new_page()
    problems = []
    for url in pages:
        page.goto(f"http://testserver{url}")
        page.wait_for_load_state("load")
        page.add_script_tag(path=str(AXE))
        problems += [f"{url}: {v}" for v in page.evaluate(AXE_RUN)]
    context.close()
    assert not problems, "\n".join(problems)
