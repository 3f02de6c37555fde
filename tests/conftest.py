"""Shared fixtures: units, one user per role (Healthchecks' habit), services and the browser.

Every app's tests use ``units`` and ``users``:
- ``units.town`` (the reporter's unit), ``units.other_town``, ``units.park``, ``units.dept``;
- ``users.reporter`` (reporter of ``units.town``), ``users.other_reporter`` (of ``units.other_town``),
  ``users.dept_reporter`` (of ``units.dept``), ``users.office``, ``users.leader`` (linked to a
  ``Leader``), ``users.safety``, ``users.orgdept``, ``users.admin`` (superuser and administrator).
"""

import os
import shutil
from types import SimpleNamespace

import pytest
import time_machine
from django.conf import settings

from gaoyou_portal.roles import Role
from org.choices import UnitKind
from tests.factories import LeaderFactory, UnitFactory, UserFactory
from tests.helpers.clock import SUITE_NOW, clock_of


@pytest.fixture
def units(db):
    return SimpleNamespace(
        town=UnitFactory(code="t-town", name="测试甲镇", short_name="甲镇", kind=UnitKind.TOWN),
        other_town=UnitFactory(code="t-other", name="测试乙镇", short_name="乙镇", kind=UnitKind.TOWN),
        park=UnitFactory(code="t-park", name="测试园区", short_name="园区", kind=UnitKind.PARK),
        dept=UnitFactory(code="t-dept", name="测试局", short_name="测试局", kind=UnitKind.DEPARTMENT),
    )


@pytest.fixture
def users(db, units):
    leader_user = UserFactory(username="t-leader", roles=[Role.LEADER])
    LeaderFactory(name="测试领导", user=leader_user)
    return SimpleNamespace(
        reporter=UserFactory(username="t-reporter", roles=[Role.REPORTER], units=[units.town]),
        other_reporter=UserFactory(username="t-other-reporter", roles=[Role.REPORTER], units=[units.other_town]),
        dept_reporter=UserFactory(username="t-dept-reporter", roles=[Role.REPORTER], units=[units.dept]),
        office=UserFactory(username="t-office", roles=[Role.OFFICE]),
        leader=leader_user,
        safety=UserFactory(username="t-safety", roles=[Role.SAFETY]),
        orgdept=UserFactory(username="t-orgdept", roles=[Role.ORGDEPT]),
        admin=UserFactory(username="t-admin", roles=[Role.ADMIN], is_superuser=True, is_staff=True),
        nobody=UserFactory(username="t-nobody"),
    )


