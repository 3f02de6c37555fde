from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from projects.models import MonthlyReport
from tests.projects.factories import ProjectFactory

SH = ZoneInfo("Asia/Shanghai")


def at(*args):
    return datetime(*args, tzinfo=SH)


def filed(project, month, when, **kwargs):
    """A report of ``month`` filed at ``when`` (a local datetime)."""
    report = MonthlyReport.objects.create(project=project, month=month, investment=Decimal(100), **kwargs)
    MonthlyReport.objects.filter(pk=report.pk).update(submitted_at=when)  # the test sets the filing moment
    return report


@pytest.fixture
def november(units):
    """龙虬-like town with four projects for November 2026 (deadline 5 December): one report on time, one after
    the deadline, one on time but reopened by the office (late), one never filed (missing). The other town has
    one project, on time."""
    nov = date(2026, 11, 1)
    projects = [ProjectFactory(responsible_unit=units.town, signing_date=date(2026, 1, 10)) for _ in range(4)]
    filed(projects[0], nov, at(2026, 11, 28, 9))
    filed(projects[1], nov, at(2026, 12, 6, 9))
    filed(projects[2], nov, at(2026, 11, 29, 9), reopened_until=date(2026, 12, 20))
    other = ProjectFactory(responsible_unit=units.other_town, signing_date=date(2026, 1, 10))
    filed(other, nov, at(2026, 12, 5, 23, 59))
    return projects
