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
        for href in re.findall(r'href="(/[a-z-]+/(?:[a-z-]+/)?\d+/)"', client.get(url).content.decode()):
            found.setdefault(href.split("/")[1], href)
    return list(found.values())


def _reached(client, starts):
    """Every list and form page the role's crawl reaches (one page per route, as the crawl samples them), not a
    sample of them: the browsable API, the admin and downloads aside."""
    reached = crawl(client, starts, allowed_redirects=[("/accounts/login/", "/dashboard/")]).pages
    return [url for url, status in reached.items() if status == 200 and not url.startswith(("/api/", "/admin/"))]


@pytest.mark.browser
@pytest.mark.django_db
@pytest.mark.parametrize("role", [*ROLES, None])
def test_pages_show_no_serious_or_critical_accessibility_violations(browser, browser_context_args, demo_site, role):
    client = Client()
    if role:
        client.force_login(get_user_model().objects.get(username=role))
        starts = _starts(client)
        urls = [*starts, *_detail_pages(client, starts), *EXTRA_PAGES.get(role, []), *_reached(client, starts)]
    else:
        urls = EXTRA_PAGES[None] + _public_records(client)
    pages = {url: response for url in dict.fromkeys(urls)
             if (response := client.get(url)).status_code == 200 and response["Content-Type"].startswith("text/html")}
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
    print(f"{role}: axe on {len(pages)} pages")
    assert not problems, "\n".join(problems)


# --- 关怀版 (care mode) on the public pages -----------------------------------------------------------------------
WCAG_RUN = AXE_RUN.replace('{resultTypes: ["violations"]}',
                           '{resultTypes: ["violations"], runOnly: {type: "tag", values: '
                           '["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]}}')
CARE_ON = 'window.localStorage.setItem("gaoyou-care-mode", "1");'


def _public_html_pages(client):
    """Every HTML page the public crawl reaches, the pages named above and a record of each kind; not the
    embedded pages (they live in the county portal's frame and follow its mode)."""
    reached = crawl(client, ["/", "/livelihood/"], allowed_redirects=[("/", "/accounts/login/")]).pages
    urls = [*EXTRA_PAGES[None], *_public_records(client), *(u for u, status in reached.items() if status == 200)]
    pages = {}
    for url in dict.fromkeys(urls):
        if url.startswith(("/embed/", "/api/", "/static/", "/media/")):
            continue
        response = client.get(url)
        if response.status_code == 200 and response["Content-Type"].startswith("text/html"):
            pages[url] = response
    return pages


@pytest.mark.django_db
def test_every_public_page_offers_the_care_mode_switch_and_applies_it_before_first_paint(client, demo_site):
    pages = _public_html_pages(client)
    named = {"/", "/livelihood/", "/livelihood/print/", "/targets/public/", "/projects/public/", "/open-data/"}
    assert named <= set(pages)
    assert len(pages) > 10, sorted(pages)
    for url, response in pages.items():
        html = response.content.decode()
        assert html.count("data-care-toggle") == 1, url
        assert "关怀版" in html and "退出关怀版" in html, url
        # The mode's script is in <head>, before the style sheets, and synchronous: no flash of the standard page.
        head = html[: html.index("</head>")]
        assert '<script src="/static/js/care-head.js"></script>' in head, url
        assert head.index("care-head.js") < head.index("bootstrap.min.css"), url
        if url != "/accounts/login/":  # the staff sign-in form sets its CSRF cookie
            assert not response.cookies, url


