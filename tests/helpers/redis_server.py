"""A redis-server of the test's own, on a free port, that the test stops and starts (fault tests).

``own_redis(settings)`` points the cache, the Celery broker and ``settings.REDIS_URL`` (which
tests/helpers/celery_worker.py hands to its worker) at that server for the test, and back afterwards.
"""

import shutil
import socket
import subprocess
import tempfile
import time
from contextlib import contextmanager

import pytest
from django.conf import settings as django_settings


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class RedisServer:
    """One redis-server process; ``stop()`` kills it (as an outage would), ``start()`` brings it back."""

    def __init__(self):
        self.port = _free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.directory = tempfile.mkdtemp(prefix="gaoyou-redis-")
        self.process = None

    def start(self):
        self.process = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
             "--dir", self.directory],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.2) as sock:
                    sock.sendall(b"PING\r\n")
                    if sock.recv(16).startswith(b"+PONG"):
                        return self
            except OSError:
                time.sleep(0.05)
        raise RuntimeError(f"redis-server did not start on port {self.port}")

    def stop(self):
        if self.process is not None:
            self.process.kill()
            self.process.wait()
            self.process = None

    def cleanup(self):
        self.stop()
        shutil.rmtree(self.directory, ignore_errors=True)


def _point_celery_at(url):
    """Send tasks to ``url`` from now on (the app caches its connection pools)."""
    from gaoyou_portal.celery import app

    app.conf.broker_url = url
    app.conf.result_backend = url or "cache+memory://"
    app._pool = None
    if "amqp" in app.__dict__:
        app.__dict__["amqp"]._producer_pool = None
    app._backend_cache = None
    if hasattr(app._local, "backend"):
        del app._local.backend


def require_redis_server():
    """Skip (or fail under REQUIRE_SERVICES=1) when the redis-server program is not installed."""
    if shutil.which("redis-server"):
        return
    if django_settings.REQUIRE_SERVICES:
        pytest.fail("REQUIRE_SERVICES=1 but redis-server is not installed")
    pytest.skip("needs the redis-server program")


@contextmanager
def own_redis(settings):
    """Yield a running RedisServer that the cache, the broker and REDIS_URL use during the block."""
    from gaoyou_portal import cache as resilient
    from gaoyou_portal.celery import app

    require_redis_server()
    server = RedisServer().start()
    previous = (app.conf.broker_url, app.conf.result_backend)
    settings.REDIS_URL = server.url
    settings.CACHES = {
        "default": {
            "BACKEND": "gaoyou_portal.cache.ResilientRedisCache",
            "LOCATION": server.url,
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
    _point_celery_at(server.url)
    resilient._state.update(failures=0, down_until=0.0, last_error="", logged=False)
    try:
        yield server
    finally:
        server.cleanup()
        _point_celery_at(previous[0])
        app.conf.result_backend = previous[1]
        resilient._state.update(down_until=0.0, logged=False)
