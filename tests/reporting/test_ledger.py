"""The reporting ledger: per unit and month what was expected, on time, late, missing; scoped per role."""

from datetime import date

import pytest
import time_machine
from django.urls import reverse

from reporting import selectors
from tests.helpers.permissions import assert_access
from tests.reporting.conftest import at

pytestmark = [pytest.mark.django_db, pytest.mark.date_dependent]

DEC_07 = at(2026, 12, 7, 10)  # November's deadline (5 December) has passed


def counts(row):
    t = row.total
    return t.expected, t.on_time, t.late, t.missing, t.pending, t.rate


@time_machine.travel(DEC_07, tick=False)
def test_the_ledger_counts_on_time_late_and_missing_for_a_unit(november, units):
    rows = {r.unit: r for r in selectors.ledger(month=date(2026, 11, 1))}
    # four owed; one on time; one after the deadline and one in a reopened month are late; one missing
    assert counts(rows[units.town])[:5] == (4, 1, 2, 1, 0)
    assert str(rows[units.town].total.rate) == "25.0"
    assert counts(rows[units.other_town])[:5] == (1, 1, 0, 0, 0)  # filed 23:59 on the deadline day: on time
    assert rows[units.town].by_kind["project_reports"].late == 2
    # the trend: twelve months ending in November, earlier months owed but never filed
    trend = rows[units.town].trend
    assert [m for m, _t in trend][0] == date(2025, 12, 1) and trend[-1][0] == date(2026, 11, 1)
    assert trend[1][1].expected == 4 and trend[1][1].missing == 4 and trend[1][1].rate == 0  # January
    assert trend[0][1].expected == 0 and trend[0][1].rate is None  # December 2025: not signed yet


@time_machine.travel(at(2026, 11, 27, 10), tick=False)
def test_items_not_yet_due_are_pending_not_missing(november, units):
    november[1].reports.all().delete()  # not filed yet on the 27th
    row = next(r for r in selectors.ledger(month=date(2026, 11, 1)) if r.unit == units.town)
    # 27 November: two filed so far (the reopened one counts late, the other on time), two not yet due
    assert counts(row)[:5] == (4, 1, 1, 0, 2)


@time_machine.travel(DEC_07, tick=False)
def test_the_office_and_leaders_see_every_unit_and_the_reporter_only_its_own(client, users, units, november):
    url = reverse("reporting:ledger")
    responses = assert_access(client, url, inside=[users.office, users.leader, users.reporter],
                              outside=[users.safety, users.nobody])
    office_rows = responses[users.office.username].context["rows"]
    assert {r.unit for r in office_rows} == {units.town, units.other_town}
    assert [r.unit for r in responses[users.reporter.username].context["rows"]] == [units.town]
    body = responses[users.office.username].content.decode()
    assert "测试甲镇" in body and "25.0%" in body


@time_machine.travel(DEC_07, tick=False)
def test_the_ledger_sorts_and_filters_by_kind_of_unit(client, users, units, november):
    client.force_login(users.office)
    rows = client.get(reverse("reporting:ledger"), {"sort": "-rate"}).context["rows"]
    assert [r.unit for r in rows] == [units.other_town, units.town]
    rows = client.get(reverse("reporting:ledger"), {"sort": "rate"}).context["rows"]
    assert [r.unit for r in rows] == [units.town, units.other_town]
    assert client.get(reverse("reporting:ledger"), {"kind": "department"}).context["rows"] == []


@time_machine.travel(DEC_07, tick=False)
def test_a_units_page_is_for_its_reporters_and_the_office(client, users, units, november):
    url = reverse("reporting:unit", args=[units.town.pk])
    responses = assert_access(client, url, inside=[users.reporter, users.office, users.leader],
                              outside=[users.other_reporter, users.nobody])
    table = responses[users.reporter.username].context["table"]
    assert table[0]["month"] == date(2026, 11, 1) and table[0]["total"].missing == 1


@time_machine.travel(DEC_07, tick=False)
def test_the_excel_export_has_every_units_counts(client, users, units, november):
    from io import BytesIO

    from openpyxl import load_workbook

    client.force_login(users.office)
    response = client.get(reverse("reporting:ledger_export"), {"year": 2026, "month": 11})
    sheet = load_workbook(BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:8] == ("单位", "类型", "应报", "按时", "逾期报送", "未报", "未到期", "按时率（%）")
    town = next(r for r in rows if r[0] == "测试甲镇")
    assert [int(v) for v in town[2:7]] == [4, 1, 2, 1, 0] and float(town[7]) == 25.0


