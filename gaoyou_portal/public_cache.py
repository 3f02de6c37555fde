"""Caching of public pages for any app: a page is stored per language and full path with the
*generation* of its namespace; a change bumps the generation (the app connects its signals to
``invalidate``), and entries expire after ``seconds`` anyway, so what the signals cannot see (figures
derived from another app, the date rolling over) shows within a minute. Responses carry a matching
``Cache-Control: public, max-age``. The views must not touch the session, so visitors get no cookie.

(The livelihood pages keep their own, older version with an in-process layer: ``livelihood/cache.py``.)
"""

import functools
import hashlib
import time

from django.core.cache import cache
from django.db import transaction
from django.http import HttpResponse
from django.utils import translation
from django.utils.cache import patch_cache_control


class PublicCache:
    def __init__(self, namespace, *, seconds=60):
        self.namespace = namespace
        self.seconds = seconds
        self.generation_key = f"{namespace}:public:generation"

    def generation(self):
        value = cache.get(self.generation_key)
        if value is None:
            value = time.time_ns() // 1000
            if not cache.add(self.generation_key, value, timeout=None):
                value = cache.get(self.generation_key, value)
        return value

    def _bump(self):
        try:
            cache.incr(self.generation_key)
        except ValueError:  # lost: the next read starts a fresh generation
            pass

    def invalidate(self, **_kwargs):
        """Bump now and again after the commit (a page rendered from the old rows meanwhile is dropped)."""
        self._bump()
        transaction.on_commit(self._bump)

    def _key(self, request, name, generation):
        raw = f"{translation.get_language()}|{request.get_full_path()}"
        digest = hashlib.md5(raw.encode()).hexdigest()  # noqa: S324
        return f"{self.namespace}:public:{generation}:{name}:{digest}"

    def page(self, name):
        """Cache a public view's 200 answers (body, type, Content-Disposition)."""

        def decorator(view):
            @functools.wraps(view)
            def wrapper(request, *args, **kwargs):
                key = self._key(request, name, self.generation())
                stored = cache.get(key)
                if stored is not None:
                    content, content_type, headers = stored
                    response = HttpResponse(content, content_type=content_type)
                    for header, value in headers:
                        response[header] = value
                else:
                    response = view(request, *args, **kwargs)
                    if hasattr(response, "render") and callable(response.render):
                        response = response.render()
                    if response.status_code == 200 and not response.streaming:
                        headers = [(h, response[h]) for h in ("Content-Disposition",) if response.has_header(h)]
                        cache.set(key, (response.content, response["Content-Type"], headers), self.seconds)
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
