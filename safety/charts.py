"""ECharts options for the progress board (plain JSON; static/js/charts.js draws them)."""

from django.utils.translation import gettext as _


def plan_chart(rows):
    labels = [r.label for r in rows]
    return {
        "tooltip": {"trigger": "axis"},
        "legend": {"top": 0},
        "grid": {"left": 8, "right": 8, "bottom": 8, "top": 36, "containLabel": True},
        "xAxis": {"type": "category", "data": labels},
        "yAxis": {"type": "value", "minInterval": 1},
        "series": [
            {"name": _("Planned"), "type": "bar", "data": [r.planned for r in rows]},
            {"name": _("Decided"), "type": "bar", "data": [r.decided for r in rows]},
            {"name": _("Struck off"), "type": "bar", "data": [r.done for r in rows],
             "label": {"show": True, "position": "top"}},
            {"name": _("Overdue"), "type": "bar", "data": [r.overdue for r in rows], "itemStyle": {"color": "#dc3545"}},
        ],
    }


def town_chart(rows):
    names = [e["town"].name if e["town"] else "—" for e in rows]
    done = [e["firms"]["done"] + e["workshops"]["done"] for e in rows]
    overdue = [e["overdue"] for e in rows]
    on_time = [e["open"] - e["overdue"] for e in rows]
    return {
        "tooltip": {"trigger": "axis", "axisPointer": {"type": "shadow"}},
        "legend": {"top": 0},
        "grid": {"left": 8, "right": 16, "bottom": 8, "top": 36, "containLabel": True},
        "xAxis": {"type": "value", "minInterval": 1},
        "yAxis": {"type": "category", "data": names, "inverse": True},
        "series": [
            {"name": _("Overdue"), "type": "bar", "stack": "all", "data": overdue, "itemStyle": {"color": "#dc3545"}},
            {"name": _("Open, on time"), "type": "bar", "stack": "all", "data": on_time,
             "itemStyle": {"color": "#ffc107"}},
            {"name": _("Struck off"), "type": "bar", "stack": "all", "data": done, "itemStyle": {"color": "#198754"}},
        ],
    }
