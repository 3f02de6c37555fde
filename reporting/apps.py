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

        from .metrics import on_time_rate, on_time_rate_records
        from .permissions import LEDGER_ROLES

        registry.nav_item(_("Reporting ledger"), "reporting:ledger", icon="list-check",
                          roles=[*LEDGER_ROLES, Role.REPORTER], order=12, covers=["reporting:unit"])
        registry.metric("reporting_on_time_rate", _("On-time reporting rate"), unit="%", compute=on_time_rate,
                        records=on_time_rate_records, order=90)
