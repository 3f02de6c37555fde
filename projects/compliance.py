"""The projects' part of the reporting ledger: each reporting project owes one monthly report a month.

Expected in month M: every project in a reporting status (signed, under construction) signed by M's end, and any
other project that filed M's report (it was reporting then). On time: filed by M's deadline and never reopened;
late: filed after it, or in a month the office reopened. Two queries for any number of units and months.
"""

from collections import defaultdict

from django.db.models import Count, Q
from django.utils import timezone

from gaoyou_portal.reporting import add_months, on_time_before

from .lights import REPORTING_STATUSES
from .models import MonthlyReport, Project, ProjectSettings


def compliance(*, months, today=None, unit_ids=None):
    today = today or timezone.localdate()
    calendar = ProjectSettings.load().calendar
    counts = defaultdict(lambda: {"expected": 0, "on_time": 0, "late": 0})
    projects = Project.objects.all() if unit_ids is None else Project.objects.filter(responsible_unit__in=unit_ids)
    reports = MonthlyReport.objects.all() if unit_ids is None else MonthlyReport.objects.filter(
        project__responsible_unit__in=unit_ids)
    reporting = (projects.filter(status__in=REPORTING_STATUSES, signing_date__isnull=False).order_by()
                 .values("responsible_unit")
                 .annotate(**{f"m{i}": Count("pk", filter=Q(signing_date__lt=add_months(month, 1)))
                              for i, month in enumerate(months)}))
    for row in reporting:
        for i, month in enumerate(months):
            counts[(row["responsible_unit"], month)]["expected"] += row[f"m{i}"]
    on_time = Q(reopened_until__isnull=True) & Q(
        *[Q(month=month, submitted_at__lt=on_time_before(calendar, month)) for month in months], _connector=Q.OR)
    filed = (reports.filter(month__in=months).order_by()
             .values("project__responsible_unit", "month")
             .annotate(filed=Count("pk"), on_time=Count("pk", filter=on_time),
                       other=Count("pk", filter=~Q(project__status__in=REPORTING_STATUSES))))
    for row in filed:
        entry = counts[(row["project__responsible_unit"], row["month"])]
        entry["on_time"] += row["on_time"]
        entry["late"] += row["filed"] - row["on_time"]
        entry["expected"] += row["other"]  # a project that has since finished was still reporting then
    rows = []
    for (unit_id, month), entry in counts.items():
        if not entry["expected"]:
            continue
        open_ = not calendar.is_overdue(month, today)
        pending = max(0, entry["expected"] - entry["on_time"] - entry["late"]) if open_ else 0
        rows.append({"unit_id": unit_id, "month": month, **entry, "pending": pending})
    return rows


def items_due(*, today, since, until):
    """Reports still owed whose deadline lies from ``since`` to ``until``, each with its own form: the months
    from the one due ``since`` to the one due ``until``, for every project in a reporting status (one query)."""
    from django.db.models import Case, Value, When

    from .lights import report_owed_q
    from .selectors import report_form_url

    calendar = ProjectSettings.load().calendar
    months, month = [], add_months(since.replace(day=1), -1)
    while calendar.deadline(month) <= until:
        if calendar.deadline(month) >= since and calendar.is_open(month, today):
            months.append(month)
        month = add_months(month, 1)
    if not months:
        return []
    owes = {f"owes_{i}": Case(When(report_owed_q(m), then=Value(True)), default=Value(False))
            for i, m in enumerate(months)}
    projects = (Project.objects.filter(status__in=REPORTING_STATUSES, signing_date__isnull=False)
                .only("id", "code", "name", "responsible_unit_id").annotate(**owes).order_by("code"))
    items = []
    for project in projects:
        for i, m in enumerate(months):
            if getattr(project, f"owes_{i}"):
                items.append({"key": f"project_report:{project.pk}:{m:%Y-%m}", "unit_id": project.responsible_unit_id,
                              "deadline": calendar.deadline(m), "url": report_form_url(project.pk, m),
                              "text": f"{project.code} {project.name}：{m:%Y-%m}月报"})
    return items
