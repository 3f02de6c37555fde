"""Working days by the official calendar: Monday to Friday, less the holidays, plus the weekends worked (调休).

One query reads the moved days of the span asked for (``CalendarDay``); the rest is arithmetic.
"""

from datetime import date, timedelta

from .choices import DayKind
from .models import CalendarDay


class WorkingDays:
    """The working days between two dates, read once: ``is_working(day)``, ``before(deadline, n)``."""

    def __init__(self, first: date, last: date):
        self.first, self.last = first, last
        self.moved = dict(CalendarDay.objects.filter(date__gte=first, date__lte=last).values_list("date", "kind"))

    def is_working(self, day: date) -> bool:
        kind = self.moved.get(day)
        if kind == DayKind.HOLIDAY:
            return False
        if kind == DayKind.WORKDAY:
            return True
        return day.weekday() < 5

    def before(self, deadline: date, n: int) -> date:
        """The working day ``n`` working days before ``deadline`` (3 before Monday 5 Oct 2026 is ... 29 Sep)."""
        day, left = deadline, n
        while left:
            day -= timedelta(days=1)
            if self.is_working(day):
                left -= 1
        return day

    def after(self, start: date, n: int) -> date:
        """The working day ``n`` working days after ``start`` (3 after Friday 4 Dec 2026 is Wednesday 9 Dec)."""
        day, left = start, n
        while left:
            day += timedelta(days=1)
            if self.is_working(day):
                left -= 1
        return day


def working_days(around: date, *, days_before=30, days_after=30):
    return WorkingDays(around - timedelta(days=days_before), around + timedelta(days=days_after))
