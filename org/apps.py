from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrgConfig(AppConfig):
    name = "org"
    verbose_name = _("Organisation")

    def ready(self):
        from gaoyou_portal import registry
        from gaoyou_portal.roles import Role

        from . import demo, demo_channels, leader_panels, tasks  # noqa: F401  (registers the Celery tasks)
        from .permissions import ADMIN_ROLES, ALL_LEADERS_ROLES, CHANNEL_MANAGER_ROLES, WORD_ROLES

        registry.nav_item(_("Dashboard"), "dashboard", icon="speedometer2", order=0)
        registry.nav_item(_("My workspace"), "leaders:mine", icon="person-workspace", roles=[Role.LEADER], order=1)
        registry.nav_item(_("Units"), "org:unit_list", icon="diagram-3", order=90)
        registry.nav_item(_("City leaders"), "leaders:leader_list", icon="people", roles=ALL_LEADERS_ROLES, order=91,
                          covers=["leaders:links", "enterprises:enterprise_list", "enterprises:enterprise_create",
                                  "enterprises:enterprise_edit"])
        registry.leader_panel(leader_panels.links_panel, order=1)
        registry.nav_item(
            _("Administration"), "admin:index", icon="gear", roles=ADMIN_ROLES, order=200
        )
        registry.nav_item(_("Group robots"), "channels:channel_list", icon="broadcast", roles=CHANNEL_MANAGER_ROLES,
                          order=95)
        registry.nav_item(_("Robot messages"), "channels:delivery_list", icon="send-check", roles=[Role.REPORTER],
                          order=96)
        registry.nav_item(_("Word documents"), "channels:template_list", icon="file-earmark-word",
                          roles=WORD_ROLES, order=97)
        registry.demo_seeder(demo.seed, order=0)
        registry.demo_seeder(demo_channels.seed, order=900)  # after every app: their notices reach the groups
        registry.unit_memberships(_unit_ids_of)
        registry.unit_names(_unit_names)
        registry.leader_names(_leader_names)
        registry.private_file("org.DocumentTemplate", "file", prefixes=["document_templates/"],
                              readable=_readable_templates)


def _readable_templates(user):
    """The office's Word templates (letterhead, seal line): the office and administrators."""
    from .models import DocumentTemplate
    from .permissions import is_channel_manager

    if is_channel_manager(user):
        return DocumentTemplate.objects.all()
    return DocumentTemplate.objects.none()


def _unit_ids_of(user):
    """The units the user is a member of, handed to the core's scoping through the registry."""
    from .models import Membership

    return Membership.objects.filter(user=user).values_list("unit_id", flat=True)


def _unit_names():
    """Every unit with the names an import cell may give it (active units first: a name reused wins for them)."""
    from .models import Unit

    for unit in Unit.objects.only("id", "name", "short_name", "code", "kind", "active").order_by("-active", "pk"):
        yield unit, (unit.name, unit.short_name, unit.code), unit.kind


def _leader_names():
    """Every city leader by name and as “name（title）”."""
    from .models import Leader

    for leader in Leader.objects.all():
        yield leader, (leader.name, str(leader))