@pytest.fixture(autouse=True)
def _clear_cache():
    """Each test starts with an empty cache (public pages are cached)."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True, scope="session")
def _test_media():
    yield
    shutil.rmtree(settings.MEDIA_ROOT, ignore_errors=True)


# --- the clock -------------------------------------------------------------------------------------------------
# Time is an input (tests/helpers/clock.py). A test written for one moment of the year says so with
# ``@pytest.mark.clock(...)``; a test that holds on any day is marked ``date_dependent`` and runs on the real clock,
# or at PORTAL_TEST_NOW: .ci/run reruns those on the 7th and the 26th of a month, 30 June, 31 December 23:59 and a
# day of next year. Each test starts at its moment and the clock ticks from there.
_session_clock = time_machine.travel(SUITE_NOW, tick=True) if SUITE_NOW else None


def pytest_configure(config):
    if _session_clock:  # module- and session-scoped fixtures (demo seeds) see the moved clock too
        _session_clock.start()


def pytest_unconfigure(config):
    if _session_clock:
        _session_clock.stop()


def pytest_report_header(config):
    return f"clock: {SUITE_NOW.isoformat() if SUITE_NOW else 'real'} (PORTAL_TEST_NOW)"


@pytest.fixture(autouse=True)
def _suite_clock(request):
    """Every test starts at its ``@pytest.mark.clock("2026-12-07T10:00")`` (a test written for one moment of the
    year), else at PORTAL_TEST_NOW when it is set; the clock ticks from there."""
    start = clock_of(request.node)
    if start is None:
        yield
        return
    with time_machine.travel(start, tick=True):
        yield


# Fixtures that read today's date: a test that takes one is written to hold on any day, and CI proves it.
DATE_FIXTURES = {"today", "reporting_day", "open_month", "year"}


def pytest_itemcollected(item):
    """Mark ``date_dependent`` every test that takes a date fixture and has no ``clock`` of its own."""
    if DATE_FIXTURES & set(getattr(item, "fixturenames", ())) and not item.get_closest_marker("clock"):
        item.add_marker(pytest.mark.date_dependent)


@pytest.fixture
def reporting_day():
    """A day on which a month is open for reporting, in this month: today when a month is open (from the
    25th to the 5th of the next), else the 26th of this month at the same hour. Tests that submit a month's
    report or value take it, so they pass from the 6th to the 24th too."""
    from django.utils import timezone

    from gaoyou_portal.reporting import ReportingCalendar

    now = timezone.localtime()
    if ReportingCalendar().open_months(now.date()):
        yield now.date()
        return
    moved = now.replace(day=26)
    with time_machine.travel(moved, tick=True):
        yield moved.date()


# --- services ---------------------------------------------------------------------------------------------
def require_service(name):
    """Skip (or, with REQUIRE_SERVICES=1, fail) a test that needs PostgreSQL or Redis."""
    from django.db import connection

    available = {
        "postgresql": connection.vendor == "postgresql",
        "redis": bool(settings.REDIS_URL),
    }[name]
    if available:
        return
    message = f"needs {name}: set {'DATABASE_URL' if name == 'postgresql' else 'REDIS_URL'}"
    if settings.REQUIRE_SERVICES:
        pytest.fail(f"REQUIRE_SERVICES=1 but this test {message}")
    pytest.skip(message)


@pytest.fixture
def redis_required():
    require_service("redis")


@pytest.fixture
def postgres_required():
    require_service("postgresql")


# --- browser (pytest-playwright driving the system Chromium) --------------------------------------------------
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not os.path.exists(CHROMIUM):
        message = f"browser tests need Chromium at {CHROMIUM} (apt-get install chromium)"
        if settings.REQUIRE_SERVICES:
            pytest.fail(f"REQUIRE_SERVICES=1 but {message}")
        pytest.skip(message)
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS, "headless": True}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "locale": "zh-CN", "timezone_id": "Asia/Shanghai"}


@pytest.fixture
def login_page(page, live_server):
    """A function that signs a user in through the login form and returns the page."""

    def login(username, password="test-pass-2026"):
        page.goto(f"{live_server.url}/accounts/login/")
        page.fill("input[name=username]", username)
        page.fill("input[name=password]", password)
        page.click("button[type=submit]")
        page.wait_for_load_state()
        return page

    return login


@pytest.fixture
def real_broker(redis_required):
    """Send tasks through the real Redis broker instead of running them in-process."""
    from gaoyou_portal.celery import app

    previous = app.conf.task_always_eager
    app.conf.task_always_eager = False
    yield app
    app.conf.task_always_eager = previous


# --- order -----------------------------------------------------------------------------------------------------
def _transactional(item):
    marker = item.get_closest_marker("django_db")
    if marker is not None and (marker.kwargs.get("transaction") or marker.kwargs.get("reset_sequences")):
        return True
    return bool({"transactional_db", "live_server"} & set(getattr(item, "fixturenames", ())))


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    """Transactional tests last, after pytest's own reordering by session-scoped fixtures (the browser) has
    mixed them in: their flush at teardown empties the tables that migrations filled (beat schedules, roles),
    which the ordinary tests after them would miss. A stable sort keeps every other order."""
    items.sort(key=_transactional)
