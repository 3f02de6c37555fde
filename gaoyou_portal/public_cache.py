"""Caching of public pages for any app (livelihood, targets).

A page is keyed by the language and the full path and stored, with the *generation* of its namespace it
was rendered in, in the shared cache (Redis) and, when the app asks for it (``local_entries``), in each
process's memory too. A change bumps the generation (the app names its models once: ``watch``); a
stored page is served only if it belongs to the current generation and is less than ``seconds`` old, so
what the signals cannot see (figures derived from another app, a unit renamed, the date rolling over)
shows within a minute. Responses carry a matching ``Cache-Control: public, max-age``. The views must not
touch the session, so visitors get no cookie.

With the in-process layer a cache hit costs no network round trip at all: each process re-reads the
shared generation at most every ``recheck_seconds``, so a change made in another process shows there
within that time (a change in this process shows at once). Without it every request reads the
generation from the shared cache.
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


class PublicCache:
    def __init__(self, namespace, *, seconds=60, local_entries=0, recheck_seconds=1.0):
        self.namespace = namespace
        self.seconds = seconds
        self.generation_key = f"{namespace}:public:generation"
        self.local_entries = local_entries
        self.recheck_seconds = recheck_seconds
        self._local = OrderedDict()  # key -> entry; this process's memory, at most ``local_entries``
        self._lock = threading.Lock()
        self._memo = {"value": None, "at": 0.0}
        # Called with this cache once a transaction that invalidated it commits (the stored open-data files
        # queue their rebuild: gaoyou_portal/opendata/stored.py).
        self.after_commit = []

    # --- the generation --------------------------------------------------------------------------------
    def generation(self):
        """The current generation, started afresh (from the clock) when the cache has lost it."""
        value = cache.get(self.generation_key)
        if value is None:
            value = time.time_ns() // 1000
            if not cache.add(self.generation_key, value, timeout=None):
                value = cache.get(self.generation_key, value)
        return value

    def current_generation(self):
        """The generation pages are served under: with the in-process layer, re-read at most every
        ``recheck_seconds``; otherwise read from the shared cache each time."""
        if not self.local_entries:
            return self.generation()
        now = time.monotonic()
        with self._lock:
            memo = dict(self._memo)
        if memo["value"] is None or now - memo["at"] >= self.recheck_seconds:
            value = self.generation()
            with self._lock:
                self._memo.update(value=value, at=now)
            return value
        return memo["value"]

    def _bump(self):
        """Every cached public page of the namespace, in every process, is now stale."""
        try:
            cache.incr(self.generation_key)
        except ValueError:  # lost (cache cleared): the next read starts a fresh generation
            pass
        with self._lock:
            self._local.clear()
            self._memo["value"] = None

    def invalidate(self, **_kwargs):
        """Bump the generation now and again once the transaction commits.

        The signals fire inside the writing transaction: another process may render a page from the old
        rows before the commit and store it under the new generation; the bump after the commit drops it.
        """
        self._bump()
        transaction.on_commit(self._bump)
        if self.after_commit:
            transaction.on_commit(self._committed)

    def _committed(self):
        for hook in self.after_commit:
            hook(self)

    def watch(self, *models, m2m=()):
        """Bump the generation whenever a row of ``models`` is saved or deleted, or a relation of ``m2m``
        (``Model.field.through``) changes: the one signal wiring of every app's public cache, called once
        from its ``AppConfig.ready()``."""
        for model in models:
            label = model._meta.label
            post_save.connect(self.invalidate, sender=model, dispatch_uid=f"{self.namespace}-cache-save-{label}")
            post_delete.connect(self.invalidate, sender=model, dispatch_uid=f"{self.namespace}-cache-delete-{label}")
        for through in m2m:
            m2m_changed.connect(self.invalidate, sender=through,
                                dispatch_uid=f"{self.namespace}-cache-m2m-{through._meta.label}")

    # --- pages -------------------------------------------------------------------------------------------
    def _key(self, request, name):
        raw = f"{translation.get_language()}|{request.get_full_path()}"
        digest = hashlib.md5(raw.encode()).hexdigest()  # noqa: S324
        return f"{self.namespace}:public:v2:{name}:{digest}"

    def _fresh(self, entry, current, now):
        return (
            isinstance(entry, tuple) and len(entry) == 5 and entry[0] == current
            and now - entry[1] <= self.seconds
        )

    def _remember(self, key, entry):
        if not self.local_entries:
            return
        with self._lock:
            self._local[key] = entry
            self._local.move_to_end(key)
            while len(self._local) > self.local_entries:
                self._local.popitem(last=False)

    def _lookup(self, key, current):
        """A fresh stored page of the current generation: from this process's memory, else the shared cache."""
        now = time.time()
        with self._lock:
            entry = self._local.get(key)
        if self._fresh(entry, current, now):
            with self._lock:
                if key in self._local:
                    self._local.move_to_end(key)
            return entry
        entry = cache.get(key)
        if not self._fresh(entry, current, now):
            return None
        self._remember(key, entry)
        return entry

    def page(self, name):
        """Cache a public view's 200 answers (body, type, Content-Disposition), per language and URL."""

        def decorator(view):
            @functools.wraps(view)
            def wrapper(request, *args, **kwargs):
                key = self._key(request, name)
                current = self.current_generation()
                stored = self._lookup(key, current)
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
                        cache.set(key, entry, self.seconds)
                        self._remember(key, entry)
                if response.status_code == 200:
                    patch_cache_control(response, public=True, max_age=self.seconds)
                return response

            return wrapper

        return decorator

    def value(self, name, compute):
        """A small public value (headline figures) under the same generation and lifetime."""
        key = f"{self.namespace}:public:{self.generation()}:{name}:{translation.get_language()}"
        value = cache.get(key)
        if value is None:
            value = compute()
            cache.set(key, value, self.seconds)
        return value
