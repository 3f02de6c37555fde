"""The sprint race on a leader's workspace (``registry.leader_panel`` / ``registry.leader_waiting``):
the leader's bundled assessment with its breakdown, the linked towns' standing and flags, and the
interviews (约谈) the leader must hold."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from gaoyou_portal.roles import roles_of

from .bundle import bundle_table
from .choices import InterviewStatus
from .models import LeaderInterview
from .permissions import reads_cases
from .selectors import latest_published_race


def _open_interviews(request, leader):
    return (LeaderInterview.objects.visible_to(request.user).filter(leader=leader)
            .exclude(status=InterviewStatus.HELD).select_related("unit", "case").order_by("created_at"))


def leader_panel(request, leader):
    """The leader's bundled score, ranked among the leaders, for the latest year with a published race."""
    if not roles_of(request.user):
        return None
    race = latest_published_race()
    if race is None:
        return None
    table = bundle_table(year=race.year)
    row = next((r for r in table if r.leader.pk == leader.pk), None)
    if row is None:
        return None
    return {"title": _("Bundled assessment %(year)s") % {"year": race.year}, "template": "sprint/_leader_panel.html",
            "context": {"row": row, "year": race.year, "ranked": sum(1 for r in table if r.rank),
                        "interviews": list(_open_interviews(request, leader))},
            **({"url": reverse("sprint:year", args=[race.year]), "link_label": _("All leaders")}
               if reads_cases(request.user) else {})}


def leader_waiting(request, leader):
    """Interviews the leader must hold (to schedule or scheduled), since the case was confirmed."""
    items = []
    for interview in _open_interviews(request, leader):
        if interview.scheduled_on:
            text = _("Interview of %(unit)s (%(kind)s), scheduled for %(day)s") % {
                "unit": interview.unit.name, "kind": interview.case.get_kind_display(),
                "day": interview.scheduled_on.isoformat()}
        else:
            text = _("Interview of %(unit)s (%(kind)s): date to be set") % {
                "unit": interview.unit.name, "kind": interview.case.get_kind_display()}
        items.append({"text": text, "url": reverse("sprint:interview_detail", args=[interview.pk]),
                      "since": timezone.localdate(interview.created_at), "kind": _("Interview")})
    return items
