"""Caching of the public pages (list, task page, open data, feed, home summary).

A cached page is keyed by the language and the full path and stored, in the shared cache (Redis) and
in each process's memory, with the *generation* it was rendered in. Any change to a task, a progress
update or an explanation bumps the generation (signals below); every process re-reads it at least once
a second, so the next request anywhere renders afresh within a second. Entries also expire after
``PUBLIC_CACHE_SECONDS``, so a change the signals cannot see (a unit renamed, the date rolling over)
shows within a minute. Responses carry ``Cache-Control: max-age`` of
the same minute, so a browser or proxy never holds a page longer either.
"""

import functools
import hashlib
import threading
import time
from collections import OrderedDict

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse
from django.utils import translation
from django.utils.cache import patch_cache_control

PUBLIC_CACHE_SECONDS = 60
GENERATION_KEY = "livelihood:public:generation"


_local = OrderedDict()  # key -> (generation, rendered_at, content, content type, headers); per process
_local_lock = threading.Lock()
LOCAL_ENTRIES = 256
# Each process re-reads the shared generation at most this often: a change made in another process
# shows within this time (a change in this process shows at once).
GENERATION_RECHECK_SECONDS = 1.0
_memo = {"value": None, "at": 0.0}


def generation():
    """The current generation, started afresh (from the clock) when the cache has lost it."""
    value = cache.get(GENERATION_KEY)
    if value is None:
        value = time.time_ns() // 1000
        if not cache.add(GENERATION_KEY, value, timeout=None):
            value = cache.get(GENERATION_KEY, value)
    return value


def current_generation():
    now = time.monotonic()
    if _memo["value"] is None or now - _memo["at"] >= GENERATION_RECHECK_SECONDS:
        _memo["value"], _memo["at"] = generation(), now
    return _memo["value"]


def invalidate(**_kwargs):
    """Bump the generation now and again once the transaction commits.

    The signals fire inside the writing transaction: another process may render a page from the old
    rows before the commit and store it under the new generation; the bump after the commit drops it.
    """
    _bump()
    transaction.on_commit(_bump)


def _bump():
    """Every cached public page, in every process, is now stale."""
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:  # lost (cache cleared): the next read starts a fresh generation
        pass
    with _local_lock:
        _local.clear()
        _memo["value"] = None


def _key(request, name):
    raw = f"{translation.get_language()}|{request.get_full_path()}"
    return f"livelihood:public:v2:{name}:{hashlib.md5(raw.encode()).hexdigest()}"  # noqa: S324


def _fresh(entry, current, now):
    return (
        isinstance(entry, tuple) and len(entry) == 5 and entry[0] == current
        and now - entry[1] <= PUBLIC_CACHE_SECONDS
    )


def _lookup(key, current):
    """A fresh stored page of the current generation: from this process's memory, else the shared cache."""
    now = time.time()
    with _local_lock:
        entry = _local.get(key)
        if entry is not None:
            _local.move_to_end(key)
    if not _fresh(entry, current, now):
        entry = cache.get(key)
        if not _fresh(entry, current, now):
            return None
        _remember(key, entry)
    return entry


def _remember(key, entry):
    with _local_lock:
        _local[key] = entry
        while len(_local) > LOCAL_ENTRIES:
            _local.popitem(last=False)


def public_page(name):
    """Cache a public view's 200 answers (body, type and headers) for a minute, per language and URL.

    A page is stored with the generation it was rendered in, in the shared cache and in the process's
    memory. A stored page is served only if it belongs to the current generation (read from the shared
    cache at most once a second per process) and is less than a minute old; otherwise it is rendered
    again. A cache hit in memory costs no network round trip at all.
    """

    def decorator(view):
        @functools.wraps(view)
        def wrapper(request, *args, **kwargs):
            key = _key(request, name)
            current = current_generation()
            stored = _lookup(key, current)
            if stored is not None:
                _generation, _rendered_at, content, content_type, headers = stored
                response = HttpResponse(content, content_type=content_type)
                for header, value in headers:
                    response[header] = value
            else:
                response = view(request, *args, **kwargs)
                if hasattr(response, "render") and callable(response.render):
                    response = response.render()
                if response.status_code == 200 and not response.streaming:
                    headers = [(h, response[h]) for h in ("Content-Disposition",) if response.has_header(h)]
                    entry = (current, time.time(), response.content, response["Content-Type"], headers)
                    cache.set(key, entry, PUBLIC_CACHE_SECONDS)
                    _remember(key, entry)
            if response.status_code == 200:
                patch_cache_control(response, public=True, max_age=PUBLIC_CACHE_SECONDS)
            return response

        return wrapper

    return decorator


def cached_value(name, compute):
    """A small public value (the home page's figures) under the same generation and lifetime."""
    key = f"livelihood:public:{generation()}:{name}:{translation.get_language()}"
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, PUBLIC_CACHE_SECONDS)
    return value


def connect_signals():
    from .models import Explanation, LivelihoodTask, ProgressUpdate

    for model in (LivelihoodTask, ProgressUpdate, Explanation):
        post_save.connect(invalidate, sender=model, dispatch_uid=f"livelihood-cache-save-{model.__name__}")
        post_delete.connect(invalidate, sender=model, dispatch_uid=f"livelihood-cache-delete-{model.__name__}")
    m2m_changed.connect(
        invalidate, sender=LivelihoodTask.responsible_units.through, dispatch_uid="livelihood-cache-units"
    )
