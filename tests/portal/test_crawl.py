"""Issue 10: the crawl that keeps first contact trustworthy.

On the demo data (``seed_demo``, seeded once for the module), for each demo role and the public: start at
the navigation and the dashboard (the public: the home page and the task list), follow every same-site
link to depth 2 and check that every page answers 200 (or a documented redirect), has a title
"page · site", shows no English in the Chinese interface and links nowhere that answers 404.
See tests/portal/crawl.py for how links are sampled.
"""

import re
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import time_machine
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.staticfiles import finders
from django.core.management import call_command
from django.db import transaction
from django.test import Client

from tests.helpers.clock import clock_of
from tests.portal.crawl import crawl

ROLES = ["admin", "office", "leader", "reporter", "safety", "orgdept"]
# The demo as seeded on 7 December 2026, the day the crawl's expectations were written for; the demo on other
# days of the year is tests/portal/test_demo_in_time.py's.
pytestmark = pytest.mark.clock("2026-12-07T10:00")


@pytest.fixture(scope="module")
def demo_site(request, django_db_setup, django_db_blocker):
    """The demo data, seeded once for the module inside a transaction that is rolled back at the end."""
    # Once Playwright's sync API has started, the test code runs in another context and so gets another
    # database connection, which the seeding transaction would lock out: start the browser first, so the
    # crawl and the accessibility pass share one connection. Without Chromium the crawl still runs.
    try:
        request.getfixturevalue("browser")
    except pytest.skip.Exception:
        pass
    with django_db_blocker.unblock(), time_machine.travel(clock_of(request.node), tick=True):
        with transaction.atomic():
            call_command("seed_demo", verbosity=0)
            yield
            transaction.set_rollback(True)


def _starts(client):
    """The dashboard and every entry of the navigation."""
    response = client.get("/dashboard/")
    assert response.status_code == 200
    urls = ["/dashboard/", *[url for _item, url in response.context["nav_items"]]]
    return list(dict.fromkeys(urls))


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_every_page_a_role_reaches_is_trustworthy(client, demo_site, role):
    client.force_login(get_user_model().objects.get(username=role))
    started = time.monotonic()
    # Documented redirect: the sign-in page (linked from the public pages) sends a signed-in user to the dashboard.
    result = crawl(client, _starts(client), allowed_redirects=[("/accounts/login/", "/dashboard/")])
    assert len(result.pages) > 10, result.pages
    print(f"{role}: {len(result.pages)} pages in {time.monotonic() - started:.1f}s")
    assert not result.problems, "\n".join(sorted(set(result.problems)))


@pytest.mark.django_db
def test_every_page_the_public_reaches_is_trustworthy(client, demo_site):
    result = crawl(client, ["/", "/livelihood/"], allowed_redirects=[("/", "/accounts/login/")])
    assert len(result.pages) > 5, result.pages
    assert not result.problems, "\n".join(sorted(set(result.problems)))


# --- accessibility: axe-core in the system Chromium ------------------------------------------------------------
AXE = Path(settings.BASE_DIR) / "static" / "vendor" / "axe-core" / "axe.min.js"
AXE_RUN = """async () => {
  const result = await axe.run(document, {resultTypes: ["violations"]});
  return result.violations.filter(v => v.impact === "serious" || v.impact === "critical")
    .map(v => `${v.id} (${v.impact}): ${v.nodes.length} × `
              + v.nodes.slice(0, 3).map(n => n.target.join(" ")).join(" | "));
}"""
# A representative set per reader (the axe pass is slower than the crawl): the navigation's pages and the
# dashboard for staff, plus one record of each main kind; the public pages for the public.
EXTRA_PAGES = {
    None: ["/", "/livelihood/", "/livelihood/print/", "/accounts/login/", "/targets/public/", "/projects/public/",
           "/open-data/", "/open-data/embed/", "/embed/livelihood/", "/embed/targets/"],
    "office": ["/sprint/cases/", "/projects/reports/upload/", "/projects/import/"],
    "reporter": ["/projects/this-month/"],
}


def _serve(pages):
    """A Playwright route handler serving pages rendered beforehand by the Django test client (no live server:
    the module's demo data stays in its transaction, and Django's connection belongs to the test's context),
    static files from the finders, and an empty answer to anything else (htmx polls)."""

    def handle(route):
        url = urlsplit(route.request.url)
        path = url.path + (f"?{url.query}" if url.query else "")
        if path in pages:
            response = pages[path]
            route.fulfill(status=response.status_code, headers=dict(response.items()), body=response.content)
        elif url.path.startswith("/static/") and (found := finders.find(url.path.removeprefix("/static/"))):
            route.fulfill(path=found)
        else:
            route.fulfill(status=204, body="")

    return handle


def _public_records(client):
    """A task's page (full and embedded) and a public project's page, from the public lists."""
    task = re.search(r'href="/livelihood/(\d{4}/\d+/)"', client.get("/livelihood/").content.decode()).group(1)
    project = re.search(r'href="(/projects/public/[^"/]+/)"', client.get("/projects/public/").content.decode())
    return [f"/livelihood/{task}", f"/embed/livelihood/{task}", project.group(1)]


def _detail_pages(client, starts):
    """One record page of each kind linked from the start pages (the first link to a numbered page)."""
    found = {}
    for url in starts:
        for href in re.findall(r'href="(/[a-z-]+/(?:[a-z-]+/)?\\d+/)"', client.get(url).content.decode()):
            found.setdefault(href.split("/")[1], href)
    return list(found.values())


@pytest.mark.browser
@pytest.mark.django_db
@pytest.mark.parametrize("role", [*ROLES, None])
def test_pages_show_no_serious_or_critical_accessibility_violations(browser, browser_context_args, demo_site, role):
    client = Client()
    if role:
        client.force_login(get_user_model().objects.get(username=role))
        starts = _starts(client)
        urls = [*starts, *_detail_pages(client, starts), *EXTRA_PAGES.get(role, [])]
    else:
        urls = EXTRA_PAGES[None] + _public_records(client)
    pages = {url: client.get(url) for url in dict.fromkeys(urls)}
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
