"""What the targets' services share: their error, today, amounts, the write check."""

from decimal import Decimal, InvalidOperation

from django.utils import timezone
from django.utils.translation import gettext as _

from gaoyou_portal.errors import DomainError

from .. import measures
from ..models import Target
from ..models.plan import fraction_message
from ..permissions import may_change_target, sees_confidential


class TargetError(DomainError):
    """A rule of the plan refused an action."""


def _today(today):
    return today or timezone.localdate()


def parse_amount(value, *, field="value", measure=None) -> Decimal:
    """A number entered for a target; with ``measure``, refused when it has more places than the measure
    allows (a count of 户 or 个 is whole)."""
    if value in (None, ""):
        raise TargetError({field: _("Enter a value.")})
    try:
        amount = Decimal(str(value).strip().replace(",", ""))
    except (InvalidOperation, ValueError):
        raise TargetError({field: _("“%(value)s” is not a number.") % {"value": value}}) from None
    if not amount.is_finite():
        raise TargetError({field: _("“%(value)s” is not a number.") % {"value": value}})
    if amount < 0:
        raise TargetError({field: _("A value cannot be negative.")})
    if measure is not None and measures.has_fraction(amount, measures.decimals_for(measure)):
        raise TargetError({field: fraction_message(amount, measure)})
    return amount


def _require_change(user, target):
    """Confidentiality belongs to 组织部: it alone creates a confidential target, sets or clears the mark and
    edits one. The mark is read from the database, never from the row being saved (a sheet or a form could
    carry 涉密 否 for a confidential target)."""
    stored = (Target.objects.filter(pk=target.pk).values_list("is_confidential", flat=True).first()
              if target.pk else None)
    if stored and not sees_confidential(user):
        raise TargetError({"code": hidden_code_message(target.code, target.plan.year)})
    if (stored or target.is_confidential) and not sees_confidential(user):
        raise TargetError({"is_confidential": _("Only the organisation department marks a target confidential or "
                                                "clears the mark.")})
    if not stored and not target.is_confidential and not may_change_target(user, target):
        raise TargetError(_("Only the assessment office changes the plan."))


def hidden_code_message(code, year):
    """What a caller is told of a code it may not use: the same for a confidential target it may not see as
    for a code that cannot be used, so the message does not tell that a confidential target exists."""
    return _("The code %(code)s cannot be used in the %(year)s plan; choose another code.") % {"code": code,
                                                                                               "year": year}