@time_machine.travel(DEC_07, tick=False)
def test_the_api_gives_each_unit_its_row_and_a_reporter_only_its_own(client, users, units, november):
    url = "/api/v1/reporting/compliance/?year=2026&month=11"
    assert_access(client, url, inside=[users.office, users.reporter], outside=[users.nobody], anonymous=401)
    client.force_login(users.office)
    rows = {r["unit_name"]: r for r in client.get(url).json()}
    assert {k: rows["测试甲镇"][k] for k in ("unit", "expected", "on_time", "late", "missing", "rate")} == {
        "unit": units.town.pk, "expected": 4, "on_time": 1, "late": 2, "missing": 1, "rate": "25.0"}
    client.force_login(users.reporter)
    assert [r["unit"] for r in client.get(url).json()] == [units.town.pk]


@time_machine.travel(DEC_07, tick=False)
def test_the_query_count_does_not_grow_with_the_units(client, users, units, november, django_assert_max_num_queries):
    from org.models import Unit
    from reporting.cache import invalidate
    from tests.projects.factories import ProjectFactory
    from tests.reporting.conftest import filed

    client.force_login(users.office)
    client.get(reverse("reporting:ledger"))  # warm the session and settings
    invalidate()  # measured uncached: every source queried
    with django_assert_max_num_queries(20) as few:
        client.get(reverse("reporting:ledger"))
    for n in range(30):
        unit = Unit.objects.create(name=f"单位{n}", code=f"u{n}", kind="town")
        filed(ProjectFactory(responsible_unit=unit, signing_date=date(2026, 1, 10)), date(2026, 11, 1),
              at(2026, 12, 1, 9))
    invalidate()
    with django_assert_max_num_queries(len(few.captured_queries)):
        rows = client.get(reverse("reporting:ledger")).context["rows"]
    assert len(rows) == 32


@time_machine.travel(DEC_07, tick=False)
def test_the_sources_rows_are_cached_until_a_write_changes_them(client, users, units, november):
    """A second look costs no source query; a late report, a reopen or a case struck off shows at once."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from projects.models import MonthlyReport
    from tests.reporting.conftest import filed

    def town():
        with CaptureQueriesContext(connection) as ctx:
            row = next(r for r in selectors.ledger(month=date(2026, 11, 1)) if r.unit == units.town)
        sources = [q for q in ctx.captured_queries if "org_unit" not in q["sql"]]
        return counts(row)[:4], len(sources)

    from targets.models import TargetSettings

    TargetSettings.load()  # its first load creates the row: a write that drops the targets' rows
    first, queried = town()
    assert first == (4, 1, 2, 1) and queried >= 4
    assert town() == (first, 0)  # cached: only the units are read
    filed(november[3], date(2026, 11, 1), at(2026, 12, 7, 9))  # the missing one, filed late
    assert town() == ((4, 1, 3, 0), 3)  # only the projects' source again (its settings, projects, reports)
    report = MonthlyReport.objects.get(project=november[0], month=date(2026, 11, 1))
    report.reopened_until = date(2026, 12, 20)  # the office reopens the on-time one: it counts late
    report.save()
    assert town()[0] == (4, 0, 4, 0)


@time_machine.travel(DEC_07, tick=False)
def test_a_report_filed_drops_only_its_months_rows_and_a_project_change_all(units, november, monkeypatch):
    from dataclasses import replace

    from gaoyou_portal import registry_owed
    from tests.reporting.conftest import filed

    asked = []
    source = registry_owed._compliance_sources["project_reports"]

    def spy(**kwargs):
        asked.append(kwargs["months"])
        return source.compute(**kwargs)

    monkeypatch.setitem(registry_owed._compliance_sources, "project_reports", replace(source, compute=spy))
    selectors.ledger(month=date(2026, 11, 1))
    selectors.ledger(month=date(2026, 11, 1))
    assert [len(months) for months in asked] == [12]  # then cached
    filed(november[3], date(2026, 10, 1), at(2026, 11, 3, 9))  # October's report of the missing one
    row = next(r for r in selectors.ledger(month=date(2026, 11, 1)) if r.unit == units.town)
    assert asked[-1] == [date(2026, 10, 1)] and row.trend[-2][1].on_time == 1
    november[0].name = "改名"
    november[0].save()  # a project changed: every month of its unit may have changed
    selectors.ledger(month=date(2026, 11, 1))
    assert len(asked[-1]) == 12
