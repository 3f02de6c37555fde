"""ECharts options for the race dashboards (plain JSON; static/js/charts.js draws them)."""

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

COLOURS = {"red": "#dc3545", "yellow": "#e0a800", None: "#6c8ebf"}


def ranking_bar(scores, *, label):
    """Bar chart of one group's scores in rank order, flags coloured and marked above the bars."""
    flag_text = {"red": _("Red flag"), "yellow": _("Yellow flag")}
    data = []
    for score in scores:
        item = {"value": float(score.score), "itemStyle": {"color": COLOURS[score.flag]}}
        if score.flag:
            item["label"] = {"show": True, "position": "top", "formatter": flag_text[score.flag],
                             "color": COLOURS[score.flag], "fontWeight": "bold"}
        data.append(item)
    return {
        "tooltip": {"trigger": "axis"},
        "grid": {"left": 40, "right": 10, "bottom": 70, "top": 30},
        "xAxis": {"type": "category", "data": [s.unit.display_name for s in scores],
                  "axisLabel": {"rotate": 45, "interval": 0}},
        "yAxis": {"type": "value", "name": _("score")},
        "series": [{"type": "bar", "name": _("score"), "data": data}],
    }


def trend_line(points):
    """A unit's score by quarter: ``points`` is [(label, score or None, rank or None)]."""
    return {
        "tooltip": {"trigger": "axis"},
        "legend": {"data": [_("score"), pgettext("ranking", "rank")]},
        "xAxis": {"type": "category", "data": [p[0] for p in points]},
        "yAxis": [{"type": "value", "name": _("score")},
                  {"type": "value", "name": pgettext("ranking", "rank"), "inverse": True, "minInterval": 1}],
        "series": [
            {"type": "line", "name": _("score"), "data": [float(p[1]) if p[1] is not None else None for p in points],
             "label": {"show": True}},
            {"type": "line", "name": pgettext("ranking", "rank"), "yAxisIndex": 1, "data": [p[2] for p in points],
             "lineStyle": {"type": "dashed"}},
        ],
    }
