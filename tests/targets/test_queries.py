"""Query counts fixed at two scales: the board with last year's column and the headline, the target API with its
history, the public plan, and the reports of record (1 target of each kind, then 25 more of each, each linked to
a closed predecessor with an explanation)."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from targets.choices import ExplanationState, Status, TargetKind
from targets.models import Explanation, MonthlyValue, Plan, Section, Stage
from tests.helpers.permissions import assert_constant_queries


@pytest.fixture
def grow(make_target, units, plan):
    old = Plan.objects.create(year=plan.year - 1, title="去年")
    section = Section.objects.create(plan=old, order=1, title="聚焦经济发展")

    def linked(code, **kw):
        earlier = make_target(plan=old, section=section, code=code, deadline=date(old.year, 12, 31),
                              final_actual=Decimal(40), final_status=Status.MISSED, **kw)
        Explanation.objects.create(target=earlier, text="未完成原因", state=ExplanationState.APPROVED)
        return make_target(code=code, predecessor=earlier, **kw)

    def add(prefix, n):
        for i in range(n):
            target = linked(f"{prefix}R{i:02d}", figure=Decimal(600))
            MonthlyValue.objects.create(target=target, unit=units.town, month=date(plan.year, 1, 1), value=3)
            works = linked(f"{prefix}M{i:02d}", kind=TargetKind.MILESTONE, figure=Decimal(1), measure="项")
            Stage.objects.create(target=works, name="开工", planned_date=date(plan.year, 6, 30))
            linked(f"{prefix}D{i:02d}", kind=TargetKind.DERIVED, metric="livelihood.tasks_completed", measure="件")
            linked(f"{prefix}Z{i:02d}", kind=TargetKind.ZERO, figure=Decimal(0), measure="起")

    add("A", 1)
    return lambda: add("B", 25)


def test_the_board_with_last_year_and_the_headline_runs_a_fixed_number_of_queries(client, users, grow):
    assert_constant_queries(client, reverse("targets:board") + "?last_year=1", grow=grow, user=users.leader)


def test_the_api_with_history_runs_a_fixed_number_of_queries(client, users, grow):
    assert_constant_queries(client, "/api/v1/targets/?page_size=200", grow=grow, user=users.office)


def test_the_public_plan_runs_a_fixed_number_of_queries(client, grow):
    assert_constant_queries(client, "/api/v1/targets/?page_size=200", grow=grow)


@pytest.fixture
def reported(grow, users, plan):
    """The mid-year report drafted and published; growing the plan redrafts it (a draft) or adds a year-end one."""
    from targets import reports
    from targets.choices import ReportKind

    def publish():
        report = reports.report_draft(plan=plan, kind=ReportKind.H1, user=users.office,
                                      today=date(plan.year, 7, 10))
        reports.report_approve(report=report, user=users.office)
        return reports.report_publish(report=report, user=users.office)

    report = publish()

    def more():
        grow()
        report.delete()
        publish()

    return more


@pytest.mark.date_dependent
def test_the_reports_run_a_fixed_number_of_queries(client, users, plan, reported):
    import time_machine

    with time_machine.travel(date(plan.year, 7, 10)):
        url = reverse("targets:report", args=[plan.year, "h1"])
        public = reverse("targets:public_report", args=[plan.year, "h1"])
        public_before = _uncached(client, public)
        assert_constant_queries(client, url, grow=reported, user=users.office)
        client.logout()
        assert _uncached(client, public) <= public_before


def _uncached(client, url):
    """Queries of one GET of a public page with its cache emptied first (the page's own cost)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from targets.cache import public_cache

    client.get(url)  # per-process caches (content types)
    public_cache.invalidate()
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)
