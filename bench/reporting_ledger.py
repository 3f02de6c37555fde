"""Benchmark: the reporting ledger (/reporting/, issue 26) for every unit and twelve months at seed_demo scale 100.

    BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/gaoyou_bench .venv/bin/python bench/reporting_ledger.py
    .venv/bin/python bench/reporting_ledger.py       # temporary SQLite database (kept for reruns)

Seeds the projects and the plan at ``--scale 100`` once (6,000 projects with ~100,000 monthly reports), the
livelihood tasks and the safety ledgers at scale 1 (their seeders write row by row through the services), then
times the ledger through Django's test client (full middleware and template rendering), its Excel export and
the API, and prints the median, the minimum, the 90th percentile and the query count; then the office's page
right after a write (the sources' cached rows dropped, ``reporting/cache.py``). Aim: median under 150 ms on
PostgreSQL, with a query count that does not grow with the number of units.
"""

import os
import statistics
import time

from production import setup  # noqa: E402  (bench/production.py: Django as production serves it)

ROOT = setup(default_sqlite="/tmp/gaoyou_bench_reporting.sqlite3", code_root=False)

from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

SCALE = int(os.environ.get("BENCH_SCALE", "100"))
RUNS = int(os.environ.get("BENCH_RUNS", "25"))


def seed():
    from gaoyou_portal import registry
    from projects.models import Project

    call_command("migrate", verbosity=0)
    if Project.objects.count() < 60 * SCALE:
        started = time.perf_counter()
        # Projects (the bulk of what is expected: 6,000 projects, ~100,000 reports) at the scale asked; the
        # other sources at scale 1 (the livelihood seeder writes task by task through its services: hours at 100).
        scales = {"projects": SCALE, "targets": SCALE}
        for seeder in registry.demo_seeders():
            module = seeder.__module__.split(".")[0]
            if module in ("org", "projects", "targets", "livelihood", "safety"):
                seeder(scale=scales.get(module, 1))
        print(f"seeded scale {SCALE} in {time.perf_counter() - started:.1f} s", flush=True)


def measure(client, url):
    client.get(url)  # warm up
    timings = []
    for _n in range(RUNS):
        started = time.perf_counter()
        response = client.get(url)
        timings.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    with CaptureQueriesContext(connection) as ctx:
        client.get(url)
    timings.sort()
    return statistics.median(timings), timings[0], timings[int(len(timings) * 0.9) - 1], len(ctx.captured_queries)


def main():
    from org.models import Unit
    from projects.models import MonthlyReport, Project

    seed()
    call_command("collectstatic", interactive=False, verbosity=0)
    User = get_user_model()
    office, reporter = Client(), Client()
    office.force_login(User.objects.get(username="office"))
    reporter.force_login(User.objects.get(username="reporter"))
    pages = [
        ("/reporting/ (office: every unit, 12 months)", office, "/reporting/"),
        ("/reporting/?kind=town&sort=-rate", office, "/reporting/?kind=town&sort=-rate"),
        ("/reporting/export.xlsx", office, "/reporting/export.xlsx"),
        ("API /api/v1/reporting/compliance/", office, "/api/v1/reporting/compliance/"),
        ("/reporting/ (reporter of 龙虬镇)", reporter, "/reporting/"),
    ]
    print(f"{Unit.objects.count()} units, {Project.objects.count()} projects, {MonthlyReport.objects.count()} reports, "
          f"{connection.vendor}, {RUNS} runs each, load {os.getloadavg()[0]:.1f}")
    print(f"{'page':48} {'median ms':>10} {'min ms':>8} {'p90 ms':>8} {'queries':>8}")
    for label, client, url in pages:
        median, least, p90, queries = measure(client, url)
        print(f"{label:48} {median:10.1f} {least:8.1f} {p90:8.1f} {queries:8d}", flush=True)
    # The first request after a write: a report filed for the month shown drops that month's project rows only;
    # a change to every source (a project's status, the settings...) drops all twelve months of all of them.
    from reporting import selectors
    from reporting.cache import invalidate

    shown = selectors.current_month()
    one_month = lambda: invalidate(["project_reports"], shown)  # noqa: E731
    for label, drop in (("/reporting/ after a report is filed (1 month)", one_month),
                        ("/reporting/ after a change to every source", invalidate)):
        timings = []
        for _n in range(max(5, RUNS // 3)):
            drop()
            started = time.perf_counter()
            office.get("/reporting/")
            timings.append((time.perf_counter() - started) * 1000)
        print(f"{label:48} {statistics.median(timings):10.1f} {min(timings):8.1f}", flush=True)
    print(f"load average at the end {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
