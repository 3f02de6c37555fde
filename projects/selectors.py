"""Reads that cross models: what a unit owes, who has not reported, what changed, the chart."""

from collections import defaultdict
from datetime import date, datetime, time

from django.db.models import Case, Count, Q, Value, When
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from gaoyou_portal.audit import field_changes
from gaoyou_portal.reporting import add_months, milestone_overdue, month_label, month_start

from .choices import BlockerStatus, Light, MilestoneKind, ProjectLevel
from .lights import LIGHT_RANK, REPORTING_STATUSES, report_owed_q
from .models import Blocker, Milestone, MonthlyPlan, MonthlyReport, Project, ProjectSettings


def report_form_url(project_id, month):
    """The form of one month's report of a project: where a reminder about it links (a sent one shows 已报送)."""
    return f"{reverse('projects:report_create', args=[project_id])}?month={month:%Y-%m}"


def unit_obligations(*, units, today=None, config=None):
    """What the units' projects owe now, most urgent first, in two queries.

    Reports: each month of ``calendar.owed_months(today)`` a project owes (``lights.report_owed_q``, the
    rule the light uses). Milestones: those overdue or due this month, not reached.
    Each item: ``project``, ``kind`` ("report" or "milestone"), ``month`` or ``milestone``, ``text``,
    ``overdue`` (past its deadline), ``remind`` (worth a reminder: not this unfinished month) and ``url`` (the
    item's own form, where a reminder links).
    """
    today = today or timezone.localdate()
    config = config or ProjectSettings.load()
    calendar = config.calendar
    this_month = month_start(today)
    months = calendar.owed_months(today)
    fields = ("id", "code", "name", "signing_date", "responsible_unit_id")
    owes = {f"owes_{i}": Case(When(report_owed_q(month), then=Value(True)), default=Value(False))
            for i, month in enumerate(months)}
    projects = list(
        Project.objects.filter(responsible_unit__in=units, status__in=REPORTING_STATUSES, signing_date__isnull=False)
        .only(*fields)
        .annotate(**owes)
        .order_by("code")
    )
    # Only a few distinct months and dates: word each once (formatting dates is not free).
    report_texts = {}
    for month in months:
        deadline = calendar.deadline(month)
        overdue = calendar.is_overdue(month, today)
        wording = _("report for %(month)s overdue since %(date)s") if overdue else _(
            "report for %(month)s due by %(date)s")
        report_texts[month] = (overdue, wording % {"month": month_label(month), "date": formats.date_format(deadline)})
    items = []
    for project in projects:
        for i, month in enumerate(months):
            if not getattr(project, f"owes_{i}"):
                continue
            overdue, text = report_texts[month]
            items.append({"project": project, "kind": "report", "month": month, "text": text, "overdue": overdue,
                          "remind": month < this_month, "url": report_form_url(project.pk, month)})
    milestones = (
        Milestone.objects.filter(
            project__responsible_unit__in=units, actual_date__isnull=True, planned_date__lt=add_months(this_month, 1)
        )
        .select_related("project")
        .only("id", "kind", "planned_date", *(f"project__{f}" for f in fields))
        .order_by("planned_date")
    )
    kinds, dates = dict(MilestoneKind.choices), {}
    for milestone in milestones:
        overdue = milestone_overdue(milestone.planned_date, today)
        wording = _("%(milestone)s overdue (planned %(date)s)") if overdue else _(
            "%(milestone)s due this month (%(date)s)")
        if milestone.planned_date not in dates:
            dates[milestone.planned_date] = formats.date_format(milestone.planned_date)
        text = wording % {"milestone": kinds[milestone.kind], "date": dates[milestone.planned_date]}
        items.append({"project": milestone.project, "kind": "milestone", "milestone": milestone, "text": text,
                      "overdue": overdue, "remind": True,
                      "url": reverse("projects:milestone_record", args=[milestone.pk])})
    items.sort(key=lambda item: (not item["overdue"], item["project"].code))
    return items


def reporting_overview(*, today=None, config=None):
    """For the leaders: per town or park, its projects' lights and the reports it has not sent.

    Two queries whatever the number of projects: the counts per unit, grouped in SQL from the stored
    lights and the owed-report rule (``lights.report_owed_q``, the light's and "this month"'s), and the units.
    """
    from org.models import Unit

    today = today or timezone.localdate()
    config = config or ProjectSettings.load()
    due = config.calendar.due_month(today)
    previous = config.calendar.last_ended_month(today)
    counts = {
        "total": Count("pk"),
        Light.RED: Count("pk", filter=Q(light_rank=LIGHT_RANK[Light.RED])),
        Light.YELLOW: Count("pk", filter=Q(light_rank=LIGHT_RANK[Light.YELLOW])),
        Light.GREEN: Count("pk", filter=Q(light_rank=LIGHT_RANK[Light.GREEN])),
        "missing_due": Count("pk", filter=report_owed_q(due)),
    }
    if previous != due:
        counts["missing_previous"] = Count("pk", filter=report_owed_q(previous))
    grouped = list(Project.objects.order_by().values("responsible_unit").annotate(**counts))
    units = Unit.objects.in_bulk([row["responsible_unit"] for row in grouped])
    rows = []
    for row in grouped:
        row = {str(key): value for key, value in row.items()}
        row["unit"] = units[row.pop("responsible_unit")]
        row.setdefault("missing_previous", 0)
        rows.append(row)
    ordered = sorted(rows, key=lambda r: (-(r["missing_due"] + r["missing_previous"]), -r[Light.RED],
                                          r["unit"].order))
    return {"rows": ordered, "due": due, "previous": previous if previous != due else None}


