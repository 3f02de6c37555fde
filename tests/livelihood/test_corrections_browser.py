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
