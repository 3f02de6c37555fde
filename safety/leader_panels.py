"""The safety app's part of a leader's workspace: the ledger cases of the enterprises the leader is linked to
(through ``ChemicalFirm.enterprise``), with their state and whether they are overdue."""

from django.utils import timezone
from django.utils.translation import gettext as _

from gaoyou_portal import registry
from leaders.choices import LinkKind
from leaders.models import LeaderLink

from .models import ChemicalFirm


def register():
    registry.leader_panel(enterprise_cases_panel, order=40)


def enterprise_cases_panel(request, leader):
    enterprise_ids = LeaderLink.objects.active().filter(leader=leader, kind=LinkKind.ENTERPRISE).values("enterprise_id")
    firms = list(ChemicalFirm.objects.visible_to(request.user).filter(enterprise__in=enterprise_ids)
                 .select_related("town", "enterprise").order_by("deadline", "name"))
    if not firms:
        return None
    today = timezone.localdate()
    return {
        "title": _("Linked enterprises on the safety ledgers"),
        "template": "safety/_leader_panel.html",
        "context": {"firms": firms, "today": today,
                    "overdue": sum(1 for firm in firms if firm.is_overdue)},
    }
