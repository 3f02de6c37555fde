"""The ledger's cache: each source's rows for the months, units and day asked, kept until a write to one of the
source's models (``registry.compliance_source(..., models=[...])``) or for ``LEDGER_SECONDS`` at most.

Months whose deadline has passed change only when someone files late, the office reopens a month, a project
changes status, a case is struck off...: each is a save of one of the source's models, which bumps that source's
*generation* (now, and again once the transaction commits, so a page computed from the old rows meanwhile is
dropped). The ``today`` of the counts is in the key (a day rolling over starts afresh). Writes that send no
signal (``QuerySet.update``, ``bulk_create``) show within ``LEDGER_SECONDS``. Two round trips to the cache for
every source together: the generations, then the rows.
"""

import hashlib
import time

from django.apps import apps
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save

from gaoyou_portal import registry

LEDGER_SECONDS = 300
_watched = {}  # model class -> {source codes}; built on the first write after start-up


def _generation_key(code):
    return f"reporting:ledger:generation:{code}"


def _generations(codes):
    keys = {code: _generation_key(code) for code in codes}
    found = cache.get_many(list(keys.values()))
    generations = {}
    for code, key in keys.items():
        value = found.get(key)
        if value is None:
            value = time.time_ns() // 1000
            if not cache.add(key, value, timeout=None):
                value = cache.get(key, value)
        generations[code] = value
    return generations


def _bump(codes):
    for code in codes:
        try:
            cache.incr(_generation_key(code))
        except ValueError:  # lost (cache cleared): the next read starts a fresh generation
            pass


def invalidate(codes=None):
    """Every cached row of the sources ``codes`` (default: all) is stale, now and once the transaction commits."""
    codes = list(codes or [s.code for s in registry.compliance_sources()])
    _bump(codes)
    transaction.on_commit(lambda: _bump(codes))


def _changed(sender, **_kwargs):
    if not _watched:
        for source in registry.compliance_sources():
            for label in source.models:
                _watched.setdefault(apps.get_model(label), set()).add(source.code)
        _watched.setdefault(None, set())  # built (even with no models declared)
    codes = _watched.get(sender)
    if codes:
        invalidate(codes)


def connect_signals():
    post_save.connect(_changed, dispatch_uid="reporting-ledger-save")
    post_delete.connect(_changed, dispatch_uid="reporting-ledger-delete")


def source_rows(sources, *, months, today, unit_ids=None):
    """``{source code: rows}`` as ``source.compute`` returns them, from the cache where it has them."""
    generations = _generations([s.code for s in sources])
    shape = f"{today:%Y-%m-%d}|{','.join(f'{m:%Y-%m}' for m in months)}|" + (
        "*" if unit_ids is None else ",".join(str(u) for u in sorted(unit_ids)))
    digest = hashlib.md5(shape.encode()).hexdigest()  # noqa: S324
    keys = {s.code: f"reporting:ledger:v1:{s.code}:{generations[s.code]}:{digest}" for s in sources}
    found = cache.get_many(list(keys.values()))
    rows, missing = {}, {}
    for source in sources:
        cached = found.get(keys[source.code])
        if cached is None:
            cached = list(source.compute(months=months, today=today, unit_ids=unit_ids))
            missing[keys[source.code]] = cached
        rows[source.code] = cached
    if missing:
        cache.set_many(missing, LEDGER_SECONDS)
    return rows
