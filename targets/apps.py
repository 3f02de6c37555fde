from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TargetsConfig(AppConfig):
    name = "targets"
    verbose_name = _("Targets")

    def ready(self):
        from gaoyou_portal import registry
        from gaoyou_portal.roles import Role

        from . import compliance, demo, demo_history, demo_time, leader_panels, panels, tasks  # noqa: F401  (tasks registers the Celery task)
        from .cache import connect_signals
        from .documents import register_documents
        from .models import MonthlyValue, Plan, Quota, Target, TargetSettings
        from .permissions import BOARD_ROLES

        connect_signals()
        register_documents()
        from .open_data import register_datasets

        register_datasets()
        registry.nav_item(_("Targets board"), "targets:board", icon="bullseye",
                          roles=BOARD_ROLES, order=2)
        registry.nav_item(_("My targets"), "targets:mine", icon="bullseye", roles=[Role.REPORTER], order=6)
        registry.public_summary(panels.public_summary, order=5)
        registry.dashboard_panel(panels.dashboard_panel, order=5)
        registry.month_panel(panels.month_panel, order=20)
        leader_panels.register()
        registry.demo_seeder(demo.seed, order=60)
        registry.demo_seeder(demo_time.seed, order=61)  # the plan's demo dated when it happened
        registry.demo_seeder(demo_history.seed, order=62)  # last two years' plans, linked to this year's
        registry.compliance_source("target_values", _("Plan target values"), compute=compliance.compliance, order=20,
                                   models=[Plan, Target, Quota, (MonthlyValue, "month"), TargetSettings])
        registry.deadline_items(compliance.items_due)
        registry.private_file("targets.MonthlyValue", "evidence", prefixes=["targets/values/"],
                              readable=_readable_values)
        registry.private_file("targets.Stage", "evidence_file", prefixes=["targets/stages/"], readable=_readable_stages)


def _readable_values(user):
    from .models import MonthlyValue

    return MonthlyValue.objects.visible_to(user)


def _readable_stages(user):
    from .models import Stage

    return Stage.objects.visible_to(user)
