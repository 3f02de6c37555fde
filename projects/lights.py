"""Warning lights (亮灯): computed in SQL so that a list of any length costs one query.

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

from datetime import date

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
    """Kept for ``projects/demo.py``: ``ReportingCalendar(deadline_day=...).due_month(today)``."""
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
    """Annotate ``light_rank`` (0 red, 1 yellow, 2 green; ``Project.light`` names it) and its figures.

    See the module docstring for the rules.
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
        plan_to_date=plan_to_date,
        actual_to_date=actual_to_date,
        behind_points=Case(
            When(
                year_planned_investment__gt=0,
                # In floating point: SQLite stores whole amounts as integers and would divide them as such.
                then=Cast(F("plan_to_date") - F("actual_to_date"), FloatField()) * Value(100.0)
                / Cast(F("year_planned_investment"), FloatField()),
            ),
            default=Value(0.0),
            output_field=FloatField(),
        ),
        overdue_kind=Subquery(overdue.values("kind")[:1]),
        overdue_date=Subquery(overdue.values("planned_date")[:1]),
        due_kind=Subquery(due_now.values("kind")[:1]),
        due_date=Subquery(due_now.values("planned_date")[:1]),
        report_missing=Case(When(missing_q, then=Value(True)), default=Value(False)),
        light_rank=_light_rank(
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


def light_reasons(project, config) -> list[str]:
    """The reasons, in words, for an annotated project's light (the most serious first)."""
    reasons = []
    kinds = dict(MilestoneKind.choices)
    if getattr(project, "overdue_kind", None):
        reasons.append(
            _("%(milestone)s was planned for %(date)s and is not reached")
            % {"milestone": kinds[project.overdue_kind], "date": formats.date_format(project.overdue_date)}
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
    if getattr(project, "due_kind", None):
        reasons.append(
            _("%(milestone)s is due this month (%(date)s)")
            % {"milestone": kinds[project.due_kind], "date": formats.date_format(project.due_date)}
        )
    if getattr(project, "report_missing", False):
        reasons.append(_("The report for %(month)s is missing") % {"month": month_label(project.due_month)})
    if not reasons:
        reasons.append(_("On schedule"))
    return reasons


def light_label(light) -> str:
    return str(dict(Light.choices).get(light, ""))
