"""What the cadres app plugs into the rest of the portal: the sprint-race signal (``hooks.py``) and the dashboard."""

from django.urls import reverse
from django.utils.translation import gettext as _

from .permissions import is_department


def on_consequence_confirmed(sender, consequence, user=None, **kwargs):
    """A sprint-race consequence was confirmed (``hooks.consequence_confirmed``): pending interviews (and a
    reassignment proposal)."""
    from .services import consequence_received

    consequence_received(consequence=consequence, user=user)


def dashboard_panel(request):
    """Counts for the department's dashboard; nobody else, granted users included, sees this panel."""
    if not is_department(request.user):
        return None
    from .selectors import dashboard_counts

    return {
        "title": _("Cadre records"),
        "template": "cadres/_panel.html",
        "context": dashboard_counts(),
        "url": reverse("cadres:cadre_list"),
        "link_label": _("View"),
        "order": 60,
    }
