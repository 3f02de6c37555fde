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
from django.conf import settings

from gaoyou_portal.roles import Role
from org.choices import UnitKind
from tests.factories import LeaderFactory, UnitFactory, UserFactory


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
