"""The embedded SQLite default serves a small office: twenty people signing in and filing a report at the same
moment, against a file database behind gunicorn's worker processes and threads, get no error (before WAL,
immediate transactions and a busy timeout, a login answered 500 "database is locked")."""

import os
import re
import socket
import sqlite3
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import requests
from django.conf import settings
from django.db import connection

PEOPLE = 20
ROOT = Path(settings.BASE_DIR)

# Run in the server's environment: twenty units, a reporter of each and a project of each signed in January 2025,
# whose January 2025 report each files (late, so accepted on any day: the test does not depend on the date).
SETUP = f"""
from datetime import date
from gaoyou_portal.roles import Role
from tests.factories import UnitFactory, UserFactory
from tests.projects.factories import ProjectFactory
for n in range({PEOPLE}):
    unit = UnitFactory(code=f"office-{{n}}", name=f"并发测试镇{{n}}")
    UserFactory(username=f"clerk-{{n}}", roles=[Role.REPORTER], units=[unit])
    ProjectFactory(code=f"OFFICE{{n:02d}}", responsible_unit=unit, signing_date=date(2025, 1, 1))
"""


def _free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _file_database(path, env):
    """A file database with the portal's schema: a copy of the test database on SQLite; elsewhere the tables made
    from the models (``PORTAL_TEST_SCHEMA_ONLY``: the migrations' history costs half a minute and is not tested
    here)."""
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        target = sqlite3.connect(path)
        connection.connection.backup(target)
        target.close()
    else:
        subprocess.run([sys.executable, "manage.py", "migrate", "--run-syncdb", "-v0"], cwd=ROOT,
                       env={**env, "PORTAL_TEST_SCHEMA_ONLY": "1"}, check=True, timeout=600)


def _wait_for(url, server, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise AssertionError("the server stopped at start-up")
        try:
            requests.get(url, timeout=10)
            return
        except requests.RequestException:
            time.sleep(0.3)
    raise AssertionError(f"the server did not answer {url} within {seconds} s")


def _clerk_files_a_report(base, n, start, project_ids):
    """Sign in through the form, read the dashboard, file a report: the statuses seen."""
    session = requests.Session()
    start.wait()
    statuses = []
    page = session.get(f"{base}/accounts/login/", timeout=60)
    statuses.append(page.status_code)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
    login = session.post(f"{base}/accounts/login/", data={"username": f"clerk-{n}", "password": "test-pass-2026",
                                                          "csrfmiddlewaretoken": token},
                         headers={"Referer": f"{base}/accounts/login/"}, allow_redirects=False, timeout=60)
    statuses.append(login.status_code)
    statuses.append(session.get(f"{base}/dashboard/", timeout=60).status_code)
    filed = session.post(f"{base}/api/v1/projects/{project_ids[n]}/reports/",
                         json={"month": "2025-01-01", "investment": "88.50", "workload": "主体施工"},
                         headers={"X-CSRFToken": session.cookies["csrftoken"], "Referer": f"{base}/"}, timeout=60)
    statuses.append(filed.status_code)
    return statuses


@pytest.mark.django_db(transaction=True)  # no open transaction: the schema is copied from the test database
def test_twenty_people_sign_in_and_report_at_once_on_a_file_database(tmp_path):
    path = tmp_path / "office.sqlite3"
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "gaoyou_portal.settings_test", "DATABASE_URL": f"sqlite:///{path}",
           "REDIS_URL": "", "REQUIRE_SERVICES": "0", "PYTHONPATH": str(ROOT)}
    _file_database(path, env)
    subprocess.run([sys.executable, "manage.py", "shell", "-c", SETUP], cwd=ROOT, env=env, check=True, timeout=300)
    with sqlite3.connect(path) as db:
        project_ids = dict(db.execute("SELECT CAST(substr(code, 7) AS INTEGER), id FROM projects_project "
                                      "WHERE code LIKE 'OFFICE%'").fetchall())
    port = _free_port()
    log = tmp_path / "server.log"
    with open(log, "w") as server_log:
        server = subprocess.Popen(
            [str(Path(sys.executable).parent / "gunicorn"), "gaoyou_portal.wsgi", "--bind", f"127.0.0.1:{port}",
             "--workers", "2", "--threads", "8", "--timeout", "120"],
            cwd=ROOT, env=env, stdout=server_log, stderr=subprocess.STDOUT)
    try:
        base = f"http://127.0.0.1:{port}"
        _wait_for(f"{base}/healthz", server)
        start = threading.Barrier(PEOPLE)
        with ThreadPoolExecutor(PEOPLE) as pool:
            results = list(pool.map(lambda n: _clerk_files_a_report(base, n, start, project_ids), range(PEOPLE)))
    finally:
        server.terminate()
        server.wait(timeout=30)
    output = log.read_text()
    assert "database is locked" not in output, output[-3000:]
    assert results == [[200, 302, 200, 201]] * PEOPLE, output[-3000:]
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA journal_mode").fetchone() == ("wal",)
        assert db.execute("SELECT COUNT(*) FROM projects_monthlyreport WHERE investment = 88.5").fetchone() == (
            PEOPLE,)
        assert db.execute("SELECT COUNT(*) FROM django_session").fetchone() == (PEOPLE,)
