"""The livelihood tasks' part of the reporting ledger: the lead unit of each task of the year not yet completed
owes one progress update a month (dated in the month).

On time: the month's first update entered by the month's deadline (the shared calendar's, the 5th of the next
month); late: entered after it. Two queries for any number of units and months.
"""

from collections import defaultdict

from django.db.models import Count, Min, Q
from django.db.models.functions import TruncMonth
from django.utils import timezone

from gaoyou_portal.reporting import ReportingCalendar, add_months, on_time_before

from .models import LivelihoodTask, ProgressUpdate


def _owed_q(month, prefix=""):
    return Q(**{f"{prefix}year": month.year}) & (
        Q(**{f"{prefix}completed_on__isnull": True}) | Q(**{f"{prefix}completed_on__gte": month}))


def compliance(*, months, today=None, unit_ids=None):
    today = today or timezone.localdate()
    calendar = ReportingCalendar()
    counts = defaultdict(lambda: {"expected": 0, "on_time": 0, "late": 0})
    tasks = LivelihoodTask.objects.all() if unit_ids is None else LivelihoodTask.objects.filter(lead_unit__in=unit_ids)
    owed = (tasks.order_by().values("lead_unit")
            .annotate(**{f"m{i}": Count("pk", filter=_owed_q(month)) for i, month in enumerate(months)}))
    for row in owed:
        for i, month in enumerate(months):
            counts[(row["lead_unit"], month)]["expected"] += row[f"m{i}"]
    within = Q(date__gte=min(months), date__lt=add_months(max(months), 1))
    owed_then = Q(*[Q(date__gte=m, date__lt=add_months(m, 1)) & _owed_q(m, "task__") for m in months],
                  _connector=Q.OR)
    if unit_ids is not None:
        within &= Q(task__lead_unit__in=unit_ids)
    firsts = (ProgressUpdate.objects.filter(within & owed_then).order_by()
              .values("task__lead_unit", "task", month=TruncMonth("date")).annotate(first=Min("created_at")))
    for row in firsts:
        month = row["month"]
        entry = counts[(row["task__lead_unit"], month)]
        entry["on_time" if row["first"] < on_time_before(calendar, month) else "late"] += 1
    rows = []
    for (unit_id, month), entry in counts.items():
        if not entry["expected"]:
            continue
        open_ = not calendar.is_overdue(month, today)
        pending = max(0, entry["expected"] - entry["on_time"] - entry["late"]) if open_ else 0
        rows.append({"unit_id": unit_id, "month": month, **entry, "pending": pending})
    return rows


def update_form_url(task_id, month):
    """The progress form of a task for one month: where a reminder about it links (a month already reported
    shows its update, marked 已报送)."""
    from django.urls import reverse

    return f"{reverse('livelihood:update_create', args=[task_id])}?month={month:%Y-%m}"


def items_due(*, today, since, until):
    """Progress updates still owed whose month's deadline (the 5th of the next month) lies from ``since`` to
    ``until``: the same items the ledger counts (a task of the month's year not completed before it, without an
    update dated in the month), each with its own form. One query."""
    from django.db.models import Exists, OuterRef

    calendar = ReportingCalendar()
    months, month = [], add_months(since.replace(day=1), -1)
    while calendar.deadline(month) <= until:
        if calendar.deadline(month) >= since and calendar.is_open(month, today):
            months.append(month)
        month = add_months(month, 1)
    if not months:
        return []
    reported = {f"reported_{i}": Exists(ProgressUpdate.objects.filter(task=OuterRef("pk"), date__gte=m,
                                                                     date__lt=add_months(m, 1)))
                for i, m in enumerate(months)}
    tasks = (LivelihoodTask.objects.filter(Q(*[_owed_q(m) for m in months], _connector=Q.OR))
             .only("id", "year", "number", "title", "lead_unit_id", "completed_on").annotate(**reported)
             .order_by("year", "number"))
    items = []
    for task in tasks:
        for i, m in enumerate(months):
            owed = task.year == m.year and (task.completed_on is None or task.completed_on >= m)
            if owed and not getattr(task, f"reported_{i}"):
                items.append({"key": f"task_progress:{task.pk}:{m:%Y-%m}", "unit_id": task.lead_unit_id,
                              "deadline": calendar.deadline(m), "url": update_form_url(task.pk, m),
                              "text": f"{task.code} {task.title}：{m:%Y-%m}进展"})
    return items
