"""The reporting calendar: months, when a month's report opens, its deadline and lock, what is owed now.

One home for these rules, used by every app that collects monthly reports (projects, targets).
A month is stored and passed as its first day (``date(2026, 11, 1)``). The calendar of an app is
built from two numbers::

    calendar = ReportingCalendar(deadline_day=config.report_deadline_day)
    calendar.opens(month)         # first day the report for ``month`` may be submitted (its 25th)
    calendar.deadline(month)      # last day it is on time, and may be edited (the 5th of the next month)
    calendar.is_locked(month, today, reopened_until=None)
    calendar.due_month(today)     # the last month whose deadline has passed: missing now means late
    calendar.open_months(today)   # months that may be reported on time today
    calendar.latest_open_month(today)  # the month a new report form proposes
    calendar.on_time_month(today)      # the latest month still reported on time today, or None (for "本月")
    calendar.owed_months(today)   # what "this month" lists: the due month and the open months
    calendar.last_ended_month(today)  # the latest month a light may compare against

Definitions (the only ones in the code):

- a month's report **opens** on ``opening_day`` of that month (``settings.PORTAL_REPORTING_OPENS_DAY``,
  default the 25th) and never earlier: nobody owes, or may submit, a month before its last days;
- it is **on time** until ``deadline_day`` of the next month; after it the report is **overdue** if
  missing, and **locked** (no more edits) unless reopened until a later date;
- a unit **owes** a month's report when the month is open or is the due month, the project was signed
  by the end of that month, and no report exists (``owed_months``);
- a milestone is **overdue** when its planned date lies in a month before this one and it is not reached,
  and **due** when its planned date lies in this month (``milestone_overdue``, ``milestone_due``).
"""

from dataclasses import dataclass, field
from datetime import date

from django.conf import settings
from django.utils import formats


def month_start(day: date) -> date:
    """The month of ``day``, as its first day."""
    return day.replace(day=1)


def add_months(month: date, n: int) -> date:
    """The first day of the month ``n`` months after (or before, ``n < 0``) the month of ``month``."""
    years, index = divmod(month.month - 1 + n, 12)
    return date(month.year + years, index + 1, 1)


def month_label(month: date) -> str:
    """A month in words, in the interface's language ("2026年11月")."""
    return formats.date_format(month, "YEAR_MONTH_FORMAT")


def milestone_overdue(planned_date, today: date, reached=False) -> bool:
    """A milestone not reached whose planned date lies in a month before this one."""
    return bool(planned_date) and not reached and planned_date < month_start(today)


def milestone_due(planned_date, today: date, reached=False) -> bool:
    """A milestone not reached planned for this month (due, not yet overdue)."""
    this_month = month_start(today)
    return bool(planned_date) and not reached and this_month <= planned_date < add_months(this_month, 1)


def _default_opening_day():
    return getattr(settings, "PORTAL_REPORTING_OPENS_DAY", 25)


@dataclass(frozen=True)
class ReportingCalendar:
    """The monthly reporting calendar for a deadline day (1-28) and an opening day (1-28)."""

    deadline_day: int = 5
    opening_day: int = field(default_factory=_default_opening_day)

    def opens(self, month: date) -> date:
        """The first day the report for ``month`` may be submitted."""
        return month_start(month).replace(day=self.opening_day)

    def deadline(self, month: date) -> date:
        """The last day the report for ``month`` is on time and may be changed without reopening."""
        return add_months(month_start(month), 1).replace(day=self.deadline_day)

    def is_open(self, month: date, today: date) -> bool:
        """May the report for ``month`` be submitted today (on time or late)?"""
        return today >= self.opens(month)

    def is_overdue(self, month: date, today: date) -> bool:
        """Is the deadline of ``month`` past (a missing report is late)?"""
        return today > self.deadline(month)

    def is_locked(self, month: date, today: date, reopened_until=None) -> bool:
        """Locked after the deadline, unless reopened until ``reopened_until`` (inclusive)."""
        if reopened_until and today <= reopened_until:
            return False
        return self.is_overdue(month, today)

    def due_month(self, today: date) -> date:
        """The last month whose deadline has passed ("last month's report", once late)."""
        previous = add_months(month_start(today), -1)
        return previous if self.is_overdue(previous, today) else add_months(previous, -1)

    def open_months(self, today: date) -> list[date]:
        """Months whose report may be submitted on time today, oldest first."""
        this_month = month_start(today)
        candidates = [add_months(this_month, -1), this_month]
        return [m for m in candidates if self.is_open(m, today) and not self.is_overdue(m, today)]

    def latest_open_month(self, today: date) -> date:
        """The latest month whose report may be submitted today (this month from its opening day)."""
        this_month = month_start(today)
        return this_month if self.is_open(this_month, today) else add_months(this_month, -1)

    def on_time_month(self, today: date):
        """The latest month whose report may be submitted on time today, or None (from the 6th to the 24th
        nothing is: last month locked on the 5th, this month opens on the 25th). A page that offers a month
        to fill in offers this one, never a month past its deadline."""
        months = self.open_months(today)
        return months[-1] if months else None

    def owed_months(self, today: date) -> list[date]:
        """The months a project may owe today: the due month (late if missing) and the open months."""
        return sorted({self.due_month(today), *self.open_months(today)})

    def last_ended_month(self, today: date) -> date:
        """The latest month that has ended: a light never compares against a later one."""
        return add_months(month_start(today), -1)


def on_time_before(calendar: ReportingCalendar, month: date):
    """The moment (aware, Asia/Shanghai) from which a record for ``month`` is late: the day after its deadline."""
    from datetime import datetime, time, timedelta

    from django.utils import timezone

    return timezone.make_aware(datetime.combine(calendar.deadline(month) + timedelta(days=1), time.min))
