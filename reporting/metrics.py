"""The on-time reporting rate as a registry metric: the plan's derived targets can count it."""

from django.urls import reverse

from . import selectors


def on_time_rate(*, year, deadline):
    """The city's on-time rate over ``year``'s months whose reports were due by ``deadline``."""
    return selectors.city_rate(year=year, until=deadline)


def on_time_rate_by_unit(*, year, deadline):
    """Each unit's on-time rate (percent) over ``year``'s months up to ``deadline``'s whose reports were due by
    now: ``{unit_id: Decimal}`` (a unit that owed nothing due is left out). The sprint scheme's indicator."""
    return selectors.unit_rates(year=year, until=deadline)


def on_time_rate_records(*, year, deadline):
    """Each unit's on-time rate in the latest month counted, worst first."""
    month = min(selectors.current_month(), selectors.parse_month(deadline.year, deadline.month))
    rows = selectors.sort_rows(selectors.ledger(month=month, trend=1), "rate")
    return [{"label": row.unit.name, "url": reverse("reporting:unit", args=[row.unit.pk]), "counted": True,
             "note": "—" if row.total.rate is None else f"{row.total.rate}%（{row.total.on_time}/{row.total.due}）"}
            for row in rows]
