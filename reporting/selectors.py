"""The reporting ledger (DHIS2's reporting rate and timeliness): per unit and month, what was expected of it,
what came on time, late or not at all.

What is expected comes from the apps (``registry.compliance_source``: project reports, target values, task
progress, safety cases due); this module only adds them up. The cost is the sources' fixed number of queries and
one for the units, whatever the number of units and months.
"""

from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.utils import timezone

from gaoyou_portal import registry
from gaoyou_portal.reporting import ReportingCalendar, add_months, month_start
from org.models import Unit

from .cache import source_rows

TREND_MONTHS = 12


@dataclass
class Tally:
    """Counts of items owed in one month (by one unit, of one kind or all kinds)."""

    expected: int = 0
    on_time: int = 0
    late: int = 0
    pending: int = 0  # not filed and not yet due

    def __add__(self, other):
        return Tally(self.expected + other.expected, self.on_time + other.on_time, self.late + other.late,
                     self.pending + other.pending)

    def add(self, row):
        for key in ("expected", "on_time", "late", "pending"):
            setattr(self, key, getattr(self, key) + int(row.get(key, 0) if isinstance(row, dict) else
                                                        getattr(row, key)))
        return self

    @property
    def missing(self) -> int:
        return max(0, self.expected - self.on_time - self.late - self.pending)

    @property
    def due(self) -> int:
        """Items whose deadline has passed (or that were filed): what the rate is out of."""
        return self.expected - self.pending

    @property
    def rate(self):
        """The on-time rate in percent (one decimal), or None when nothing was due."""
        if self.due <= 0:
            return None
        return (Decimal(self.on_time * 100) / self.due).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)

    @property
    def reporting_rate(self):
        """Filed at all (on time or late), in percent of what was due, or None."""
        if self.due <= 0:
            return None
        return (Decimal((self.on_time + self.late) * 100) / self.due).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


@dataclass
class LedgerRow:
    unit: Unit
    month: date
    total: Tally
    by_kind: dict  # source code -> Tally (the month's)
    trend: list = field(default_factory=list)  # [(month, Tally)] oldest first, ending at ``month``


def current_month(today=None) -> date:
    """The month the ledger opens on: the latest whose reports' deadline has passed (its counts are final)."""
    return ReportingCalendar().due_month(today or timezone.localdate())


def parse_month(year, month, today=None) -> date:
    """``?year=&month=`` as a month; missing or invalid parts fall back to ``current_month``."""
    try:
        return date(int(year), int(month), 1)
    except (TypeError, ValueError):
        return current_month(today)


def tallies(*, months, today=None, sources=None, unit_ids=None):
    """``{(unit_id, month): {source_code: Tally}}`` for ``months``, from every registered source (``unit_ids``:
    only those units)."""
    today = today or timezone.localdate()
    found = {}
    for code, rows in source_rows(sources or registry.compliance_sources(), months=months, today=today,
                                  unit_ids=unit_ids).items():
        for row in rows:
            found.setdefault((row["unit_id"], month_start(row["month"])), {}).setdefault(code, Tally()).add(row)
    return found


def ledger(*, month, unit_ids=None, kind="", today=None, trend=TREND_MONTHS):
    """One row per unit for ``month`` with the trend of the ``trend`` months ending there.

    ``unit_ids`` (a reporter's own units) narrows the rows; ``kind`` keeps one kind of unit. Units that owed
    nothing in any of the months are left out.
    """
    months = [add_months(month, -i) for i in range(trend - 1, -1, -1)]
    found = tallies(months=months, today=today, unit_ids=None if unit_ids is None else list(unit_ids))
    units = Unit.objects.filter(pk__in={unit_id for unit_id, _m in found})
    if unit_ids is not None:
        units = units.filter(pk__in=unit_ids)
    if kind:
        units = units.filter(kind=kind)
    rows = []
    for unit in units.order_by("order", "name"):
        series = []
        for m in months:
            kinds = found.get((unit.pk, m), {})
            series.append((m, sum(kinds.values(), Tally()) if kinds else Tally(), kinds))
        _m, total, kinds = series[-1]
        rows.append(LedgerRow(unit=unit, month=month, total=total, by_kind=kinds,
                              trend=[(m, t) for m, t, _k in series]))
    return rows


SORTS = {
    "unit": lambda r: (r.unit.order, r.unit.name),
    "rate": lambda r: (r.total.rate is None, r.total.rate or 0, r.unit.order),
    "-rate": lambda r: (r.total.rate is None, -(r.total.rate or 0), r.unit.order),
    "missing": lambda r: (-r.total.missing, r.unit.order),
    "late": lambda r: (-r.total.late, r.unit.order),
    "expected": lambda r: (-r.total.expected, r.unit.order),
}


def sort_rows(rows, sort):
    """Rows in the order asked (``?sort=``), the worst on-time rate first by default."""
    return sorted(rows, key=SORTS.get(sort, SORTS["rate"]))


def _year_months(year, until, today):
    last = min(month_start(until or date(year, 12, 31)), current_month(today))
    return [date(year, m, 1) for m in range(1, last.month + 1)] if last.year >= year else []


def unit_rates(*, year, until=None, today=None):
    """``{unit_id: rate}``: each unit's on-time rate over a year's months up to ``until`` (those due by today),
    one figure over all its items of every kind; units with nothing due are left out."""
    today = today or timezone.localdate()
    months = _year_months(year, until, today)
    totals = {}
    for (unit_id, _month), kinds in (tallies(months=months, today=today).items() if months else ()):
        total = totals.setdefault(unit_id, Tally())
        for tally in kinds.values():
            total.add(tally)
    return {unit_id: total.rate for unit_id, total in totals.items() if total.rate is not None}


def city_rate(*, year, until=None, today=None):
    """The city's on-time rate over a year's months up to ``until`` (a date): the registry metric's figure."""
    today = today or timezone.localdate()
    last = min(month_start(until or date(year, 12, 31)), current_month(today))
    if last.year < year:
        return Decimal(0)
    months = [date(year, m, 1) for m in range(1, last.month + 1)]
    total = Tally()
    for kinds in tallies(months=months, today=today).values():
        for tally in kinds.values():
            total.add(tally)
    return total.rate or Decimal(0)
