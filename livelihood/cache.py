"""Caching of the public pages (list, task page, open data, feed, home summary).

A cached page is keyed by a *generation* number, the language and the full path. Any change to a task,
a progress update or an explanation bumps the generation (signals below), so the next request renders
afresh; entries also expire after ``PUBLIC_CACHE_SECONDS``, so a change the signals cannot see (a unit
renamed, the date rolling over) shows within a minute. Responses carry ``Cache-Control: max-age`` of
the same minute, so a browser or proxy never holds a page longer either.
"""

import functools
import hashlib

from django.core.cache import cache
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse
from django.utils import translation
from django.utils.cache import patch_cache_control

PUBLIC_CACHE_SECONDS = 60
GENERATION_KEY = "livelihood:public:generation"


def generation():
    value = cache.get(GENERATION_KEY)
    if value is None:
        value = 1
        cache.add(GENERATION_KEY, value, timeout=None)
    return value


def invalidate(**_kwargs):
    """Bump the generation: every cached public page is now stale."""
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:  # not there (cache cleared): any fresh value differs from the stored pages'
        cache.set(GENERATION_KEY, 2, timeout=None)


def _key(request, name):
    raw = f"{translation.get_language()}|{request.get_full_path()}"
    return f"livelihood:public:{generation()}:{name}:{hashlib.md5(raw.encode()).hexdigest()}"  # noqa: S324


def public_page(name):
    """Cache a public view's 200 answers (body, type and headers) for a minute, per language and URL."""

    def decorator(view):
        @functools.wraps(view)
        def wrapper(request, *args, **kwargs):
            key = _key(request, name)
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
                    cache.set(key, (response.content, response["Content-Type"], headers), PUBLIC_CACHE_SECONDS)
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
