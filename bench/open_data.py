"""Benchmark: the open-data files of the public projects (issue 27) at seed_demo --scale 100 (2,100 published
projects with their milestones).

    BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/gaoyou_bench_opendata .venv/bin/python bench/open_data.py
    .venv/bin/python bench/open_data.py            # temporary SQLite database (kept for reruns)

``BENCH_CODE_ROOT=/path/to/other/checkout`` times another version of the code on the same (already seeded)
database. For each file it prints:

- *cold*: the first request after every cache was emptied (nothing stored, nothing warmed): the request
  builds the file itself;
- *after a change*: a published project is saved (which bumps the public cache's generation; with this
  code the change's commit queues the job that rebuilds the stored files, run in-process here as the
  worker would), then the file is requested;
- *warm*: the file served again from the cache;
- *change+job*: saving the project, with the rebuild when this code's job runs it (in-process here);
- *cold CPU*: the cold request's CPU time in this process (less sensitive than wall time to a loaded machine).

Each figure is the median of ``BENCH_RUNS`` (default 7) through Django's test client.
"""

import os
import statistics
import time

from production import setup  # noqa: E402  (bench/production.py: Django as production serves it)

ROOT = setup(default_sqlite="/tmp/gaoyou_bench_opendata.sqlite3")

from django.core.cache import cache  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

SCALE = int(os.environ.get("BENCH_SCALE", "100"))
RUNS = int(os.environ.get("BENCH_RUNS", "7"))
FILES = ["/open-data/projects.oc4ids.json", "/open-data/public-projects.json", "/open-data/public-projects.csv",
         "/open-data/catalog.jsonld", "/projects/public/"]


def seed():
    if os.environ.get("BENCH_CODE_ROOT"):
        return
    from leaders import demo as leaders_demo
    from org import demo as org_demo
    from projects import demo as projects_demo
    from projects.models import Project

    call_command("migrate", verbosity=0)
    if Project.objects.count() < 60 * SCALE:
        started = time.perf_counter()
        org_demo.seed(scale=1)
        leaders_demo.seed(scale=1)
        projects_demo.seed(scale=SCALE)
        print(f"seeded scale {SCALE} in {time.perf_counter() - started:.1f} s")


def forget_everything():
    """No stored page, no stored build, no in-process copy: what a fresh deployment or an evicted cache sees."""
    import gc

    from gaoyou_portal.public_cache import PublicCache

    cache.clear()
    for obj in gc.get_objects():
        if type(obj) is PublicCache:  # noqa: E721 (no isinstance: it would evaluate lazy objects)
            with obj._lock:
                obj._local.clear()
                obj._memo["value"] = None


def touch_project():
    """Save one published project as a unit would (a transaction that commits: its on-commit work runs)."""
    from projects.models import Project

    with transaction.atomic():
        project = Project.objects.public().order_by("code").first()
        project.save(update_fields=["updated_at"])


def timed(client, url, cpu=None):
    started, cpu_started = time.perf_counter(), time.process_time()
    response = client.get(url)
    elapsed = (time.perf_counter() - started) * 1000
    if cpu is not None:
        cpu.append((time.process_time() - cpu_started) * 1000)
    assert response.status_code == 200, (url, response.status_code)
    return elapsed, len(response.content)


def main():
    from projects.models import Project

    seed()
    call_command("collectstatic", interactive=False, verbosity=0)
    client = Client()
    print(f"{Project.objects.public().count()} published projects of {Project.objects.count()}, "
          f"{connection.vendor}, {RUNS} runs each, code {ROOT}, load {os.getloadavg()[0]:.1f}")
    print(f"{'file':36} {'size':>9} {'cold ms':>9} {'cold CPU ms':>12} {'after change ms':>16} {'warm ms':>8} "
          f"{'change+job ms':>14} {'queries':>8}")
    for url in FILES:
        cold, cold_cpu, after, warm, change = [], [], [], [], []
        size = 0
        for _ in range(RUNS):
            forget_everything()
            elapsed, size = timed(client, url, cold_cpu)
            cold.append(elapsed)
            warm.append(timed(client, url)[0])
            started = time.perf_counter()
            touch_project()  # with this code: the commit's job rebuilds the stored files here (in-process)
            change.append((time.perf_counter() - started) * 1000)
            after.append(timed(client, url)[0])
        forget_everything()
        with CaptureQueriesContext(connection) as ctx:
            timed(client, url)
        print(f"{url:36} {size / 1e6:8.2f}M {statistics.median(cold):9.0f} {statistics.median(cold_cpu):12.0f} "
              f"{statistics.median(after):16.0f} "
              f"{statistics.median(warm):8.1f} {statistics.median(change):14.0f} {len(ctx.captured_queries):8d}",
              flush=True)
    print(f"load average at the end {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
