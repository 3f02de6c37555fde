"""Every write of the projects app. Forms, the API, Excel imports and Celery tasks all call these.

Each service takes keyword arguments, runs in a transaction, refuses what the rules forbid with a
``DomainError`` in Chinese (keyed by the offending field where there is one), validates the row with
``full_clean`` and saves it through ``save_audited`` so the history records who did it.

One module per part of the work (``reports``, ``ledger``, ``blockers``, ``alerts``, ``sheets``; ``common``
holds the guards and parsers they share); every service is imported from ``projects.services``.
"""

from .alerts import lights_check_and_alert, reminders_send, settings_update
from .blockers import blocker_raise, blocker_resolve
from .common import (
    PROJECT_FIELDS,
    REPORT_FIELDS,
    STATUS_AFTER,
    STATUS_ORDER,
    NotYourProject,
    parse_investment,
    parse_month,
    require_office,
)
from .ledger import milestone_record, plans_save, project_leaders, project_save
from .publication import project_publication_set
from .reports import (
    report_is_locked,
    report_lock_date,
    report_plan,
    report_reopen,
    report_submit,
    report_submit_on_plan,
    report_update,
)
from .sheets import ledger_import, unit_reports_import

__all__ = [
    "PROJECT_FIELDS", "REPORT_FIELDS", "STATUS_AFTER", "STATUS_ORDER", "NotYourProject", "blocker_raise",
    "blocker_resolve", "ledger_import", "lights_check_and_alert", "milestone_record", "parse_investment",
    "parse_month", "plans_save", "project_publication_set", "project_leaders", "project_save", "reminders_send",
    "report_is_locked",
    "report_lock_date", "report_plan", "report_reopen", "report_submit", "report_submit_on_plan", "report_update",
    "require_office", "settings_update",
    "unit_reports_import",
]
