"""The sprint race's Word documents: the quarterly bulletin (通报) and the year's consequence cases.
Registered with gaoyou_portal.documents in the app's ready()."""

from django.http import Http404
from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gaoyou_portal.documents import DocumentKind, Table, common_context, register

from .choices import CaseStatus, Flag, Group
from .models import ConsequenceCase, SprintRace
from .permissions import is_insider


def _readers(user):
    return is_insider(user)


def _int(params, name, default=None):
    value = str(params.get(name) or "").strip()
    return int(value) if value.isdigit() else default


def bulletin_context(*, user, params):
    """The published race of ``year``/``quarter`` (default: the latest published one)."""
    races = SprintRace.objects.published().order_by("-year", "-quarter")
    year, quarter = _int(params, "year"), _int(params, "quarter")
    if year:
        races = races.filter(year=year)
    if quarter:
        races = races.filter(quarter=quarter)
    race = races.first()
    if race is None:
        raise Http404
    scores = list(race.scores.select_related("unit").order_by("group", "position", "rank"))
    flag_names = dict(Flag.choices)
    groups = dict(Group.choices)
    ranking = Table(
        headers=[_("Group"), _("Rank"), _("Unit"), _("Score"), _("Flag")],
        rows=[[groups.get(s.group, s.group), s.rank, s.unit.name, s.score, flag_names.get(s.flag, "—")]
              for s in scores],
        widths_cm=[3.2, 1.6, 5.4, 2.2, 2.4],
    )

    def flags(flag):
        return Table(headers=[_("Group"), _("Unit"), _("Score"), _("Rank")],
                     rows=[[groups.get(s.group, s.group), s.unit.name, s.score, s.rank] for s in scores
                           if s.flag == flag])

    red, yellow = flags(Flag.RED), flags(Flag.YELLOW)
    published = formats.date_format(race.published_at.date()) if race.published_at else ""
    summary = [
        _("The sprint race of the %(quarter)s quarter of %(year)s was scored and published on %(date)s: "
          "%(count)d units were ranked in two groups.") % {"quarter": race.quarter, "year": race.year,
                                                             "date": published, "count": len(scores)},
        _("%(red)d units receive a red flag and %(yellow)d a yellow flag. Units with a flag report their "
          "rectification to the assessment office within fifteen days.") % {"red": len(red), "yellow": len(yellow)},
    ]
    return {
        **common_context(
            title=_("Bulletin on the results of the %(year)s Q%(quarter)s sprint race") % {
                "year": race.year, "quarter": race.quarter},
            year=race.year, doc_number=params.get("doc_number", "")),
        "quarter": race.quarter, "summary": summary, "ranking_table": ranking,
        "red_flags": red, "yellow_flags": yellow,
    }


def consequences_context(*, user, params):
    year = _int(params, "year")
    cases = ConsequenceCase.objects.filter(status=CaseStatus.CONFIRMED).select_related("unit").order_by(
        "-year", "unit__order", "id")
    year = year or (cases.first().year if cases.exists() else None)
    if year is None:
        raise Http404
    cases = [c for c in cases if c.year == year]
    table = Table(
        headers=[_("No."), _("Unit"), _("Consequence"), _("Evidence"), _("Reason for the decision"),
                 _("Confirmed on")],
        rows=[[index, c.unit.name, c.get_kind_display(), c.evidence, c.reason,
               formats.date_format(c.decided_at.date()) if c.decided_at else ""]
              for index, c in enumerate(cases, 1)],
        widths_cm=[1.2, 3.0, 2.8, 3.6, 3.6, 2.4],
    )
    return {
        **common_context(title=_("Consequence cases of the %(year)s sprint races") % {"year": year}, year=year,
                         doc_number=params.get("doc_number", "")),
        "summary": [_("In %(year)s the assessment office confirmed %(count)d consequence cases.") % {
            "year": year, "count": len(cases)}],
        "cases_table": table,
    }


def register_documents():
    register(DocumentKind(
        code="sprint_bulletin", label=gettext_lazy("Quarterly sprint race bulletin (通报)"),
        placeholders={"quarter": gettext_lazy("quarter"), "summary": gettext_lazy("summary paragraphs (a list)"),
                      "ranking_table": gettext_lazy("the rankings table, {{p ranking_table }}"),
                      "red_flags": gettext_lazy("red-flag units table, {{p red_flags }}"),
                      "yellow_flags": gettext_lazy("yellow-flag units table, {{p yellow_flags }}")},
        build=bulletin_context, can_export=_readers, params=("year", "quarter", "doc_number"),
        body=[("paragraphs", "summary"), ("heading", gettext_lazy("1. Rankings")), ("table", "ranking_table"),
              ("heading", gettext_lazy("2. Red flags")), ("table", "red_flags"),
              ("heading", gettext_lazy("3. Yellow flags")), ("table", "yellow_flags")],
    ))
    register(DocumentKind(
        code="consequence_cases", label=gettext_lazy("The year's consequence cases"),
        placeholders={"summary": gettext_lazy("summary paragraphs (a list)"),
                      "cases_table": gettext_lazy("the cases table, {{p cases_table }}")},
        build=consequences_context, can_export=_readers, params=("year", "doc_number"),
        body=[("paragraphs", "summary"), ("table", "cases_table")],
    ))
