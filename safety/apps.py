from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SafetyConfig(AppConfig):
    name = "safety"
    verbose_name = _("Safety")

    def ready(self):
        from gaoyou_portal import registry

        from . import demo, panels

        registry.nav_item(_("Safety rectification"), "safety:board", icon="shield-exclamation", order=40)
        registry.dashboard_panel(panels.dashboard_panel, order=40)
        registry.public_summary(panels.public_summary, order=40)
        registry.demo_seeder(demo.seed, order=40)
        panels.register_metrics()
