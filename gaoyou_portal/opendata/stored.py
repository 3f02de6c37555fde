"""Stored builds of the large open-data files (the OC4IDS package, the public projects' CSV and JSON): built
once, kept until their data change, rebuilt by a background job, so that no request waits for a build.

- A file is registered with ``stored_file(name, cache=<the app's PublicCache>, build=...)``; ``build(request)``
  returns the file's response, where the request is a stand-in whose absolute addresses start with ``BASE``
  (a placeholder), so one build serves every host name the site answers to: the request's own address is
  put in when served.
- The build is kept in the shared cache (Redis) with the generation of the app's public cache it was built
  under, without expiry, and in each process's memory. A change that bumps the generation (the app's signals,
  ``PublicCache.invalidate``) makes it stale; once the change commits, a job (``warm``, queued through the
  outbox ``gaoyou_portal.tasks.enqueue``) rebuilds every stored file of that cache, in every language a file
  was asked in.
- A request is served the current build; while a rebuild is pending (at most ``PENDING_SECONDS``) it is
  served the previous build, which is seconds old; only with no build at all (a fresh deployment, an emptied
  cache, or a worker down for longer) does the request build the file itself.
- Nothing is built for a file never asked for: the job warms only what a request stored before.
"""

import gc
import threading
from contextlib import contextmanager

from celery import shared_task
from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils import translation
from django.utils.cache import patch_cache_control

BASE = "https://stored-build.invalid"  # stands for the site's address in a stored build
PENDING_SECONDS = 120  # a rebuild asked for and not done by then is taken over by the requests

_files: dict = {}
_caches: dict = {}  # namespace -> the PublicCache whose invalidation rebuilds its files


@contextmanager
def _without_collector_passes():
    """A build makes ~100,000 small objects that all live until it ends: the cyclic garbage collector's passes
    over them cost as much as the build (measured: 190 ms of CPU without, 300-450 ms with). Reference counting
    still frees everything; the collector is back on afterwards."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


class _BaseRequest:
    """What a build may ask of the request, without a request: absolute addresses, on the placeholder."""

    def build_absolute_uri(self, location="/"):
        return f"{BASE}{location}"


class StoredFile:
    def __init__(self, name, *, cache, build):
        self.name = name
        self.cache = cache  # the app's PublicCache: its generation dates the build
        self.build = build  # (request-like) -> HttpResponse, its absolute URLs on BASE
        self._local = {}  # language -> the entry: this process's copy
        self._served = {}  # (language, site address) -> (the entry, its bytes with that address put in)
        self._lock = threading.Lock()

    def _key(self, language):
        return f"{self.cache.namespace}:stored:v1:{self.name}:{language}"

    def _asked_key(self, language):
        return f"{self._key(language)}:asked"

    # --- building ------------------------------------------------------------------------------------------
    def build_now(self, language):
        """Build the file in ``language`` and store it under the generation read before the build (a change
        during the build leaves it stale, and the change's own job builds again)."""
        generation = self.cache.generation()
        with translation.override(language), _without_collector_passes():
            response = self.build(_BaseRequest())
        entry = (generation, response.content, response["Content-Type"], response.get("Content-Disposition", ""))
        cache.set_many({self._key(language): entry, self._asked_key(language): 1}, timeout=None)
        with self._lock:
            self._local[language] = entry
        return entry

    def stored(self, language):
        """The stored build (generation, bytes, type, disposition), from this process's memory or the shared
        cache, or None."""
        with self._lock:
            local = self._local.get(language)
        if local is not None and local[0] == self.cache.current_generation():
            return local
        entry = cache.get(self._key(language))
        if isinstance(entry, tuple) and len(entry) == 4:
            with self._lock:
                self._local[language] = entry
            return entry
        return None

    def languages(self):
        """The languages this file was ever asked in (whose builds the job keeps warm)."""
        asked = cache.get_many([self._asked_key(code) for code, _name in settings.LANGUAGES])
        return [code for code, _name in settings.LANGUAGES if self._asked_key(code) in asked]

    # --- serving -------------------------------------------------------------------------------------------
    def response(self, request):
        language = translation.get_language() or settings.LANGUAGE_CODE
        entry = self.stored(language)
        current = self.cache.current_generation()
        if entry is None or (entry[0] != current and not warm_pending(self.cache)):
            entry = self.build_now(language)
        _generation, body, content_type, disposition = entry
        base = request.build_absolute_uri("/").rstrip("/")
        with self._lock:
            served = self._served.get((language, base))
        if served is None or served[0] is not entry:
            served = (entry, body.replace(BASE.encode(), base.encode()))
            with self._lock:
                if len(self._served) > 8:  # a few site addresses at most; a flood of Host headers keeps none
                    self._served.clear()
                self._served[(language, base)] = served
        response = HttpResponse(served[1], content_type=content_type)
        if disposition:
            response["Content-Disposition"] = disposition
        patch_cache_control(response, public=True, max_age=self.cache.seconds)
        return response


def stored_file(name, *, cache, build):
    """Register a stored file; connect its cache's invalidation to the warming job (once per cache)."""
    file = StoredFile(name, cache=cache, build=build)
    _files[name] = file
    if cache.namespace not in _caches:
        _caches[cache.namespace] = cache
        cache.after_commit.append(schedule_warm)
    return file


def get_stored(name):
    return _files[name]


def _pending_key(public_cache):
    return f"{public_cache.namespace}:stored:warm-pending"


def warm_pending(public_cache):
    return cache.get(_pending_key(public_cache)) is not None


def schedule_warm(public_cache):
    """After a committed change: queue one job (not one per saved row) that rebuilds the cache's stored files
    that were ever asked for."""
    if warm_pending(public_cache):
        return False  # a rebuild is already on its way: it reads the data when it runs
    if not any(f.cache is public_cache and f.languages() for f in _files.values()):
        return False
    if not cache.add(_pending_key(public_cache), 1, timeout=PENDING_SECONDS):
        return False
    from gaoyou_portal.tasks import enqueue

    enqueue(warm, public_cache.namespace)
    return True


def warm_namespace(namespace):
    """Rebuild every stored file of a cache in the languages it was asked in. Returns the number built."""
    public_cache = _caches.get(namespace)
    if public_cache is None:
        return 0
    cache.delete(_pending_key(public_cache))  # a change from now on queues its own rebuild
    built = 0
    for file in [f for f in _files.values() if f.cache is public_cache]:
        for language in file.languages():
            file.build_now(language)
            built += 1
    return built


@shared_task(name="opendata.warm")
def warm(namespace):
    """Rebuild the stored open-data files of an app after a change to its public data."""
    return warm_namespace(namespace)
