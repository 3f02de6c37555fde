"""Warning lights (亮灯): computed in SQL by ``annotate_lights``, stored on the project by ``refresh_lights``.

Pages, lists and the API read the stored columns (``light_rank``, ``behind_points``, ``plan_to_date``,
``actual_to_date``, ``light_facts``): filtering and sorting by light is an index scan. The stored value is
computed by the same SQL, refreshed in the transaction of every service that changes an input, by the
daily date job (``refresh_lights_for_date``) and by ``manage.py refresh_lights``; ``manage.py
check_lights`` (nightly) reports any stored light that differs from a fresh computation.

Rules, for "today" (``timezone.localdate()``) and the office's thresholds (``ProjectSettings``):

- **red** when a milestone is overdue (its planned date lies in a month before this one and it is
  not reached), or cumulative investment is more than ``red_points`` percentage points behind the plan;
- **yellow** when a milestone is due this month and not reached, or the report for the last month
  whose deadline has passed is missing, or investment is ``yellow_points`` to ``red_points`` points behind;
- **green** otherwise (on schedule).

"Points behind" (序时进度) compares, as a share of the year's planned investment, the plans of the
year up to the month compared with the investment reported this year. The month compared is the
last month whose report is overdue, or a later month the project has already reported that has
ended, so a project is never judged on a month whose report is not yet due, nor on a month that has
not ended (a report sent in the month's last days counts in the actual, never in the plan compared).

The calendar (months, deadline, due month, milestone overdue or due) is ``gaoyou_portal.reporting``.
"""

from datetime import date, timedelta

