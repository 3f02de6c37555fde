"""ECharts options for the target page (plain JSON; static/js/charts.js draws them)."""

from django.utils.translation import gettext as _

from .measures import rounded


def _point(value, target):
    """A chart point at the measure's decimals: an int for a count, so no axis or tooltip shows 4.0 households."""
    if value is None:
        return None
    value = rounded(value, target.decimals)
    return int(value) if target.decimals == 0 else float(value)


def trend(target, points):
    """The target's actual (bars) against the expected value (line), month by month: ``selectors.trend``."""
    months = [f"{m.month}月" for m, _a, _e in points]
    return {
        "tooltip": {"trigger": "axis"},
        "legend": {"data": [_("Actual"), _("Expected")]},
        "grid": {"left": 50, "right": 20, "top": 40, "bottom": 30},
        "xAxis": {"type": "category", "data": months},
        "yAxis": {"type": "value", "name": target.measure, **({"minInterval": 1} if target.is_count else {})},
        "series": [
            {"name": _("Actual"), "type": "bar", "data": [_point(a, target) for _m, a, _e in points]},
            {"name": _("Expected"), "type": "line", "data": [_point(e, target) for _m, _a, e in points]},
        ],
    }
