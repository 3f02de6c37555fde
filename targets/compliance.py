"""The plan's part of the reporting ledger: each unit holding a quota of a reported target (or leading one
without quotas) owes its value every month of the plan's year up to the target's deadline.

On time: entered by the month's deadline (the office's deadline day); late: after it. Three queries for any
number of units and months.
"""

from collections import defaultdict

from django.db.models import Count, Q
from django.utils import timezone

from gaoyou_portal.reporting import on_time_before

from .choices import TargetKind
from .models import MonthlyValue, Quota, Target, TargetSettings


def _owed_q(month, prefix=""):
    return Q(**{f"{prefix}plan__year": month.year, f"{prefix}deadline__gte": month})


def compliance(*, months, today=None, unit_ids=None):
    today = today or timezone.localdate()
    calendar = TargetSettings.load().calendar
    counts = defaultdict(lambda: {"expected": 0, "on_time": 0, "late": 0})
    per_month = {f"m{i}": Count("pk", filter=_owed_q(month, "target__")) for i, month in enumerate(months)}
    mine = {} if unit_ids is None else {"unit__in": unit_ids}
    quotas = (Quota.objects.filter(target__kind=TargetKind.REPORTED, target__is_confidential=False, **mine).order_by()
              .values("unit").annotate(**per_month))
    per_month = {f"m{i}": Count("pk", filter=_owed_q(month)) for i, month in enumerate(months)}
    led = {} if unit_ids is None else {"lead_unit__in": unit_ids}
    leads = (Target.objects.filter(kind=TargetKind.REPORTED, is_confidential=False, quotas__isnull=True, **led)
             .order_by()
             .values("lead_unit").annotate(**per_month))
    for unit_key, rows in (("unit", quotas), ("lead_unit", leads)):
        for row in rows:
            for i, month in enumerate(months):
                counts[(row[unit_key], month)]["expected"] += row[f"m{i}"]
    on_time = Q(*[Q(month=month, entered_at__lt=on_time_before(calendar, month)) for month in months],
                _connector=Q.OR)
    filed = (MonthlyValue.objects.filter(month__in=months, target__kind=TargetKind.REPORTED,
                                         target__is_confidential=False, **mine).order_by()
             .values("unit", "month").annotate(filed=Count("pk"), on_time=Count("pk", filter=on_time)))
    for row in filed:
        entry = counts[(row["unit"], row["month"])]
        entry["on_time"] += row["on_time"]
        entry["late"] += row["filed"] - row["on_time"]
    rows = []
    for (unit_id, month), entry in counts.items():
        if not entry["expected"]:
            continue
        entry["expected"] = max(entry["expected"], entry["on_time"] + entry["late"])
        open_ = not calendar.is_overdue(month, today)
        pending = max(0, entry["expected"] - entry["on_time"] - entry["late"]) if open_ else 0
        rows.append({"unit_id": unit_id, "month": month, **entry, "pending": pending})
    return rows


def items_due(*, today, since, until):
    """Values still owed whose month's deadline lies from ``since`` to ``until`` (the month open now and the
    month due), each with its own form (the unit and month named)."""
    from .selectors import unit_month_items, value_form_url

    config = TargetSettings.load()
    calendar = config.calendar
    unit_ids = set(Quota.objects.filter(target__kind=TargetKind.REPORTED, target__is_confidential=False)
                   .values_list("unit_id", flat=True))
    unit_ids |= set(Target.objects.filter(kind=TargetKind.REPORTED, is_confidential=False, quotas__isnull=True)
                    .values_list("lead_unit_id", flat=True))
    if not unit_ids:
        return []
    month, items = unit_month_items(unit_ids=list(unit_ids), today=today, config=config)
    deadline = calendar.deadline(month)
    if not since <= deadline <= until:
        return []
    return [{"key": f"target_value:{i['target'].pk}:{i['unit_id']}:{month:%Y-%m}", "unit_id": i["unit_id"],
             "deadline": deadline, "url": value_form_url(i["target"], i["unit_id"], month),
             "text": f"{i['target'].code} {i['target'].title}：{month:%Y-%m}"}
            for i in items if not i["entered"]]
