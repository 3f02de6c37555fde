"""Monthly values: entry and correction, with the month's and the running total's checks."""


from django.db import IntegrityError, transaction
from django.utils import formats
from django.utils.translation import gettext as _

from gaoyou_portal.audit import save_audited
from gaoyou_portal.errors import full_clean
from gaoyou_portal.reporting import month_label, month_start
from gaoyou_portal.uploads import Purpose, check_upload

from ..choices import Aggregation, TargetKind
from ..models import MonthlyValue, Quota, TargetSettings
from ..permissions import enters_for_unit, is_office
from .common import TargetError, _today, parse_amount


def _reporting_unit_ids(target):
    ids = set(Quota.objects.filter(target=target).values_list("unit_id", flat=True))
    return ids or {target.lead_unit_id}


def _check_month(target, month, today, config, *, correcting=False, user=None):
    if month.year != target.plan.year:
        raise TargetError({"month": _("%(month)s is outside the plan's year.") % {"month": month_label(month)}})
    calendar = config.calendar
    if not calendar.is_open(month, today):
        raise TargetError({"month": _("%(month)s is not open yet (it opens on %(date)s).")
                           % {"month": month_label(month), "date": formats.date_format(calendar.opens(month))}})
    if calendar.is_locked(month, today):
        if correcting and is_office(user):
            return
        raise TargetError({"month": _("%(month)s was locked on %(date)s; ask the assessment office for a correction.")
                           % {"month": month_label(month), "date": formats.date_format(calendar.deadline(month))}})


def _check_cumulative(target, unit, month, amount, *, record=None):
    """A cumulative figure never goes down: not below an earlier month's, not above a later month's."""
    if target.aggregation != Aggregation.CUMULATIVE:
        return
    others = MonthlyValue.objects.filter(target=target, unit=unit).exclude(pk=getattr(record, "pk", None))
    earlier = others.filter(month__lt=month).order_by("-month").first()
    later = others.filter(month__gt=month).order_by("month").first()
    if earlier and amount < earlier.value:
        raise TargetError({"value": _("A cumulative figure cannot go down: %(month)s had %(value)s already.")
                           % {"month": month_label(earlier.month), "value": target.written(earlier.value)}})
    if later and amount > later.value:
        raise TargetError({"value": _("A cumulative figure cannot go down: %(month)s has %(value)s.")
                           % {"month": month_label(later.month), "value": target.written(later.value)}})


def value_submit(*, target, unit, month, value, user, note="", evidence=None, today=None) -> MonthlyValue:
    """A unit enters a month's value of a reported target.

    1. Only a reported target; only a unit that reports it (its quota, or the lead unit without quotas),
       and only by that unit's reporters (or the office).
    2. The month is open by the shared reporting calendar (gaoyou_portal/reporting.py), as project
       reports: from its opening day until the deadline day of the next month, then locked.
    3. Not negative; one value per unit and month (change it through a correction).
    """
    today, config = _today(today), TargetSettings.load()
    if target.kind != TargetKind.REPORTED:
        raise TargetError(_("Values are entered only for reported targets."))
    if unit.pk not in _reporting_unit_ids(target):
        raise TargetError({"unit": _("%(unit)s has no quota of this target.") % {"unit": unit}})
    if not enters_for_unit(user, target, unit):
        raise TargetError({"unit": _("You may only report for your own unit's quota.")})
    month = month_start(month)
    _check_month(target, month, today, config)
    amount = parse_amount(value, measure=target.measure)
    _check_cumulative(target, unit, month, amount)
    if MonthlyValue.objects.filter(target=target, unit=unit, month=month).exists():
        raise TargetError({"month": _("%(unit)s already entered %(month)s; correct it instead.")
                           % {"unit": unit, "month": month_label(month)}})
    record = MonthlyValue(target=target, unit=unit, month=month, value=amount, note=(note or "").strip(),
                          entered_by=user)
    if evidence:
        record.evidence = check_upload(evidence, purpose=Purpose.DOCUMENT, field="evidence")
    full_clean(record, exclude=["entered_by"])
    try:
        with transaction.atomic():
            save_audited(record, user=user, reason=_("Monthly value entered"))
    except IntegrityError:
        raise TargetError({"month": _("%(unit)s already entered %(month)s; correct it instead.")
                           % {"unit": unit, "month": month_label(month)}}) from None
    return record


@transaction.atomic
def value_correct(*, record, value, reason, user, note=None, evidence=None, today=None) -> MonthlyValue:
    """Correct an entered value, with a reason kept in its history. A locked month: the office only."""
    today, config = _today(today), TargetSettings.load()
    record = MonthlyValue.objects.select_for_update().select_related("target__plan", "unit").get(pk=record.pk)
    if not enters_for_unit(user, record.target, record.unit):
        raise TargetError(_("You may only report for your own unit's quota."))
    if not (reason or "").strip():
        raise TargetError({"reason": _("A correction needs a reason.")})
    _check_month(record.target, record.month, today, config, correcting=True, user=user)
    record.value = parse_amount(value, measure=record.target.measure)
    _check_cumulative(record.target, record.unit, record.month, record.value, record=record)
    if note is not None:
        record.note = note.strip()
    fields = ["value", "note", "updated_at"]
    if evidence:
        record.evidence = check_upload(evidence, purpose=Purpose.DOCUMENT, field="evidence")
        fields.append("evidence")
    full_clean(record, exclude=["entered_by"])
    save_audited(record, user=user, update_fields=fields,
                 reason=_("Correction: %(reason)s") % {"reason": reason.strip()})
    return record
