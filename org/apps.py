from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrgConfig(AppConfig):
    name = "org"
    verbose_name = _("Organisation")

    def ready(self):
        from gaoyou_portal import registry

        from . import demo
        from .permissions import ADMIN_ROLES

        registry.nav_item(_("Dashboard"), "dashboard", icon="speedometer2", order=0)
        registry.nav_item(_("Units"), "org:unit_list", icon="diagram-3", order=90)
        registry.nav_item(
            _("Administration"), "admin:index", icon="gear", roles=ADMIN_ROLES, order=200
        )
        registry.demo_seeder(demo.seed, order=0)
        registry.unit_memberships(_unit_ids_of)
        registry.unit_names(_unit_names)


def _unit_ids_of(user):
    """The units the user is a member of, handed to the core's scoping through the registry."""
    from .models import Membership

    return Membership.objects.filter(user=user).values_list("unit_id", flat=True)


def _unit_names():
    """Every unit with the names an import cell may give it (active units first: a name reused wins for them)."""
    from .models import Unit

    for unit in Unit.objects.only("id", "name", "short_name", "code", "kind", "active").order_by("-active", "pk"):
        yield unit, (unit.name, unit.short_name, unit.code), unit.kind

