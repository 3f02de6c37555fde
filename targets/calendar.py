"""The reporting calendar of monthly target values: when a month opens, when it locks.

Same rule as the project reports (projects/lights.py): a month's values may be entered during the
month and until ``report_deadline_day`` of the next month, then they lock. Kept here in one place
until the calendar moves to gaoyou_portal (targets imports no domain app).
"""

from datetime import date

from django.utils import formats


def month_start(day: date) -> date:
    return day.replace(day=1)


def add_months(month: date, n: int) -> date:
    years, index = divmod(month.month - 1 + n, 12)
    return date(month.year + years, index + 1, 1)


def lock_date(month: date, deadline_day: int) -> date:
    """The last day on which ``month``'s values may be entered or changed."""
    return add_months(month_start(month), 1).replace(day=deadline_day)


def open_months(today: date, deadline_day: int) -> list[date]:
    """This month, and last month until its deadline."""
    this_month = month_start(today)
    previous = add_months(this_month, -1)
    return [previous, this_month] if today <= lock_date(previous, deadline_day) else [this_month]


def due_month(today: date, deadline_day: int) -> date:
    """The month whose values are owed now: last month until its deadline, this month after."""
    months = open_months(today, deadline_day)
    return months[0]


def month_label(month: date) -> str:
    return formats.date_format(month, "YEAR_MONTH_FORMAT")
