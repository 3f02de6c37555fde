"""The race's spreadsheet: its rankings as .xlsx (the sprint race has no import).

Built here, not in the views, as each app's export rows are (beside its import spec where it has one).
"""

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from gaoyou_portal.spreadsheets import xlsx_response

from .choices import Group


def race_export_response(race, ranking):
    """Every group's ranking (``selectors.race_ranking``): rank, unit, score, flag, the half-year rule."""
    flags = {"red": _("Red flag"), "yellow": _("Yellow flag")}
    headers = [_("group"), pgettext("ranking", "rank"), _("unit"), _("score"), _("flag"), _("half-year rule met")]
    rows = []
    for group, scores in ranking.items():
        for s in scores:
            half = "" if s.half_year_met is None else (_("yes") if s.half_year_met else _("no"))
            rows.append([Group(group).label, s.rank, s.unit.name, s.score, flags.get(s.flag, ""), half])
    name = f"{race.year}Q{race.quarter}"
    return xlsx_response(f"sprint-{name}.xlsx", headers, rows, title=name)
