"""Extension points of what units owe, re-exported by ``gaoyou_portal.registry`` (register through it):
``compliance_source`` (what each app expects units to report, month by month; the reporting ledger sums them)
and ``deadline_items`` (items owed by a deadline; the escalating reminders are about them)."""

from dataclasses import dataclass


# --- reporting compliance: what each app expects units to report, month by month (the ledger sums them) --------
@dataclass(frozen=True)
class ComplianceSource:
    """A kind of item units owe every month (project reports, target values, task progress, safety cases due).

    ``compute(*, months, today, unit_ids=None)`` returns rows
    ``{"unit_id", "month", "expected", "on_time", "late", "pending"}`` for the ``months`` given (first days), in a
    fixed number of queries whatever the number of units and months:
    ``expected`` items owed that month, ``on_time`` filed by their deadline, ``late`` filed after it (a report
    filed or changed in a month the office reopened is late), ``pending`` not filed and not yet due. What is left
    (``expected - on_time - late - pending``) is missing. ``unit_ids``: only those units' rows (None: every unit).
    ``models``: the model classes whose writes change the counts; the ledger caches a source's rows until one of
    them is saved or deleted (and for a few minutes at most: writes that send no signal). ``(Model, "field")``
    names records of one month (their ``field``, a date, never changes): a write to one drops only that month's
    rows.
    """

    code: str
    label: str
    compute: object
    order: int = 100
    models: tuple = ()


_compliance_sources: dict[str, ComplianceSource] = {}


def compliance_source(code, label, *, compute, order=100, models=()):
    """Register what an app expects units to report (registering the same code again replaces it)."""
    _compliance_sources[code] = ComplianceSource(code=code, label=label, compute=compute, order=order,
                                                 models=tuple(models))
    return _compliance_sources[code]


def compliance_sources():
    return sorted(_compliance_sources.values(), key=lambda s: (s.order, s.code))


# --- items owed by a deadline: what the escalating reminders are about -------------------------------------------
_deadline_items: list = []


def deadline_items(func):
    """Register ``(*, today, since, until) -> [{"key", "unit_id", "deadline", "text", "url"}]``: the items still
    owed whose deadline lies between ``since`` and ``until`` (``key`` names the item for good, e.g.
    ``project_report:12:2026-11``; ``url`` is its own form)."""
    if func not in _deadline_items:
        _deadline_items.append(func)
    return func


def items_due(*, today, since, until):
    """Every registered app's owed items with a deadline from ``since`` to ``until``."""
    return [item for func in _deadline_items for item in (func(today=today, since=since, until=until) or [])]
