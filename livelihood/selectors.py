"""Reads across the livelihood models: headline counts, the public timeline, the monthly bulletin."""

import calendar
import datetime
from collections import OrderedDict
from dataclasses import dataclass, field

from django.db.models import Count, Max
from django.utils import timezone

from .choices import ExplanationState, Pace, TaskStatus
from .models import Explanation, LivelihoodTask, ProgressUpdate

# A task is "ahead" or "slow" when it is this many points off the straight line to its deadline.
PACE_MARGIN = 10


def current_year():
    """The year the public site opens on: this year if it has tasks, else the latest year that has."""
    today = timezone.localdate()
    years = available_years()
    return today.year if today.year in years or not years else years[0]


def available_years():
    return list(LivelihoodTask.objects.order_by("-year").values_list("year", flat=True).distinct())


def status_counts(queryset):
    """{status: count} for every status (zeros included), plus "total"."""
    counts = {status: 0 for status in TaskStatus.values}
    for row in queryset.order_by().values("status").annotate(n=Count("id")):
        counts[row["status"]] = row["n"]
    counts["total"] = sum(counts[s] for s in TaskStatus.values)
    return counts


def public_timeline(task):
    return list(
        ProgressUpdate.objects.filter(task=task, published=True).order_by("-date", "-id")
    )


def public_explanation(task):
    return Explanation.objects.filter(task=task, state=ExplanationState.APPROVED).first()


# --- the monthly bulletin -----------------------------------------------------------------------------------
def month_end(month):
    return month.replace(day=calendar.monthrange(month.year, month.month)[1])


def expected_percent(task, on):
    """Where a task should be on ``on``, on a straight line from 1 January to its deadline."""
    start = datetime.date(task.year, 1, 1)
    if on >= task.deadline:
        return 100
    if on <= start:
        return 0
    return round(100 * (on - start).days / max(1, (task.deadline - start).days))


def pace(percent, expected, completed):
    if completed or percent >= expected + PACE_MARGIN:
        return Pace.AHEAD
    if percent >= expected - PACE_MARGIN:
        return Pace.ON_TRACK
    return Pace.SLOW


@dataclass
class BulletinRow:
    task: LivelihoodTask
    percent: int
    expected: int
    pace: str

    @property
    def pace_label(self):
        return Pace(self.pace).label


@dataclass
class UnitBulletin:
    unit: object
    rows: list = field(default_factory=list)

    def count(self, value):
        return sum(1 for r in self.rows if r.pace == value)

    @property
    def ahead(self):
        return self.count(Pace.AHEAD)

    @property
    def on_track(self):
        return self.count(Pace.ON_TRACK)

    @property
    def slow(self):
        return self.count(Pace.SLOW)


def monthly_bulletin(*, year, month):
    """Each task's published percent at the end of ``month`` against its expected pace, by lead unit.

    Three queries whatever the number of tasks: tasks, the last published update date per task up to
    the month end, and those updates' percents.
    """
    as_of = min(month_end(month), timezone.localdate())
    tasks = list(
        LivelihoodTask.objects.filter(year=year)
        .select_related("lead_unit", "responsible_leader")
        .order_by("lead_unit__order", "lead_unit__id", "number")
    )
    last_dates = dict(
        ProgressUpdate.objects.filter(task__year=year, published=True, date__lte=as_of)
        .values("task").annotate(last=Max("date")).values_list("task", "last")
    )
    percents = {}
    for task_id, date, percent in (
        ProgressUpdate.objects.filter(task__year=year, published=True, date__lte=as_of)
        .order_by("date", "id").values_list("task", "date", "percent")
    ):
        if last_dates.get(task_id) == date:
            percents[task_id] = percent
    units = OrderedDict()
    for task in tasks:
        completed = bool(task.completed_on and task.completed_on <= as_of)
        percent = 100 if completed else percents.get(task.pk, 0)
        expected = expected_percent(task, as_of)
        units.setdefault(task.lead_unit_id, UnitBulletin(unit=task.lead_unit)).rows.append(
            BulletinRow(task=task, percent=percent, expected=expected, pace=pace(percent, expected, completed))
        )
    bulletins = list(units.values())
    totals = {value: sum(b.count(value) for b in bulletins) for value in Pace.values}
    return {"as_of": as_of, "units": bulletins, "totals": totals, "count": len(tasks)}


def last_percent(task):
    """The last percentage entered for a task (published or not; the task's own before any): the form's prefill."""
    last = task.updates.order_by("-date", "-created_at").values_list("percent", flat=True).first()
    return task.percent if last is None else last
