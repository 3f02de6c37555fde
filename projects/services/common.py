"""What the projects' services share: the fields, the status order, the guards and the parsers."""

from datetime import date
from decimal import Decimal, InvalidOperation

from django.utils import timezone
from django.utils.translation import gettext as _

from gaoyou_portal.errors import DomainError
from gaoyou_portal.reporting import month_start
from gaoyou_portal.scoping import is_editable

from ..choices import MilestoneKind, ProjectStatus
from ..permissions import is_office

REPORT_FIELDS = ("investment", "workload", "narrative")
PROJECT_FIELDS = (
    "name", "code", "level", "category", "industry", "responsible_unit", "responsible_person",
    "responsible_phone", "total_investment", "year_planned_investment", "signing_date", "status", "description",
)
# Reaching a milestone moves the project on to this status (never back).
STATUS_AFTER = {
    MilestoneKind.SIGNED: ProjectStatus.SIGNED,
    MilestoneKind.STARTED: ProjectStatus.UNDER_CONSTRUCTION,
    MilestoneKind.COMPLETED: ProjectStatus.COMPLETED,
    MilestoneKind.IN_PRODUCTION: ProjectStatus.IN_PRODUCTION,
}
STATUS_ORDER = [
    ProjectStatus.PREPARING, ProjectStatus.SIGNED, ProjectStatus.UNDER_CONSTRUCTION,
    ProjectStatus.COMPLETED, ProjectStatus.IN_PRODUCTION,
]


class NotYourProject(DomainError):
    """The user may read the project but not enter its data (the API answers 403)."""

def _today(today):
    return today or timezone.localdate()


def _require_editable(project, user):
    if not is_editable(project, user):
        raise NotYourProject(_("You may only enter data for projects your unit is responsible for."))


def require_office(user):
    """Only the assessment office (and administrators)."""
    _require_office(user)


def _require_office(user):
    if not is_office(user):
        raise NotYourProject(_("Only the assessment office may do this."))


def parse_month(value, field="month") -> date:
    """A month from a date or "2026-10" / "2026-10-01"; any day of the month means that month."""
    if isinstance(value, date):
        return month_start(value)
    text = str(value or "").strip()
    try:
        if len(text) == 7:
            text += "-01"
        return month_start(date.fromisoformat(text))
    except ValueError:
        raise DomainError({field: _("Give the month as a date such as 2026-10-01.")})


def parse_investment(value, field="investment") -> Decimal:
    if value is None or str(value).strip() == "":
        raise DomainError({field: _("Enter the investment in 10k yuan.")})
    try:
        amount = Decimal(str(value).replace(",", "").strip())
    except InvalidOperation:
        raise DomainError({field: _("The investment must be a number (10k yuan).")})
    if not amount.is_finite():
        raise DomainError({field: _("The investment must be a number (10k yuan).")})
    if amount < 0:
        raise DomainError({field: _("The investment cannot be negative.")})
    if amount.as_tuple().exponent < -2 or abs(amount) >= Decimal("1e12"):
        raise DomainError({field: _("The investment has at most 2 decimal places and 12 digits.")})
    return amount
