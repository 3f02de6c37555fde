"""The plan's part of a leader's workspace: the targets the leader answers for (``Target.responsible_leader``)
that are behind, at risk or missed wait on the leader; a panel lists all their targets from the plan board.

Both read one evaluation of the board per request (kept on the request), so the workspace pays for it once.
"""

from urllib.parse import urlencode

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from gaoyou_portal import registry

from . import lagging, selectors
from .choices import STATUS_BADGE, Status


def register():
    registry.leader_waiting(targets_waiting)
    registry.leader_panel(targets_panel, order=50)


def _board(request, leader):
    cache = request.__dict__.setdefault("_leader_targets", {})
    if leader.pk not in cache:
        plan = selectors.current_plan()
        data = selectors.board(user=request.user, plan=plan, mine={"leader": leader}) if plan else None
        cache[leader.pk] = (plan, data)
    return cache[leader.pk]


def targets_waiting(request, leader):
    """Each target of the leader behind, at risk or missed (the plan's own status, not a second computation),
    waiting since its lag began by the plan's dated records (``lagging.lagging_since``): the day after a
    missed deadline or the first incident, the day after an overdue stage's date, the first day a figure fell
    behind pace."""
    plan, data = _board(request, leader)
    if not data:
        return []
    today = timezone.localdate()
    since = lagging.lagging_since(data["behind"], today=today)
    items = []
    for row in data["behind"]:
        target, evaluation = row.target, row.evaluation
        missed = evaluation.status == Status.MISSED
        items.append({
            "kind": _("Target %(status)s") % {"status": evaluation.label},
            "text": f"{target.code} {target.title}：{evaluation.reason}",
            "since": since.get(target.pk, today),
            "url": target.get_absolute_url(),
            "action": "",
            "overdue": missed,
        })
    return items


def targets_panel(request, leader):
    plan, data = _board(request, leader)
    if not data or not data["total"]:
        return None
    rows = sorted((row for section in data["sections"] for row in section["rows"]),
                  key=lambda row: (row.rank, row.target.code))
    return {
        "title": _("%(year)s plan targets they answer for") % {"year": plan.year},
        "template": "targets/_leader_panel.html",
        "context": {"rows": rows, "badges": STATUS_BADGE,
                    "counts": [(Status(s).label, data["counts"][s], STATUS_BADGE[s]) for s in Status.values
                               if data["counts"][s]]},
        "url": f"{reverse('targets:board')}?{urlencode({'leader': leader.pk, 'year': plan.year})}",
        "link_label": _("Targets board"),
    }
