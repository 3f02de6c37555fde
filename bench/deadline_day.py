"""The deadline day under load (issue 16.4): locust, headless, against gunicorn on PostgreSQL and Redis.

    .venv/bin/python bench/deadline_day.py [--seconds 300] [--scale 1] [--users 67] [--workers 4]

1. Prepares the PostgreSQL database ``BENCH_DATABASE_URL`` (default ``gaoyou_bench_deadline``): migrate,
   ``seed_demo --scale``; the Redis cache ``BENCH_REDIS_URL`` (default db 14) under a key prefix of its own.
2. Starts gunicorn as ``make serve`` does (``--workers``, DEBUG off) on a free port of 127.0.0.1, and with
   ``--celery`` a Celery worker (the reporting journey queues no job; the worker consumes the broker's
   queue, so give it a Redis database of its own).
3. Runs ``bench/deadline_day/locustfile.py`` headless for ``--seconds``: 36 unit reporters (every unit's
   reporter account) submitting what "this month" shows them owed, every fourth by Excel upload; ten
   leaders and the office reading dashboards, the overview, the red list and the rankings; citizens
   reading the livelihood pages (``--users`` in all, in the locustfile's weights).
4. Prints per action requests per second, p50, p95, p99 and errors; then checks that no report is stored
   twice and that every stored light is true (``manage.py check_lights``).

Locust is not a dependency of the portal: install it where you like (``pip install 'locust>=2.30,<3'
openpyxl``) and give its executable as ``BENCH_LOCUST`` (default: ``locust`` on the PATH).
"""

import argparse
import csv
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import livelihood_load as common  # noqa: E402  (free_port, start_gunicorn)

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
LOCUSTFILE = ROOT / "bench" / "deadline_day" / "locustfile.py"

COUNTS = """
import django
django.setup()
from django.db.models import Count
from projects.models import MonthlyReport
duplicates = MonthlyReport.objects.values("project", "month").annotate(n=Count("pk")).filter(n__gt=1).count()
print(MonthlyReport.objects.count(), duplicates)
"""

# Each report the site answered "saved" (a 302 after the form) is stored exactly once, with the amount sent.
SAVED_CHECK = """
import json, sys
from decimal import Decimal
import django
django.setup()
from projects.models import MonthlyReport
saved = json.load(open(sys.argv[1], encoding="utf-8"))["saved"]
wrong = 0
for project, month, investment in saved:
    month = month if len(month) > 7 else month + "-01"
    rows = list(MonthlyReport.objects.filter(project_id=project, month=month).values_list("investment", flat=True))
    wrong += rows != [Decimal(investment)]
print(len(saved), wrong)
"""

REPORTERS = """
import django
django.setup()
from django.contrib.auth import get_user_model
from gaoyou_portal.roles import Role
users = get_user_model().objects.filter(groups__name=Role.REPORTER.value, is_active=True).order_by("username")
print(",".join(list(users.values_list("username", flat=True))[:36]))
"""


def environment():
    env = {
        **os.environ,
        "DEBUG": "0",
        "SECRET_KEY": "bench-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz-0123456789",
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",
        "SESSION_COOKIE_SECURE": "0",
        "CSRF_COOKIE_SECURE": "0",
        "SECURE_HSTS_SECONDS": "0",
        "REDIS_URL": os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/14"),
        "CACHE_KEY_PREFIX": f"bench-deadline-{os.getpid()}",
        "STATIC_ROOT": str(Path(tempfile.gettempdir()) / "gaoyou-bench-static"),
        "LOG_LEVEL": "WARNING",
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        "DJANGO_SETTINGS_MODULE": "gaoyou_portal.settings",
        "PYTHONPATH": str(ROOT),
        "DATABASE_URL": os.environ.get("BENCH_DATABASE_URL",
                                       "postgres://postgres@127.0.0.1:5432/gaoyou_bench_deadline"),
    }
    return env


