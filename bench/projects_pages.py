"""Benchmark: the staff pages of issue 16 (dashboards, project lists, project page, "this month", API list,
sprint dashboard, safety board, livelihood staff list, a unique public search) and the plan's board (/targets/)
at seed_demo --scale 100.

    .venv/bin/python bench/projects_pages.py            # temporary SQLite database (kept for reruns)
    BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/gaoyou_bench_projects .venv/bin/python bench/projects_pages.py

``BENCH_SEED=all`` seeds every app (``seed_demo --scale``) instead of org and projects only; pages of apps
without data are skipped. ``BENCH_CODE_ROOT=/path/to/other/checkout`` runs the same pages against another
version of the code on the same database (to measure old and new code alternately in one run; the
database must already be migrated and seeded by the newer code). ``BENCH_PAGES=dashboard,list`` keeps the
pages whose label contains one of the words.

Seeds the org and projects demo data at ``--scale 100`` (6,000 projects, ~66,000 monthly plans,
~55,000 reports, 24,000 milestones) once, then times each page through Django's test client
(full middleware and template rendering, no network) and prints the median and 90th percentile.
On PostgreSQL, ``PGOPTIONS="-c jit=off"`` measures the pages without JIT compilation (the light's
correlated subqueries are estimated costly enough to trigger it: see docs/performance.md).
"""

import os
import statistics
import time

from production import setup  # noqa: E402  (bench/production.py: Django as production serves it)

ROOT = setup(default_sqlite="/tmp/gaoyou_bench_projects.sqlite3")

from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

SCALE = int(os.environ.get("BENCH_SCALE", "100"))
RUNS = int(os.environ.get("BENCH_RUNS", "25"))


def seed():
    if os.environ.get("BENCH_CODE_ROOT"):
        return  # another version of the code: the database is the newer code's

    from leaders import demo as leaders_demo
    from org import demo as org_demo
    from projects import demo as projects_demo
    from projects.models import Project
    from targets import demo as targets_demo

    call_command("migrate", verbosity=0)
    if Project.objects.count() < 60 * SCALE:
        started = time.perf_counter()
        if os.environ.get("BENCH_SEED") == "all":
            call_command("seed_demo", scale=SCALE)
        else:
            org_demo.seed(scale=1)
            leaders_demo.seed(scale=1)
            projects_demo.seed(scale=SCALE)
            from gaoyou_portal import registry

            for seeder in registry.demo_seeders():  # the seeders run after every app's (stored lights)
                if seeder.__name__.startswith("_refresh"):
                    seeder(scale=SCALE)
        print(f"seeded scale {SCALE} in {time.perf_counter() - started:.1f} s")
    targets_demo.seed(scale=SCALE)  # the year's plan (idempotent): its derived targets count these projects


def measure(client, url):
    client.get(url.format(n="warm"))  # warm up
    timings = []
    for n in range(RUNS):
        started = time.perf_counter()
        response = client.get(url.format(n=f"{os.getpid()}x{n}"))  # "{n}": a new URL each time (no cache)
        timings.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    with CaptureQueriesContext(connection) as ctx:
        client.get(url.format(n="count"))
    timings.sort()
    return statistics.median(timings), timings[int(len(timings) * 0.9) - 1], len(ctx.captured_queries)


def main():
    from projects.models import MonthlyReport, Project

    seed()
    call_command("collectstatic", interactive=False, verbosity=0)
    User = get_user_model()
    clients = {}
    for name in ("reporter", "leader", "office", "admin", "safety", "orgdept"):
        clients[name] = Client()
        clients[name].force_login(User.objects.get(username=name))
    public = Client()
    project = (
        Project.objects.filter(responsible_unit__code="longqiu").order_by("code").first()
    )
    reporter, leader = clients["reporter"], clients["leader"]
    pages = [
        *((f"dashboard ({name})", client, "/dashboard/") for name, client in clients.items()),
        ("project list (leader, by light)", leader, "/projects/?q="),
        ("project list, red", leader, "/projects/?light=red"),
        ("project list, sorted by points behind", leader, "/projects/?ordering=-behind"),
        ("project list, red, sorted by points behind", leader, "/projects/?light=red&ordering=-behind"),
        ("project list, search", leader, "/projects/?q=储能"),
        ("project page", leader, f"/projects/{project.pk}/"),
        ('"this month" (reporter of 龙虬镇)', reporter, "/projects/this-month/"),
        ("API /api/v1/projects/", leader, "/api/v1/projects/"),
        ("targets board (leader)", leader, "/targets/"),
        ("API /api/v1/targets/", leader, "/api/v1/targets/"),
        ("API /api/v1/projects/?ordering=light", leader, "/api/v1/projects/?ordering=light"),
        ("sprint dashboard", leader, "/sprint/"),
        ("safety board", leader, "/safety/"),
        ("livelihood staff list", clients["office"], "/livelihood/staff/"),
        ("livelihood public, unique search (uncached)", public, "/livelihood/?q=无此任务{n}"),
    ]
    wanted = [w for w in os.environ.get("BENCH_PAGES", "").split(",") if w]
    pages = [page for page in pages if not wanted or any(w in page[0] for w in wanted)]
    print(f"{Project.objects.count()} projects, {MonthlyReport.objects.count()} reports, "
          f"{connection.vendor}, {RUNS} runs each, code {ROOT}, load {os.getloadavg()[0]:.1f}")
    print(f"{'page':48} {'median ms':>10} {'p90 ms':>8} {'queries':>8}")
    for label, client, url in pages:
        median, p90, queries = measure(client, url)
        print(f"{label:48} {median:10.1f} {p90:8.1f} {queries:8d}", flush=True)
    print(f"load average at the end {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