from django.db import transaction
from django.db.models import (
    Case,
    DateField,
    DecimalField,
    Exists,
    ExpressionWrapper,
    F,
    FloatField,
    Func,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Cast, Coalesce, Greatest
from django.db.models.lookups import GreaterThan, GreaterThanOrEqual
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from gaoyou_portal.reporting import ReportingCalendar, add_months, month_label, month_start

from .choices import Light, MilestoneKind, ProjectStatus

RED, YELLOW, GREEN = "red", "yellow", "green"
LIGHT_RANK = {RED: 0, YELLOW: 1, GREEN: 2}
# Projects that owe a monthly report: signed and not yet finished.
REPORTING_STATUSES = (ProjectStatus.SIGNED, ProjectStatus.UNDER_CONSTRUCTION)
_MONEY = DecimalField(max_digits=16, decimal_places=2)


class _SumOf(Func):
    """``SUM(column)`` over a whole correlated subquery: one row even with no rows (NULL), no GROUP BY.

    Cheaper than ``.values("project").annotate(Sum(...))``; with the covering indexes of migration 0004 the
    year's reports and plans of a project are summed from the index alone.
    """

    function = "SUM"
    output_field = _MONEY


def due_month(today: date, deadline_day: int) -> date:
    """``ReportingCalendar(deadline_day=...).due_month(today)``, as the light tests call it."""
    return ReportingCalendar(deadline_day=deadline_day).due_month(today)


def report_owed_q(month: date):
    """Projects that owe the report for ``month`` (SQL): reporting, signed by the month's end, none sent.

    The one definition of "owed": the lights (``report_missing``), "this month" and the overviews use it.
    """
    from .models import MonthlyReport

    return Q(status__in=REPORTING_STATUSES, signing_date__lt=add_months(month, 1)) & ~Exists(
        MonthlyReport.objects.filter(project=OuterRef("pk"), month=month)
    )


def annotate_lights(queryset, *, today=None, config=None):
    """Annotate the light computed afresh from the data: ``fresh_light_rank`` (0 red, 1 yellow, 2 green)
    and the figures behind it (``fresh_behind_points``, ``fresh_plan_to_date``, ``fresh_actual_to_date``,
    ``fresh_overdue_kind``/``_date``, ``fresh_due_kind``/``_date``, ``fresh_report_missing``).

    One SQL statement whatever the number of projects. Pages do not call this: they read the stored
    light (``refresh_lights`` writes it); see the module docstring for the rules.
    """
    from .models import Milestone, MonthlyPlan, MonthlyReport, ProjectSettings

    today = today or timezone.localdate()
    config = config or ProjectSettings.load()
    calendar = config.calendar
    this_month = month_start(today)
    next_month = add_months(this_month, 1)
    year_start = date(today.year, 1, 1)
    due = calendar.due_month(today)

    year_reports = MonthlyReport.objects.filter(project=OuterRef("pk"), month__gte=year_start, month__lte=this_month)
    # Compared up to a month that has ended, never this one: a report sent early only adds to the actual.
    latest_reported = year_reports.filter(month__lt=this_month).order_by("-month").values("month")[:1]
    actual = year_reports.order_by().annotate(total=_SumOf("investment")).values("total")
    planned = (
        MonthlyPlan.objects.filter(project=OuterRef("pk"), month__gte=year_start, month__lte=OuterRef("compare_month"))
        .order_by()
        .annotate(total=_SumOf("planned_investment"))
        .values("total")
    )
    # Overdue and due as ``gaoyou_portal.reporting.milestone_overdue`` / ``milestone_due`` define them.
    open_milestones = Milestone.objects.filter(
        project=OuterRef("pk"), actual_date__isnull=True, planned_date__isnull=False
    )
    overdue = open_milestones.filter(planned_date__lt=this_month).order_by("planned_date")
    due_now = open_milestones.filter(planned_date__gte=this_month, planned_date__lt=next_month).order_by("planned_date")
    due_value = Value(due, output_field=DateField())
    zero = Value(0, output_field=_MONEY)
    plan_to_date = Coalesce(Subquery(planned, output_field=_MONEY), zero)
    actual_to_date = Coalesce(Subquery(actual, output_field=_MONEY), zero)
    missing_q = report_owed_q(due)

    queryset = queryset.annotate(
        compare_month=Greatest(due_value, Coalesce(Subquery(latest_reported), due_value), output_field=DateField()),
        fresh_plan_to_date=plan_to_date,
        fresh_actual_to_date=actual_to_date,
        fresh_behind_points=Case(
            When(
                year_planned_investment__gt=0,
                # In floating point: SQLite stores whole amounts as integers and would divide them as such.
                then=Cast(F("fresh_plan_to_date") - F("fresh_actual_to_date"), FloatField()) * Value(100.0)
                / Cast(F("year_planned_investment"), FloatField()),
            ),
            default=Value(0.0),
            output_field=FloatField(),
        ),
        fresh_overdue_kind=Subquery(overdue.values("kind")[:1]),
        fresh_overdue_date=Subquery(overdue.values("planned_date")[:1]),
        fresh_due_kind=Subquery(due_now.values("kind")[:1]),
        fresh_due_date=Subquery(due_now.values("planned_date")[:1]),
        fresh_report_missing=Case(When(missing_q, then=Value(True)), default=Value(False)),
        fresh_light_rank=_light_rank(
            overdue_q=Exists(overdue), due_q=Exists(due_now), missing_q=missing_q,
            gap=plan_to_date - actual_to_date, config=config,
        ),
    )
    return queryset.annotate(due_month=due_value)


def _light_rank(*, overdue_q, due_q, missing_q, gap, config):
    """The light's rank as one CASE that evaluates each correlated subquery at most once for most projects.

    Django inlines every expression a CASE refers to, so the CASE is built from the expressions themselves,
    not from the annotations shown on the page: an Exists for each milestone test (not the milestone's
    kind), and the points behind compared algebraically, ``gap * 100 > red * year_planned`` (no division
    or cast). The plan and reports (``gap``) are read once for a project on schedule and a second time
    only to tell red from yellow for a project at least ``yellow_points`` behind (yellow <= red always,
    a constraint on the settings). A project without planned investment this year is 0 points behind.
    """
    red, yellow = config.red_points, config.yellow_points
    year_planned = F("year_planned_investment")
    gap_points = ExpressionWrapper(gap * 100, output_field=_MONEY)
    planned = Q(year_planned_investment__gt=0)
    at_least_yellow = planned & GreaterThanOrEqual(gap_points, year_planned * Value(yellow, output_field=_MONEY))
    beyond_red = planned & GreaterThan(gap_points, year_planned * Value(red, output_field=_MONEY))
    if yellow <= 0:  # 0 points behind (nothing planned) is yellow, or red too below a red threshold under 0
        at_least_yellow |= ~planned
        if red < 0:
            beyond_red |= ~planned
    behind = Case(When(beyond_red, then=Value(0)), default=Value(1))
    return Case(
        When(overdue_q, then=Value(0)),
        When(at_least_yellow, then=behind),
        When(due_q | missing_q, then=Value(1)),
        default=Value(2),
        output_field=IntegerField(),
    )


# --- the stored light ---------------------------------------------------------------------------------------
STORED_FIELDS = ("light_rank", "behind_points", "plan_to_date", "actual_to_date", "light_facts", "light_date")


def _fresh_values(project, today):
    """The stored fields' values for a project annotated by ``annotate_lights``."""
    def pair(kind, day):
        return [kind, day.isoformat()] if kind else None

    facts = {
        "overdue": pair(project.fresh_overdue_kind, project.fresh_overdue_date),
        "due": pair(project.fresh_due_kind, project.fresh_due_date),
        "missing": project.due_month.isoformat() if project.fresh_report_missing else None,
    }
    return {
        "light_rank": project.fresh_light_rank,
        "behind_points": float(project.fresh_behind_points or 0),
        "plan_to_date": project.fresh_plan_to_date,
        "actual_to_date": project.fresh_actual_to_date,
        "light_facts": facts,
        "light_date": today,
    }


def _differs(project, fresh, *, with_date=True):
    return any(getattr(project, name) != value for name, value in fresh.items() if with_date or name != "light_date")


def _as_queryset(projects):
    from .models import Project

    if projects is None:
        return Project.objects.all()
    if hasattr(projects, "model"):
        return projects
    return Project.objects.filter(pk__in=[getattr(p, "pk", p) for p in projects])


def refresh_lights(projects=None, *, today=None, config=None) -> int:
    """Recompute the stored light of ``projects`` (a queryset, projects or ids; all when None) and save it.

    Called in the same transaction by every service that changes an input of the light (report, plan,
    milestone, project, settings), by the daily date job and by ``manage.py refresh_lights``. Rows whose
    light is unchanged are not written (only their ``light_date``). Returns the number of lights changed.
    """
    from .models import Project, ProjectSettings

    today = today or timezone.localdate()
    config = config or ProjectSettings.load()
    queryset = _as_queryset(projects).order_by()
    rows = annotate_lights(queryset.only("pk", "year_planned_investment", *STORED_FIELDS), today=today,
                           config=config)
    changed, dated = [], []
    for project in rows:
        fresh = _fresh_values(project, today)
        if _differs(project, fresh, with_date=False):
            for name, value in fresh.items():
                setattr(project, name, value)
            changed.append(project)
        elif project.light_date != today:
            dated.append(project.pk)
    if changed:
        Project.objects.bulk_update(changed, STORED_FIELDS, batch_size=500)
    if dated:
        Project.objects.filter(pk__in=dated).update(light_date=today)
    return len(changed)


def stale_lights(projects=None, *, today=None, config=None) -> list:
    """Projects whose stored light differs from a fresh computation: ``(project, stored, fresh)`` tuples.

    What ``manage.py check_lights`` and the nightly check report (the date is not compared).
    """
    from .models import ProjectSettings

    today = today or timezone.localdate()
    config = config or ProjectSettings.load()
    queryset = _as_queryset(projects).order_by("code")
    found = []
    for project in annotate_lights(queryset.only("pk", "code", "name", "year_planned_investment", *STORED_FIELDS),
                                   today=today, config=config):
        fresh = _fresh_values(project, today)
        if _differs(project, fresh, with_date=False):
            stored = {name: getattr(project, name) for name in fresh if name != "light_date"}
            fresh.pop("light_date")
            found.append((project, stored, fresh))
    return found


def last_boundary(today: date, config) -> date:
    """The latest day, up to ``today``, on which the date alone may change a light.

    On the 1st a month ends (milestones planned in it become overdue, the next become due, the year may
    turn); the day after the deadline the due month moves on (a missing report becomes late).
    """
    after_deadline = today.replace(day=config.report_deadline_day) + timedelta(days=1)
    return after_deadline if today >= after_deadline else month_start(today)


def refresh_lights_for_date(*, today=None, config=None) -> int:
    """The daily job: refresh the lights last computed before the latest date boundary (all, on those days).

    Lights computed since the boundary are current (nothing but the date changes them, and services
    refresh what they touch); a missed day is caught up on the next run.
    """
    from django.db.models import Q

    from .models import Project, ProjectSettings

    today = today or timezone.localdate()
    config = config or ProjectSettings.load()
    boundary = last_boundary(today, config)
    behind = Project.objects.filter(Q(light_date__lt=boundary) | Q(light_date__isnull=True))
    with transaction.atomic():
        return refresh_lights(behind, today=today, config=config)


def light_reasons(project, config) -> list[str]:
    """The reasons, in words, for a project's stored light (the most serious first)."""
    reasons = []
    kinds = dict(MilestoneKind.choices)
    facts = getattr(project, "light_facts", None) or {}
    if facts.get("overdue"):
        kind, day = facts["overdue"]
        reasons.append(
            _("%(milestone)s was planned for %(date)s and is not reached")
            % {"milestone": kinds[kind], "date": formats.date_format(date.fromisoformat(day))}
        )
    behind = getattr(project, "behind_points", 0) or 0
    if behind > float(config.red_points):
        reasons.append(
            _("Investment is %(points).1f points behind the plan to date (more than %(limit)s)")
            % {"points": behind, "limit": config.red_points}
        )
    elif behind >= float(config.yellow_points):
        reasons.append(
            _("Investment is %(points).1f points behind the plan to date") % {"points": behind}
        )
    if facts.get("due"):
        kind, day = facts["due"]
        reasons.append(
            _("%(milestone)s is due this month (%(date)s)")
            % {"milestone": kinds[kind], "date": formats.date_format(date.fromisoformat(day))}
        )
    if facts.get("missing"):
        reasons.append(_("The report for %(month)s is missing")
                       % {"month": month_label(date.fromisoformat(facts["missing"]))})
    if not reasons:
        reasons.append(_("On schedule"))
    return reasons


def light_label(light) -> str:
    return str(dict(Light.choices).get(light, ""))
