"""The leaders app's part of a leader's workspace: what the leader is linked to (towns, parks, industries,
enterprises).

The sprint standing of the linked towns comes from the sprint app's own panel; this one lists the links."""

from django.urls import reverse
from django.utils.translation import gettext as _

from .choices import LinkKind
from .models import LeaderLink


def links_panel(request, leader):
    links = list(LeaderLink.objects.active().filter(leader=leader, kind__in=[LinkKind.UNIT, LinkKind.INDUSTRY,
                                                                             LinkKind.ENTERPRISE])
                 .select_related("unit", "enterprise__town").order_by("kind", "started_on", "id"))
    return {
        "title": _("Linked towns, industries and enterprises"),
        "template": "leaders/_leader_panel.html",
        "context": {
            "units": [link for link in links if link.kind == LinkKind.UNIT],
            "industries": [link for link in links if link.kind == LinkKind.INDUSTRY],
            "enterprises": [link for link in links if link.kind == LinkKind.ENTERPRISE],
        },
        "url": reverse("leaders:links", args=[leader.pk]),
        "link_label": _("Links and history"),
    }
