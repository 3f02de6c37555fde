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
                          order=5)
        registry.nav_item(_("Projects"), "projects:project_list", icon="building", order=10)
        registry.nav_item(_("Projects overview"), "projects:overview", icon="clipboard-data",
                          roles=[Role.LEADER, Role.OFFICE, Role.ADMIN], order=11)
        registry.dashboard_panel(panels.dashboard_panel, order=10)
        registry.unit_panel(panels.unit_panel, order=10)
        registry.public_summary(panels.public_summary, order=10)
        registry.demo_seeder(demo.seed, order=10)
        panels.register_metrics()
        registry.private_file("projects.Milestone", "evidence_file", prefixes=["milestones/"],
                              readable=_readable_milestones)
        registry.private_file("projects.ReportAttachment", "file", prefixes=["reports/"],
                              readable=_readable_attachments)


def _readable_milestones(user):
    from .models import Milestone

    return Milestone.objects.visible_to(user)


def _readable_attachments(user):
    from .models import MonthlyReport, ReportAttachment

    return ReportAttachment.objects.filter(report__in=MonthlyReport.objects.visible_to(user).values("pk"))
