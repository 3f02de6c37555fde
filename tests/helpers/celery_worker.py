"""A real Celery worker process for tests that go through the Redis broker (not eager mode)."""

import os
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]


@contextmanager
def celery_worker(*, concurrency=1, use_test_database=True, env=None):
    """Start ``celery worker`` against settings.REDIS_URL; yield the process; stop it afterwards.

    With ``use_test_database`` the worker talks to the test database (PostgreSQL only: an in-memory
    SQLite test database cannot be shared with another process).
    """
    from gaoyou_portal.celery import app

    worker_env = {**os.environ, **(env or {})}
    worker_env["DJANGO_SETTINGS_MODULE"] = "gaoyou_portal.settings_test"
    worker_env["REDIS_URL"] = settings.REDIS_URL
    if use_test_database and connection.vendor == "postgresql":
        db = connection.settings_dict
        worker_env["DATABASE_URL"] = (
            f"postgres://{db['USER'] or ''}{':' + db['PASSWORD'] if db['PASSWORD'] else ''}@"
            f"{db['HOST'] or ''}:{db['PORT'] or 5432}/{db['NAME']}"
        )
    hostname = f"test-{os.getpid()}-{time.monotonic_ns()}@localhost"
    process = subprocess.Popen(
        [
            sys.executable, "-m", "celery", "-A", "gaoyou_portal", "worker",
            "--pool", "prefork" if concurrency > 1 else "solo",
            "--concurrency", str(concurrency), "--loglevel", "WARNING", "--hostname", hostname,
            "--without-gossip", "--without-mingle", "--without-heartbeat",
        ],
        cwd=ROOT,
        env=worker_env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if process.poll() is not None:
                raise RuntimeError(f"celery worker exited: {process.stdout.read().decode(errors='replace')}")
            replies = app.control.ping(destination=[hostname], timeout=0.5)
            if replies:
                break
        else:
            raise RuntimeError("celery worker did not answer a ping within 30 s")
        yield process
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
