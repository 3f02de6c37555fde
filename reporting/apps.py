from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportingConfig(AppConfig):
    """The reporting ledger, the working-day calendar and the escalating reminders (depends on org and the core;
    the apps register what they expect through ``registry.compliance_source``)."""

    name = "reporting"
    verbose_name = _("Reporting")

    def ready(self):
        from gaoyou_portal import registry
        from gaoyou_portal.roles import Role
        from org.notice_kinds import register_kind

        from . import tasks  # noqa: F401  (registers the Celery task)
        from .cache import connect_signals
        from .metrics import on_time_rate, on_time_rate_by_unit, on_time_rate_records
        from .permissions import LEDGER_ROLES

        connect_signals()
        registry.nav_item(_("Reporting ledger"), "reporting:ledger", icon="list-check",
                          roles=[*LEDGER_ROLES, Role.REPORTER], order=12, covers=["reporting:unit"])
        registry.nav_item(_("Working-day calendar"), "reporting:calendar", icon="calendar3",
                          roles=[Role.OFFICE, Role.ADMIN], order=95)
        register_kind("escalation_blue", _("Blue reminder: three working days before a deadline"))
        register_kind("escalation_yellow", _("Yellow reminder: a deadline day"))
        register_kind("escalation_red", _("Red reminder: overdue, to the head and the linked leader"))
        registry.metric("reporting_on_time_rate", _("On-time reporting rate"), unit="%", compute=on_time_rate,
                        records=on_time_rate_records, order=90, by_unit=on_time_rate_by_unit)
