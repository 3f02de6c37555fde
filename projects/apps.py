from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProjectsConfig(AppConfig):
    name = "projects"
    verbose_name = _("Projects")

    def ready(self):
        from gaoyou_portal import registry
        from org.roles import Role

        from . import demo, panels

        registry.nav_item(_("This month"), "projects:this_month", icon="calendar-check", roles=[Role.REPORTER],
                          order=5, covers=["projects:report_upload"])
        registry.nav_item(_("Projects"), "projects:project_list", icon="building", order=10)
        registry.nav_item(_("Projects overview"), "projects:overview", icon="clipboard-data",
                          roles=[Role.LEADER, Role.OFFICE, Role.ADMIN], order=11)
        registry.dashboard_panel(panels.dashboard_panel, order=10)
        registry.unit_panel(panels.unit_panel, order=10)
        registry.public_summary(panels.public_summary, order=10)
        registry.demo_seeder(demo.seed, order=10)
