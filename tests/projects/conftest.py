from datetime import date

import pytest
from django.utils import timezone

from gaoyou_portal.reporting import ReportingCalendar, add_months
from leaders.models import Leader
from tests.projects.factories import ProjectFactory, link_leader, plan_year, report


@pytest.fixture
def today():
    return timezone.localdate()


@pytest.fixture
def open_month(reporting_day):
    """The month open for reporting, on a day when one is (the clock moved to the 26th from the 6th to the 24th)."""
    return ReportingCalendar().latest_open_month(reporting_day)


@pytest.fixture
def project(units, users, today):
    """A project of ``units.town`` signed last year, planned 100 a month this year, linked to the leader."""
    project = ProjectFactory(responsible_unit=units.town, signing_date=date(today.year - 1, 12, 1))
    plan_year(project, today.year)
    link_leader(project, Leader.objects.get(user=users.leader))
    return project


@pytest.fixture
def reported(project, today, open_month):
    """Reports on plan for every month of this year before the one open for reporting today."""
    month = date(today.year, 1, 1)
    while month < open_month:
        report(project, month, "100")
        month = add_months(month, 1)
    return project
