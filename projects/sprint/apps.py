from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SprintConfig(AppConfig):
    """The quarterly sprint race (季度冲刺赛): part of projects/, its own models and migrations."""

    name = "projects.sprint"
    label = "sprint"
    verbose_name = _("Sprint race")

    def ready(self):
        from cadres import hooks
        from gaoyou_portal import registry
        from org.notice_kinds import register_kind

        from . import consequences, demo, demo_consequences, for_cadres, leader_panels, panels
        from .documents import register_documents

        register_documents()

        registry.nav_item(_("Sprint race"), "sprint:home", icon="flag", order=20)
        registry.dashboard_panel(panels.dashboard_panel, order=20)
        registry.unit_panel(panels.unit_panel, order=20)
        registry.public_summary(panels.public_summary, order=20)
        registry.demo_seeder(demo.seed, order=20)
        panels.register_metrics()
        registry.leader_panel(leader_panels.leader_panel, order=20)
        registry.leader_waiting(leader_panels.leader_waiting)
        hooks.sprint_source(for_cadres.SOURCE)  # the cadres' declared reads (award bar, consequences, context)
        registry.demo_seeder(demo_consequences.seed_consequences, order=25)
        register_kind(consequences.HALF_YEAR_NOTICE, _("Half-year warning (below 60% at 30 June)"))
