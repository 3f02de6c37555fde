"""Caching of the public pages (list, task page, open data, feed, home summary): the core's
``PublicCache`` (gaoyou_portal/public_cache.py) with its in-process layer, so a cache hit costs no
round trip to Redis. Any change to a task, a progress update or an explanation bumps the generation
(signals below); every process re-reads it at least once a second, and no page is served more than a
minute after it was rendered."""

from gaoyou_portal.public_cache import PublicCache

PUBLIC_CACHE_SECONDS = 60

public_cache = PublicCache("livelihood", seconds=PUBLIC_CACHE_SECONDS, local_entries=256, recheck_seconds=1.0)
public_page = public_cache.page
cached_value = public_cache.value
generation = public_cache.generation
invalidate = public_cache.invalidate


def connect_signals():
    from .models import Explanation, LivelihoodTask, ProgressUpdate

    public_cache.watch(LivelihoodTask, ProgressUpdate, Explanation, m2m=[LivelihoodTask.responsible_units.through])
