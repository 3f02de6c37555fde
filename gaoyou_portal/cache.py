"""The shared cache as an accelerator: when Redis fails, every call behaves as a miss.

Django's built-in ``RedisCache`` raises on a dead server, so one stopped Redis answered 500 on the public
pages. ``ResilientRedisCache`` is that backend with each call guarded:

1. A Redis or socket error is logged (once per outage), counted (``failures``, shown by /healthz) and
   turned into the answer of an empty cache: ``get`` gives the default, ``add`` False, ``incr`` raises
   ValueError (the key "does not exist"), writes do nothing.
2. After an error the backend stops calling Redis for ``RETRY_SECONDS`` (a small circuit breaker): a
   page that reads the cache ten times waits for one connect timeout, not ten, while Redis is down.
3. The first call after that window tries Redis again; success closes the breaker and logs the recovery.

django-redis has the same idea (``IGNORE_EXCEPTIONS``) but would replace the backend (another client,
key format and serialiser, one more dependency) and still try Redis on every call; this is the
built-in backend plus about fifty lines.
"""

import functools
import logging
import threading
import time

from django.core.cache.backends.redis import RedisCache

logger = logging.getLogger("gaoyou_portal.cache")

try:  # the redis package is installed wherever RedisCache is used; keep the import local to the backend
    from redis.exceptions import RedisError
except ImportError:  # pragma: no cover
    RedisError = OSError

FAILURES = (RedisError, OSError)
RETRY_SECONDS = 5.0

# One breaker per process (every cache alias with this backend shares it: they are the same Redis).
_state = {"failures": 0, "down_until": 0.0, "last_error": "", "logged": False}
_lock = threading.Lock()


def cache_state():
    """What /healthz shows: failures counted in this process and whether the breaker is open."""
    with _lock:
        return {
            "failures": _state["failures"],
            "open": time.monotonic() < _state["down_until"],
            "last_error": _state["last_error"],
        }


def _failed(error, operation):
    with _lock:
        _state["failures"] += 1
        _state["down_until"] = time.monotonic() + RETRY_SECONDS
        _state["last_error"] = error.__class__.__name__
        first = not _state["logged"]
        _state["logged"] = True
    if first:
        logger.error("cache unavailable (%s on %s): serving from the database until it returns",
                     error.__class__.__name__, operation)


def _succeeded():
    if _state["logged"]:
        with _lock:
            recovered, _state["logged"] = _state["logged"], False
        if recovered:
            logger.warning("cache available again")


def _guarded(fallback):
    """Run the backend method; on a Redis failure (or while the breaker is open) return ``fallback()``."""

    def decorator(method):
        @functools.wraps(method)
        def wrapper(self, *args, **kwargs):
            if time.monotonic() < _state["down_until"]:
                return fallback(*args, **kwargs)
            try:
                result = method(self, *args, **kwargs)
            except FAILURES as error:
                _failed(error, method.__name__)
                return fallback(*args, **kwargs)
            _succeeded()
            return result

        return wrapper

    return decorator


def _missing_key(key, *args, **kwargs):
    raise ValueError(f"Key '{key}' not found (cache unavailable)")


class ResilientRedisCache(RedisCache):
    """Django's RedisCache whose failures read as misses (see the module docstring)."""

    add = _guarded(lambda *a, **k: False)(RedisCache.add)
    get = _guarded(lambda key, default=None, *a, **k: default)(RedisCache.get)
    set = _guarded(lambda *a, **k: None)(RedisCache.set)
    touch = _guarded(lambda *a, **k: False)(RedisCache.touch)
    delete = _guarded(lambda *a, **k: False)(RedisCache.delete)
    get_many = _guarded(lambda *a, **k: {})(RedisCache.get_many)
    has_key = _guarded(lambda *a, **k: False)(RedisCache.has_key)
    incr = _guarded(_missing_key)(RedisCache.incr)
    set_many = _guarded(lambda data, *a, **k: list(data))(RedisCache.set_many)
    delete_many = _guarded(lambda *a, **k: None)(RedisCache.delete_many)
    clear = _guarded(lambda *a, **k: False)(RedisCache.clear)

    def ping(self):
        """Ask Redis directly, past the breaker (for /healthz); raises when it does not answer."""
        client = self._cache.get_client(write=True)
        client.ping()
        _succeeded()
        with _lock:
            _state["down_until"] = 0.0
        return True
