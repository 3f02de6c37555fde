"""The race's pieces on shared pages: staff dashboard panel, unit page panel, public summary."""

from django.urls import reverse
from django.utils.translation import gettext as _

from gaoyou_portal.roles import roles_of, unit_ids_of

from .choices import CaseStatus, Group, InterviewStatus, RaceStatus
from .models import ConsequenceCase, LeaderInterview, SprintRace, SprintScore
from .selectors import latest_published_race, scores_visible_to


def dashboard_panel(request):
    """The latest race the user may see: its flags, and the user's own unit's standing."""
    if not roles_of(request.user):
        return None
    race = SprintRace.objects.visible_to(request.user).order_by("-year", "-quarter").first()
    if race is None:
        return None
    scores = list(race.scores.filter(flag__isnull=False).select_related("unit").order_by("group", "position"))
    groups = [
        (label, [s for s in scores if s.group == g and s.flag == "red"],
         [s for s in scores if s.group == g and s.flag == "yellow"])
        for g, label in Group.choices
    ]
    own = list(race.scores.filter(unit_id__in=unit_ids_of(request.user)).select_related("unit"))
    return {"title": _("Sprint race"), "template": "sprint/_panel.html", "order": 20,
            "context": {"race": race, "groups": groups, "own": own}, "url": reverse("sprint:home"),
            "link_label": _("Rankings")}


def unit_panel(request, unit):
    """A unit's last scores (the ones the user may read) and its confirmed consequence cases."""
    scores = list(scores_visible_to(request.user).filter(unit=unit).select_related("race", "unit")
                  .order_by("-race__year", "-race__quarter")[:4])
    cases = list(ConsequenceCase.objects.visible_to(request.user).filter(unit=unit, status=CaseStatus.CONFIRMED))
    interviews = list(LeaderInterview.objects.visible_to(request.user).filter(unit=unit)
                      .exclude(status=InterviewStatus.HELD).select_related("leader"))
    if not scores and not cases and not interviews:
        return None
    return {"title": _("Sprint race"), "template": "sprint/_unit_panel.html", "order": 20,
            "context": {"scores": scores, "cases": cases, "interviews": interviews},
            "url": reverse("sprint:unit_trend", args=[unit.code])}


def public_summary():
    """Published results only: the latest published race's red and yellow flags."""
    race = latest_published_race()
    if race is None:
        return None
    flagged = list(SprintScore.objects.filter(race=race, flag__in=["red", "yellow"], race__status=RaceStatus.PUBLISHED)
                   .select_related("unit").order_by("position"))
    figures = [(_("Race"), str(race))]
    for group, label in Group.choices:
        for flag, caption in (("red", _("Red flags: %(group)s")), ("yellow", _("Yellow flags: %(group)s"))):
            names = "、".join(s.unit.display_name for s in flagged if s.group == group and s.flag == flag)
            if names:
                figures.append((caption % {"group": label}, names))
    return {"title": _("Quarterly sprint race"), "figures": figures, "order": 20}


# --- metric for the plan's derived targets (registered in apps.py) -------------------------------------------
def _half_year_scores(year):
    """The towns' and parks' scores in the Q2 race of the year (the half-year rule is judged there, and the
    plan's target counts the towns and parks), published or not."""
    return SprintScore.objects.filter(race__year=year, race__quarter=2, group=Group.TOWN)


def _half_year_records(*, year, deadline):
    rows = (_half_year_scores(year).values("pk", "race_id", "unit__name", "half_year_met", "score")
            .order_by("-half_year_met", "unit__order"))
    return [{"label": r["unit__name"], "url": reverse("sprint:score_detail", args=[r["race_id"], r["pk"]]),
             "counted": bool(r["half_year_met"]),
             "note": _("half-year rule met") if r["half_year_met"] else _("half-year rule not met")} for r in rows]


def register_metrics():
    from gaoyou_portal import registry

    registry.metric(
        "sprint.half_year_met", _("Towns and parks meeting the half-year rule (60% by 30 June)"), unit="个",
        compute=lambda *, year, deadline: _half_year_scores(year).filter(half_year_met=True).count(),
        records=_half_year_records, order=20,
    )
