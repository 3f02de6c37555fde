"""/healthz and the Celery round trip through the real Redis broker."""

import pytest
from django.db import connection

from tests.conftest import require_service
from tests.helpers.celery_worker import celery_worker

pytestmark = pytest.mark.django_db


def test_healthz_reports_database_cache_and_broker(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    data = response.json()
    assert data["database"] == "ok"
    assert data["cache"] == "ok"
    assert data["broker"] in ("ok", "eager")
    assert data["status"] == "ok"


def test_healthz_reports_a_broker_that_is_down_without_a_server_error(client, settings):
    settings.REDIS_URL = "redis://127.0.0.1:1/0"  # nothing listens on port 1
    response = client.get("/healthz")
    assert response.status_code == 200
    data = response.json()
    assert data["broker"].startswith("error")
    assert data["status"] == "degraded"
    assert data["database"] == "ok"


def test_services_are_real_when_required(settings):
    """Under REQUIRE_SERVICES=1 (CI) the suite runs on PostgreSQL and Redis, not the defaults."""
    if not settings.REQUIRE_SERVICES:
        pytest.skip("only meaningful with REQUIRE_SERVICES=1")
    assert connection.vendor == "postgresql"
    assert settings.REDIS_URL.startswith("redis://")
    assert settings.CACHES["default"]["BACKEND"] == "gaoyou_portal.cache.ResilientRedisCache"


def test_a_task_makes_a_round_trip_through_redis_to_a_real_worker(real_broker):
    from gaoyou_portal.tasks import ping

    with celery_worker(use_test_database=False):
        result = ping.delay("往返")
        assert result.get(timeout=30) == "往返"
        assert result.successful()


def test_enqueue_waits_for_the_commit(django_capture_on_commit_callbacks):
    from gaoyou_portal.tasks import enqueue, ping

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        enqueue(ping, "x")
    assert len(callbacks) == 1


def test_require_service_skips_or_fails(settings):
    settings.REQUIRE_SERVICES = False
    settings.REDIS_URL = ""
    with pytest.raises(pytest.skip.Exception):
        require_service("redis")
    settings.REQUIRE_SERVICES = True
    with pytest.raises(pytest.fail.Exception):
        require_service("redis")


def test_postgresql_connections_run_without_jit():
    """JIT compiled the warning-light queries for longer than they ran (docs/performance.md)."""
    require_service("postgresql")
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone()[0] == "off"