@pytest.mark.browser
@pytest.mark.django_db
def test_care_mode_is_one_click_away_and_kept_after_a_reload(browser, browser_context_args, demo_site):
    client = Client()
    urls = ["/", "/livelihood/", *_public_records(client)[::2]]
    pages = {url: client.get(url) for url in urls}
    context = browser.new_context(**browser_context_args, bypass_csp=False)
    context.route("http://testserver/**", _serve(pages))
    page = context.new_page()
    page.goto("http://testserver/livelihood/")
    html = page.locator("html")
    toggle = page.locator("[data-care-toggle]")
    assert "care-mode" not in (html.get_attribute("class") or "")
    assert toggle.inner_text().strip() == "关怀版"
    size = page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)")
    toggle.click()
    assert "care-mode" in html.get_attribute("class")
    assert toggle.inner_text().strip() == "退出关怀版"
    assert page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)") >= size * 1.3
    assert page.evaluate("localStorage.getItem('gaoyou-care-mode')") == "1"
    assert context.cookies() == []
    # Kept after a reload and on every other public page.
    for url in [*urls, "/livelihood/"]:
        page.goto(f"http://testserver{url}")
        assert "care-mode" in (page.locator("html").get_attribute("class") or ""), url
    # And one click back.
    page.locator("[data-care-toggle]").click()
    page.reload()
    assert "care-mode" not in (page.locator("html").get_attribute("class") or "")
    assert page.locator("[data-care-toggle]").inner_text().strip() == "关怀版"
    context.close()


def _public_form_pages(client):
    """The public pages only a form leads to: the correction form (a task's, a project's), its refusal and its
    thanks; the follow form's refusal and "check your e-mail"; a forged confirmation link. Keyed by an address
    of their own (the form's, with a query naming the state) for the browser's route."""
    from django.core import signing

    from livelihood import corrections

    year, number = re.search(r'href="/livelihood/(\d{4})/(\d+)/"', client.get("/livelihood/").content.decode()).groups()
    code = re.search(r'href="/projects/public/([^"/]+)/"', client.get("/projects/public/").content.decode()).group(1)
    form, follow = f"/corrections/task/{year}/{number}/", f"/livelihood/{year}/{number}/follow/"
    pages = {form: client.get(form), f"/corrections/project/{code}/": client.get(f"/corrections/project/{code}/")}
    pages[f"{form}?refused"] = client.post(form, {"text": "", "token": "forged", "answer": ""})
    token = re.search(r'name="token" value="([^"]+)"', pages[form].content.decode()).group(1)
    pages[f"{form}?sent"] = client.post(form, {"text": "页面上的进度与实际不符。", "token": token,
                                               "answer": signing.loads(token, salt=corrections.SALT)["r"]})
    pages[f"{follow}?refused"] = client.post(follow, {"email": "not-an-address"})
    pages[f"{follow}?sent"] = client.post(follow, {"email": "axe@example.cn"})
    pages["/livelihood/follow/confirm/forged/"] = client.get("/livelihood/follow/confirm/forged/")
    statuses = {url: response.status_code for url, response in pages.items()}
    assert statuses == {form: 200, f"/corrections/project/{code}/": 200, f"{form}?refused": 400,
                        f"{form}?sent": 200, f"{follow}?refused": 400, f"{follow}?sent": 200,
                        "/livelihood/follow/confirm/forged/": 400}, statuses
    return pages


@pytest.mark.browser
@pytest.mark.django_db
@pytest.mark.parametrize("care", [False, True], ids=["standard", "care"])
def test_public_pages_meet_wcag22aa_in_both_modes(browser, browser_context_args, demo_site, care):
    client = Client()
    pages = _public_html_pages(client)
    pages.update(_public_form_pages(client))
    pages.update({url: client.get(url) for url in ["/embed/livelihood/", "/embed/targets/"]})
    context = browser.new_context(**browser_context_args, bypass_csp=True)
    if care:
        context.add_init_script(CARE_ON)
    context.route("http://testserver/**", _serve(pages))
    page = context.new_page()
    problems = []
    for url in pages:
        page.goto(f"http://testserver{url}")
        page.wait_for_load_state("load")
        if not url.startswith("/embed/"):
            assert ("care-mode" in (page.locator("html").get_attribute("class") or "")) is care, url
        page.add_script_tag(path=str(AXE))
        problems += [f"{url}: {v}" for v in page.evaluate(WCAG_RUN)]
    context.close()
    assert not problems, "\n".join(problems)