def create_database(url):
    """Create the benchmark's PostgreSQL database if it does not exist (never drops one)."""
    from urllib.parse import urlparse

    import psycopg

    name = urlparse(url).path.lstrip("/")
    admin = url.rsplit("/", 1)[0].replace("postgres://", "postgresql://", 1) + "/postgres"
    with psycopg.connect(admin, autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')


def django_output(script, env, *args):
    return subprocess.run([PYTHON, "-c", script, *args], env=env, cwd=ROOT, check=True, capture_output=True,
                          text=True).stdout.strip().splitlines()[-1]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=300)
    parser.add_argument("--scale", type=int, default=1)
    parser.add_argument("--users", type=int, default=67, help="36 reporters, 11 leaders, 20 citizens by weight")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn workers (make serve: 4)")
    parser.add_argument("--threads", type=int, default=1, help="threads per gunicorn worker (make serve: 1)")
    parser.add_argument("--ramp-seconds", type=int, default=60,
                        help="the users arrive over this time (officials do not all log in the same second)")
    parser.add_argument("--no-seed", action="store_true", help="the database is ready")
    parser.add_argument("--celery", action="store_true",
                        help="also start a Celery worker (on a Redis database of its own: it consumes the queue)")
    args = parser.parse_args()
    locust = os.environ.get("BENCH_LOCUST") or shutil.which("locust")
    if not locust:
        print("deadline_day: locust is not installed (BENCH_LOCUST); skipped.")
        return
    env = environment()
    if not args.no_seed:
        create_database(env["DATABASE_URL"])
        common.run([PYTHON, "manage.py", "migrate", "--noinput", "-v0"], env)
        common.run([PYTHON, "manage.py", "seed_demo", "--scale", str(args.scale)], env)
    common.run([PYTHON, "manage.py", "collectstatic", "--noinput", "-v0"], env)
    reporters = django_output(REPORTERS, env)
    before, _dups = map(int, django_output(COUNTS, env).split())
    port = common.free_port()
    server = common.start_gunicorn(env, port, args.workers, threads=args.threads)
    worker = subprocess.Popen([str(Path(PYTHON).parent / "celery"), "-A", "gaoyou_portal", "worker",
                               "--loglevel", "WARNING", "--concurrency", "2"], env=env, cwd=ROOT,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL) if args.celery else None
    out = Path(tempfile.mkdtemp(prefix="deadline-day-"))
    load = os.getloadavg()
    rate = max(args.users / max(args.ramp_seconds, 1), 0.1)
    saved_file = out / "saved.json"
    try:
        subprocess.run([locust, "-f", str(LOCUSTFILE), "--headless", "-u", str(args.users), "-r", f"{rate:.2f}",
                        "-t", f"{args.seconds}s", "--host", f"http://127.0.0.1:{port}", "--csv", str(out / "run"),
                        "--only-summary", "--loglevel", "WARNING"],
                       env={**os.environ, "BENCH_REPORTERS": reporters, "BENCH_SAVED_FILE": str(saved_file)},
                       check=False, stdout=subprocess.DEVNULL)
    finally:
        for process in (server, worker):
            if process is not None:
                process.terminate()
                process.wait(30)
    load_after = os.getloadavg()
    after, duplicates = map(int, django_output(COUNTS, env).split())
    answered, wrong = map(int, django_output(SAVED_CHECK, env, str(saved_file)).split())
    uploads = json.loads(saved_file.read_text(encoding="utf-8"))["uploads_confirmed"]
    check = subprocess.run([PYTHON, "manage.py", "check_lights"], env=env, cwd=ROOT, capture_output=True, text=True)
    print(f"{args.seconds} s, {args.users} users ({len(reporters.split(','))} reporter accounts) arriving over "
          f"{args.ramp_seconds} s, think time x{os.environ.get('BENCH_THINK', '1')}, gunicorn {args.workers} workers "
          f"x {args.threads} threads; load average (1, 5, 15 min) before "
          f"{' '.join(f'{x:.1f}' for x in load)}, after {' '.join(f'{x:.1f}' for x in load_after)}")
    print("| action | requests | req/s | p50 ms | p95 ms | p99 ms | errors |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    with open(out / "run_stats.csv", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            print(f"| {row['Name']} | {row['Request Count']} | {float(row['Requests/s']):.1f} | {row['50%']} | "
                  f"{row['95%']} | {row['99%']} | {row['Failure Count']} |")
    print(f"reports stored: {before} before, {after} after ({after - before} new), {duplicates} stored twice; "
          f"{answered} answered saved by the form: {answered - wrong} stored once with the amount sent, {wrong} not; "
          f"{uploads} sheets confirmed")
    print(f"check_lights: {'passes' if check.returncode == 0 else 'FAILS'}: {check.stdout.strip().splitlines()[-1:]}")
    if (out / "run_failures.csv").exists():
        print((out / "run_failures.csv").read_text(encoding="utf-8")[:2000])


if __name__ == "__main__":
    main()
