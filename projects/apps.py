from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class ProjectsConfig(AppConfig):
    name = "projects"
    verbose_name = _("Projects")

    def ready(self):
        from gaoyou_portal import registry
        from gaoyou_portal.roles import Role

        from . import compliance, demo, leader_panels, panels
        from .models import MonthlyReport, Project, ProjectSettings
        from .permissions import OVERVIEW_ROLES

        registry.nav_item(_("This month"), "projects:this_month", icon="calendar-check", roles=[Role.REPORTER],
                          order=5, covers=["projects:report_upload"])
        registry.nav_item(_("Projects"), "projects:project_list", icon="building", order=10)
        registry.nav_item(_("Projects overview"), "projects:overview", icon="clipboard-data",
                          roles=OVERVIEW_ROLES, order=11)
        registry.dashboard_panel(panels.dashboard_panel, order=10)
        registry.unit_panel(panels.unit_panel, order=10)
        registry.public_summary(panels.public_summary, order=10)
        registry.demo_seeder(demo.seed, order=10)
        registry.compliance_source("project_reports", _("Project monthly reports"), compute=compliance.compliance,
                                   order=10, models=[Project, (MonthlyReport, "month"), ProjectSettings])
        registry.deadline_items(compliance.items_due)
        panels.register_metrics()
        from .cache import connect_signals
        from .open_data import register_datasets

        connect_signals()
        register_datasets()
        leader_panels.register()
        registry.private_file("projects.Milestone", "evidence_file", prefixes=["milestones/"],
                              readable=_readable_milestones)
        registry.private_file("projects.ReportAttachment", "file", prefixes=["reports/"],
                              readable=_readable_attachments)
        # After every app's demo data (the seeders bulk-create rows past the services): store the lights.
        registry.demo_seeder(_refresh_demo_lights, order=1000)
        post_migrate.connect(_refresh_new_lights, sender=self)


def _readable_milestones(user):
    from .models import Milestone

    return Milestone.objects.visible_to(user)


def _readable_attachments(user):
    from .models import MonthlyReport, ReportAttachment

    return ReportAttachment.objects.filter(report__in=MonthlyReport.objects.visible_to(user).values("pk"))


def _refresh_demo_lights(*, scale=1, stdout=None):
    from .lights import refresh_lights

    changed = refresh_lights()
    if stdout is not None:
        stdout.write(f"Projects: {changed} warning light(s) stored.")


def _refresh_new_lights(**kwargs):
    """After ``migrate``: compute the lights never computed (rows from before migration 0005)."""
    from django.db import DatabaseError

    from .lights import refresh_lights
    from .models import Project

    try:
        new = Project.objects.filter(light_date__isnull=True)
        if new.exists():
            refresh_lights(new)
    except DatabaseError:  # migrated back before 0005: no stored lights
        pass
