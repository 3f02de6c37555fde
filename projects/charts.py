"""ECharts options for the project pages (plain JSON; static/js/charts.js draws them)."""

from django.utils.translation import gettext as _


def plan_vs_actual(data):
    """Monthly plan and actual investment as bars, cumulative as lines (万元): ``selectors.plan_vs_actual``."""
    labels = [_("%(m)d月") % {"m": m.month} for m in data["months"]]
    return {
        "tooltip": {"trigger": "axis"},
        "legend": {"data": [_("Plan"), _("Actual"), _("Plan, cumulative"), _("Actual, cumulative")], "bottom": 0},
        "grid": {"left": 50, "right": 20, "top": 30, "bottom": 60},
        "xAxis": {"type": "category", "data": labels},
        "yAxis": {"type": "value", "name": _("10k yuan")},
        "series": [
            {"name": _("Plan"), "type": "bar", "data": data["plan"], "itemStyle": {"color": "#adb5bd"}},
            {"name": _("Actual"), "type": "bar", "data": data["actual"], "itemStyle": {"color": "#0d6efd"}},
            {"name": _("Plan, cumulative"), "type": "line", "data": data["plan_cumulative"],
             "lineStyle": {"type": "dashed"}, "itemStyle": {"color": "#6c757d"}},
            {"name": _("Actual, cumulative"), "type": "line", "data": data["actual_cumulative"],
             "itemStyle": {"color": "#198754"}},
        ],
    }
