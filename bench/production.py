"""The in-process benchmarks' settings: Django as production serves the pages (DEBUG off, so no query log and no
template debugging; static files from a manifest collected for this version of the code; no HTTPS redirects in
the test client; no Redis unless a bench sets one), on ``BENCH_DATABASE_URL`` or a SQLite file of the bench's own.

    from production import setup   # first, before anything imports Django
    ROOT = setup(default_sqlite="/tmp/gaoyou_bench_x.sqlite3")

``BENCH_CODE_ROOT=/path/to/other/checkout`` loads another version of the code (a bench that compares the two
alternately on one database).
"""

import hashlib
import os
import sys
from pathlib import Path


def setup(*, default_sqlite, code_root=True):
    root = Path((code_root and os.environ.get("BENCH_CODE_ROOT")) or Path(__file__).resolve().parent.parent)
    sys.path.insert(0, str(root))
    os.chdir(root)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gaoyou_portal.settings")
    os.environ["DEBUG"] = "0"
    os.environ.setdefault("SECRET_KEY", "bench-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz-0123456789")
    for name in ("SECURE_SSL_REDIRECT", "SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE", "SECURE_HSTS_SECONDS"):
        os.environ[name] = "0"
    os.environ["STATIC_ROOT"] = "/tmp/gaoyou-bench-static-" + hashlib.sha1(str(root).encode()).hexdigest()[:8]
    os.environ["ALLOWED_HOSTS"] = "testserver"
    os.environ["LOG_LEVEL"] = "WARNING"
    os.environ["REDIS_URL"] = ""
    os.environ["DATABASE_URL"] = os.environ.get("BENCH_DATABASE_URL", f"sqlite:///{default_sqlite}")

    import django

    django.setup()
    return root
