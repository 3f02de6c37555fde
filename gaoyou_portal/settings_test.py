"""Settings for the test suite: the real settings, with values a test run needs set by default."""

import os

os.environ.setdefault("SECRET_KEY", "test-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz")
os.environ.setdefault("DEBUG", "0")
os.environ.setdefault("SECURE_SSL_REDIRECT", "0")
os.environ.setdefault("SESSION_COOKIE_SECURE", "0")
os.environ.setdefault("CSRF_COOKIE_SECURE", "0")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")
# The Playwright sync API runs an event loop in the test thread; the ORM calls in tests are still sync.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

from .settings import *  # noqa: E402,F403
from .settings import STORAGES  # noqa: E402

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
WHITENOISE_USE_FINDERS = True
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Two runs side by side (.ci/run: the suite and the date reruns) keep their uploads apart.
MEDIA_ROOT = os.environ.get("TEST_MEDIA_ROOT") or BASE_DIR / ".test-media"  # noqa: F405
LOGGING = {"version": 1, "disable_existing_loggers": False, "root": {"level": "WARNING"},
           "loggers": {"apprise": {"level": "WARNING", "propagate": False}, "urllib3": {"level": "WARNING"}}}
# Tasks run in-process in tests; tests that go through the real broker switch this off
# (the ``real_broker`` fixture) and start a worker (tests/helpers/celery_worker.py).
CELERY_TASK_ALWAYS_EAGER = True


class _NoMigrations(dict):
    """Every app's schema straight from its models (``migrate --run-syncdb``), skipping the migration history."""

    def __contains__(self, app_label):
        return True

    def __getitem__(self, app_label):
        return None


# A throwaway database that only needs the schema (tests/portal/test_sqlite_office.py builds a file database for a
# server on PostgreSQL runs): tables from the models in seconds instead of running every migration.
if os.environ.get("PORTAL_TEST_SCHEMA_ONLY") == "1":
    MIGRATION_MODULES = _NoMigrations()
