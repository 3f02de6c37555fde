"""ECharts options for the target page (plain JSON; static/js/charts.js draws them)."""

from django.utils.translation import gettext as _


def trend(target, points):
    """The target's actual (bars) against the expected value (line), month by month: ``selectors.trend``."""
    months = [f"{m.month}月" for m, _a, _e in points]
    return {
        "tooltip": {"trigger": "axis"},
        "legend": {"data": [_("Actual"), _("Expected")]},
        "grid": {"left": 50, "right": 20, "top": 40, "bottom": 30},
        "xAxis": {"type": "category", "data": months},
        "yAxis": {"type": "value", "name": target.measure},
        "series": [
            {"name": _("Actual"), "type": "bar", "data": [None if a is None else float(a) for _m, a, _e in points]},
            {"name": _("Expected"), "type": "line", "data": [None if e is None else float(e) for _m, _a, e in points]},
        ],
    }