def light_counts(queryset):
    """Counts of red, yellow and green projects of a queryset (one query, stored lights)."""
    counts = {Light.RED: 0, Light.YELLOW: 0, Light.GREEN: 0}
    names = {rank: light for light, rank in LIGHT_RANK.items()}
    for row in queryset.order_by().values("light_rank").annotate(n=Count("pk")):
        counts[names[row["light_rank"]]] = row["n"]
    return {str(k): v for k, v in counts.items()}


def plan_vs_actual(project, year):
    """The year's monthly plan and actual investment, and both cumulated (万元), for the project's chart."""
    plans = dict(
        MonthlyPlan.objects.filter(project=project, month__year=year).values_list("month", "planned_investment")
    )
    actual = dict(MonthlyReport.objects.filter(project=project, month__year=year).values_list("month", "investment"))
    months = [date(year, m, 1) for m in range(1, 13)]
    cum_plan, cum_actual, plan_series, actual_series, plan_line, actual_line = 0, 0, [], [], [], []
    last_reported = max(actual) if actual else None
    for month in months:
        p = float(plans.get(month, 0))
        a = actual.get(month)
        cum_plan += p
        plan_series.append(round(p, 2))
        plan_line.append(round(cum_plan, 2))
        actual_series.append(round(float(a), 2) if a is not None else None)
        if a is not None:
            cum_actual += float(a)
        actual_line.append(round(cum_actual, 2) if last_reported and month <= last_reported else None)
    return {"months": months, "plan": plan_series, "actual": actual_series, "plan_cumulative": plan_line,
            "actual_cumulative": actual_line}


def project_changes(project, *, since):
    """What changed on the project and its milestones, plans, reports and blockers since ``since``.

    One query per kind of record (five in all), whatever the project's size: each record's history is
    read once and diffed in Python against the version before it.
    """
    since_dt = timezone.make_aware(datetime.combine(since, time.min))
    sources = [
        (Project.history.filter(id=project.pk), lambda r: _("Project")),
        (Milestone.history.filter(project_id=project.pk), lambda r: dict(MilestoneKind.choices).get(r.kind, r.kind)),
        (MonthlyPlan.history.filter(project_id=project.pk),
         lambda r: _("Plan %(month)s") % {"month": month_label(r.month)}),
        (MonthlyReport.history.filter(project_id=project.pk),
         lambda r: _("Report %(month)s") % {"month": month_label(r.month)}),
        (Blocker.history.filter(project_id=project.pk), lambda r: _("Problem: %(title)s") % {"title": r.title}),
    ]
    changes = []
    for queryset, describe in sources:
        model = queryset.model.instance_type
        previous = {}
        for record in queryset.select_related("history_user").order_by("history_date", "history_id"):
            before = previous.get(record.id)
            previous[record.id] = record
            if record.history_date < since_dt:
                continue
            fields = []
            if before is not None and record.history_type == "~":
                # Many-to-many history would cost queries per record: left out of the diff.
                fields = field_changes(model, before, record, exclude=[f.name for f in model._meta.many_to_many])
                if not fields:
                    continue
            changes.append({"date": record.history_date, "user": record.history_user, "what": describe(record),
                            "type": record.get_history_type_display(), "reason": record.history_change_reason or "",
                            "changes": fields})
    changes.sort(key=lambda c: c["date"], reverse=True)
    return changes


def public_counts(today=None):
    """Public headline figures over all years (counts only): projects tracked, started, completed, provincial.
    This year's starts by level are the registered metrics (``projects.*_started``), not counted here, so the
    home and the plan's targets give one number for one thing."""
    today = today or timezone.localdate()
    year_start = date(today.year, 1, 1)
    started = Milestone.objects.filter(kind=MilestoneKind.STARTED, actual_date__isnull=False)
    completed = Milestone.objects.filter(kind=MilestoneKind.COMPLETED, actual_date__isnull=False)
    return {
        "total": Project.objects.count(),
        "started": started.count(),
        "started_this_year": started.filter(actual_date__gte=year_start).count(),
        "completed": completed.count(),
        "provincial": Project.objects.filter(level=ProjectLevel.PROVINCIAL).count(),
    }


def blockers_for_leader(leader, *, open_only=True):
    """The problems raised to ``leader`` (an org ``Leader``), the oldest first: open ones only unless
    ``open_only`` is false. Each with its project and the project's responsible unit."""
    blockers = Blocker.objects.filter(assigned_leader=leader)
    if open_only:
        blockers = blockers.filter(status=BlockerStatus.OPEN)
    return blockers.select_related("project__responsible_unit", "assigned_leader").order_by("raised_at", "id")


def group_by_project(items):
    grouped = defaultdict(list)
    for item in items:
        grouped[item["project"].pk].append(item)
    return grouped


def narrative_hint(project, month):
    """Last month's narrative of the project (a hint for this month's), or ""."""
    return (MonthlyReport.objects.filter(project=project, month=add_months(month_start(month), -1))
            .values_list("narrative", flat=True).first() or "")


def report_prefills(owed):
    """For ``owed`` ``{project_id: month}``: the plan and last month's narrative of each, in two queries.

    Returns ``{project_id: {"plan": MonthlyPlan | None, "hint": str}}``: what the "本月" form is filled with.
    """
    if not owed:
        return {}
    plan_q, hint_q = Q(), Q()
    for project_id, month in owed.items():
        plan_q |= Q(project_id=project_id, month=month)
        hint_q |= Q(project_id=project_id, month=add_months(month, -1))
    plans = {plan.project_id: plan for plan in MonthlyPlan.objects.filter(plan_q)}
    hints = dict(MonthlyReport.objects.filter(hint_q).exclude(narrative="").values_list("project_id", "narrative"))
    return {pk: {"plan": plans.get(pk), "hint": hints.get(pk, "")} for pk in owed}
