"""Reports of record: the office drafts the mid-year report from the data as at 30 June, edits, approves and
publishes it; published, it is frozen (later corrections are dated notes), printable with its styles, exported
to Word and shown on the public site; lead units owing explanations are reminded."""

import io
from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.contrib.staticfiles import finders
from django.core.exceptions import ValidationError
from django.urls import reverse
from docx import Document

from org.models import Notice
from targets import reports
from targets.choices import ExplanationState, ReportKind, ReportState
from targets.models import Explanation, MonthlyValue, Report

JULY = datetime(2026, 7, 10, 10, tzinfo=ZoneInfo("Asia/Shanghai"))


@pytest.fixture
def half_year(make_target, units, plan):
    """Due 30 June: one met, one missed with an approved explanation, one missed without; an internal target."""
    met = make_target(code="E01", title="上半年达标乡镇", figure=Decimal(5), measure="个",
                      deadline=date(plan.year, 6, 30))
    MonthlyValue.objects.create(target=met, unit=met.lead_unit, month=date(plan.year, 5, 1), value=5)
    explained = make_target(code="E02", title="省级项目上半年开工", figure=Decimal(3), measure="个",
                            deadline=date(plan.year, 6, 30), lead_unit=units.town)
    Explanation.objects.create(target=explained, text="一个项目用地报批延后。", state=ExplanationState.APPROVED)
    make_target(code="E09", title="上半年未说明", figure=Decimal(2), measure="个", deadline=date(plan.year, 6, 30),
                lead_unit=units.other_town)
    make_target(code="I01", title="内部目标", is_public=False)
    return plan


def _post(client, plan, action, **data):
    return client.post(reverse("targets:report_action", args=[plan.year, "h1", action]), data, follow=True)


@pytest.mark.clock("2026-07-10T10:00")  # written for this day of 2026 (its plan and records too)
def test_the_mid_year_report_is_drafted_edited_approved_published_and_then_frozen(client, users, half_year):
    plan = half_year
    with pytest.raises(ValidationError) as exc:
        reports.report_draft(plan=plan, kind=ReportKind.H1, user=users.office, today=date(plan.year, 6, 30))
    assert exc.value.messages == [f"中期报告须在 {plan.year}-06-30 之后起草。"]
    with time_machine.travel(JULY, tick=False):
        client.force_login(users.office)
        page = _post(client, plan, "draft").content.decode()
        assert "已根据数据起草报告。" in page
        report = Report.objects.get()
        rows = {r["code"]: r for s in report.content["sections"] for r in s["rows"]}
        assert (rows["E01"]["figure"], rows["E01"]["actual"], rows["E01"]["status"]) == ("5", "5", "done")
        assert rows["E02"]["status"] == "missed" and rows["E02"]["explanation"] == "一个项目用地报批延后。"
        assert rows["E09"]["explanation_missing"] and not rows["I01"]["public"]
        _post(client, plan, "edit", title="2026年中期报告", summary="上半年总体平稳。")
        _post(client, plan, "approve")
        _post(client, plan, "publish")
        report.refresh_from_db()
        assert (report.state, report.title) == (ReportState.PUBLISHED, "2026年中期报告")
        assert report.summary == "上半年总体平稳。"
        frozen = report.content
        # Later data does not move a published report; editing and redrafting are refused with the reason.
        MonthlyValue.objects.create(target=plan.targets.get(code="E09"), unit=plan.targets.get(code="E09").lead_unit,
                                    month=date(plan.year, 6, 1), value=2)
        page = _post(client, plan, "edit", title="改", summary="").content.decode()
        assert "报告已发布并冻结，如需更正请附注明日期的更正说明。" in page
        _post(client, plan, "draft")
        report.refresh_from_db()
        assert report.content == frozen and report.title == "2026年中期报告"
        _post(client, plan, "note", text="E09 已于6月底补报完成，以本说明为准。")
        staff = client.get(report.get_absolute_url()).content.decode()
        assert "2026-07-10" in staff and "E09 已于6月底补报完成" in staff
        client.logout()
        public = client.get(report.get_public_url()).content.decode()
        assert "上半年总体平稳。" in public and "E09 已于6月底补报完成" in public and "2026-07-10" in public
        assert 'data-code="E01"' in public and 'data-code="I01"' not in public
        assert "一个项目用地报批延后。" in public
        assert report.title in client.get(reverse("targets:public_list")).content.decode()


@pytest.mark.clock("2026-07-10T10:00")  # written for this day of 2026 (its plan and records too)
def test_a_draft_is_not_public_and_only_the_office_acts(client, users, half_year):
    with time_machine.travel(JULY, tick=False):
        report = reports.report_draft(plan=half_year, kind=ReportKind.H1, user=users.office)
        assert client.get(report.get_public_url()).status_code == 404
        client.force_login(users.leader)
        assert client.get(report.get_absolute_url()).status_code == 200
        assert client.post(reverse("targets:report_action", args=[half_year.year, "h1", "approve"])).status_code \
            in (403, 404)
        report.refresh_from_db()
        assert report.state == ReportState.DRAFT
        with pytest.raises(ValidationError):
            reports.report_publish(report=report, user=users.office)  # a draft is approved first


@pytest.mark.clock("2026-07-10T10:00")  # written for this day of 2026 (its plan and records too)
def test_print_view_carries_its_styles_and_word_export_holds_the_table(client, users, half_year):
    with time_machine.travel(JULY, tick=False):
        reports.report_draft(plan=half_year, kind=ReportKind.H1, user=users.office)
        client.force_login(users.office)
        for url in (reverse("targets:report", args=[half_year.year, "h1"]) + "?print=1",
                    reverse("targets:board") + "?print=1"):
            page = client.get(url).content.decode()
            assert 'href="/static/vendor/bootstrap/bootstrap.min.css"' in page
            assert finders.find("vendor/bootstrap/bootstrap.min.css"), "the linked stylesheet must exist"
        response = client.get(reverse("channels:document_export", args=["targets_report"]),
                              {"year": half_year.year, "kind": "h1"})
        assert response.status_code == 200
        table = Document(io.BytesIO(response.content)).tables[0]
        cells = [[c.text for c in r.cells] for r in table.rows]
        assert cells[0][:2] == ["编号", "目标任务"] and ["E01", "上半年达标乡镇", "5个", "5个"] == cells[1][:4]


@pytest.mark.clock("2026-07-10T10:00")  # written for this day of 2026 (its plan and records too)
def test_lead_units_owing_explanations_are_reminded_once_a_day(client, users, units, half_year):
    with time_machine.travel(JULY, tick=False):
        owed = reports.missing_explanations(plan=half_year, kind=ReportKind.H1)
        assert [t.code for t in owed] == ["E09"]
        assert reports.report_remind(plan=half_year, kind=ReportKind.H1, user=users.office) == 1
        notice = Notice.objects.get(unit=units.other_town)
        assert "E09 上半年未说明" in notice.body
        assert reports.report_remind(plan=half_year, kind=ReportKind.H1, user=users.office) == 0
        assert not Notice.objects.filter(unit=units.town).exists()  # E02's explanation is approved
