from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LeadersConfig(AppConfig):
    name = "leaders"
    verbose_name = _("City leaders")

    def ready(self):
        from gaoyou_portal import registry
        from gaoyou_portal.roles import Role
        from org import signals

        from . import demo, panels
        from .permissions import ALL_LEADERS_ROLES

        signals.mobiles_of.connect(_leader_mobiles, dispatch_uid="leaders.mobiles")
        signals.unit_page.connect(_unit_leaders, dispatch_uid="leaders.unit_page")
        registry.nav_item(_("My workspace"), "leaders:mine", icon="person-workspace", roles=[Role.LEADER], order=1)
        registry.nav_item(_("City leaders"), "leaders:leader_list", icon="people", roles=ALL_LEADERS_ROLES, order=91,
                          covers=["leaders:links", "enterprises:enterprise_list", "enterprises:enterprise_create",
                                  "enterprises:enterprise_edit"])
        registry.leader_panel(panels.links_panel, order=1)
        registry.demo_seeder(demo.seed, order=1)  # right after org's units and users
        registry.leader_names(_leader_names)


def _leader_mobiles(sender, *, users, **kwargs):
    """A notice to a leader's account @-mentions the leader's own mobile (``org.signals.mobiles_of``)."""
    from .models import Leader

    return list(Leader.objects.filter(user__in=users).exclude(mobile="").values_list("mobile", flat=True))


def _unit_leaders(sender, *, request, unit, **kwargs):
    """A unit's page lists the leaders linked to it, those the user may open as links (``org.signals.unit_page``)."""
    from .models import LeaderLink
    from .permissions import workspace_leaders

    links = LeaderLink.objects.active().filter(unit=unit).select_related("leader")
    return {"leader_links": links,
            "open_leaders": set(workspace_leaders(request.user).filter(links__in=links).values_list("pk", flat=True))}


def _leader_names():
    """Every city leader by name and as “name（title）” (the import engine's ``parsers.leader()``)."""
    from .models import Leader

    for leader in Leader.objects.all():
        yield leader, (leader.name, str(leader))
