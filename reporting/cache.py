"""The ledger's cache: each source's rows for one month, the units and the day asked, kept until a write that can
change them, or for ``LEDGER_SECONDS`` at most.

A source declares the models whose writes change its counts (``registry.compliance_source(..., models=[...])``, the
classes, from the app that owns them). A write to a model given as ``(Model, "field")`` (a monthly report, a
target's value, a progress update: records of one month, whose month never changes) bumps the generation of that
source *and month* only, so a report filed for November leaves the eleven other months cached; a write to any other
declared model (a project changing status, a quota, a case, the settings) bumps the source's own generation, every
month of it. Each bump happens now and again once the transaction commits (rows computed from the old data meanwhile
are dropped). ``today`` is part of the key (a day rolling over starts afresh). Writes that send no signal
(``QuerySet.update``, ``bulk_create``) show within ``LEDGER_SECONDS``. Two round trips to the cache for all sources
and months: the generations, then the rows; a source is asked only for the months missing.
"""

import hashlib
import time

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save

from gaoyou_portal import registry
from gaoyou_portal.reporting import month_start

LEDGER_SECONDS = 300
_watched = {}  # "map": model class -> [(source code, date field or None)]; built on the first write after start-up


def _key(code, month=None):
    return f"reporting:ledger:generation:{code}" + ("" if month is None else f":{month:%Y-%m}")


def _bump(keys):
    for key in keys:
        try:
            cache.incr(key)
        except ValueError:  # never bumped, or lost: a fresh value no earlier generation had
            cache.set(key, time.time_ns(), timeout=None)


def invalidate(codes=None, month=None):
    """The cached rows of the sources ``codes`` (default: all), of ``month`` only when given, are stale: now and
    once the transaction commits."""
    keys = [_key(code, month) for code in (codes or [s.code for s in registry.compliance_sources()])]
    _bump(keys)
    transaction.on_commit(lambda: _bump(keys))


def _changed(sender, instance=None, **_kwargs):
    watched = _watched.get("map")
    if watched is None:  # built whole, then published in one step (another thread never sees half of it)
        watched = {}
        for source in registry.compliance_sources():
            for entry in source.models:
                model, field = entry if isinstance(entry, tuple) else (entry, None)
                watched.setdefault(model, []).append((source.code, field))
        _watched["map"] = watched
    for code, field in watched.get(sender, ()):
        day = getattr(instance, field, None) if field else None
        invalidate([code], month_start(day) if day else None)


def connect_signals():
    post_save.connect(_changed, dispatch_uid="reporting-ledger-save")
    post_delete.connect(_changed, dispatch_uid="reporting-ledger-delete")


def source_rows(sources, *, months, today, unit_ids=None):
    """``{source code: rows}`` as ``source.compute`` returns them for ``months``, from the cache where it has them
    (each source computes only the months missing, in its fixed number of queries)."""
    generation_keys = [_key(s.code) for s in sources] + [_key(s.code, m) for s in sources for m in months]
    generations = cache.get_many(generation_keys)
    shape = f"{today:%Y-%m-%d}|" + ("*" if unit_ids is None else ",".join(str(u) for u in sorted(unit_ids)))
    digest = hashlib.md5(shape.encode()).hexdigest()  # noqa: S324

    def row_key(code, month):
        return (f"reporting:ledger:v2:{code}:{month:%Y-%m}:{generations.get(_key(code), 0)}:"
                f"{generations.get(_key(code, month), 0)}:{digest}")

    keys = {(s.code, m): row_key(s.code, m) for s in sources for m in months}
    found = cache.get_many(list(keys.values()))
    result, store = {}, {}
    for source in sources:
        missing = [m for m in months if keys[(source.code, m)] not in found]
        rows = [row for m in months if m not in missing for row in found[keys[(source.code, m)]]]
        if missing:
            by_month = {m: [] for m in missing}
            for row in source.compute(months=missing, today=today, unit_ids=unit_ids):
                month = month_start(row["month"])
                if month in by_month:  # a source may return neighbouring months: only those asked are kept
                    by_month[month].append(row)
            for month, computed in by_month.items():
                store[keys[(source.code, month)]] = computed
                rows.extend(computed)
        result[source.code] = rows
    if store:
        cache.set_many(store, LEDGER_SECONDS)
    return result
