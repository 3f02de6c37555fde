from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LivelihoodConfig(AppConfig):
    name = "livelihood"
    verbose_name = _("Livelihood")

    def ready(self):
        from gaoyou_portal import registry

        from . import compliance, demo, panels, tasks  # noqa: F401  (registers the Celery task)
        from .cache import connect_signals
        from .documents import register_documents
        from .models import LivelihoodTask, ProgressUpdate
        from .panels import dashboard_panel, public_summary, register_metrics

        connect_signals()
        register_documents()
        registry.nav_item(_("Livelihood tasks"), "livelihood:task_list", icon="heart-pulse", order=30)
        from gaoyou_portal.roles import Role

        registry.nav_item(_("Citizens' corrections"), "corrections:staff_list", icon="chat-left-text", order=31,
                          roles=[Role.OFFICE, Role.REPORTER, Role.ADMIN])
        registry.public_summary(public_summary, order=10)
        registry.dashboard_panel(dashboard_panel, order=30)
        registry.demo_seeder(demo.seed, order=30)
        registry.compliance_source("task_progress", _("Livelihood task progress"), compute=compliance.compliance,
                                   order=30, models=[LivelihoodTask, (ProgressUpdate, "date")])
        registry.deadline_items(compliance.items_due)
        register_metrics()
        from .open_data import register_datasets

        register_datasets()
        registry.private_file("livelihood.ProgressUpdate", "attachment", prefixes=["livelihood/"],
                              readable=_readable_updates)
        registry.owed_item(panels.explanations_owed)


def _readable_updates(user):
    """A published update's file is public; an unpublished one's as the update itself."""
    from .models import ProgressUpdate

    return ProgressUpdate.objects.visible_to(user)
