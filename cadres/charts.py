"""ECharts options for the department's reports (plain JSON; static/js/charts.js draws them)."""


def type_chart(types):
    """ECharts options: cadres by type."""
    return {
        "tooltip": {},
        "xAxis": {"type": "category", "data": [str(label) for label, _n in types]},
        "yAxis": {"type": "value", "minInterval": 1},
        "series": [{"type": "bar", "data": [n for _label, n in types]}],
        "grid": {"left": 40, "right": 10, "top": 20, "bottom": 60},
    }
