"""The targets board as a Word document: the board's targets for the user, as a real Word table, in the
default GB/T 9704 template or the office's own; linked from the board for those who may export it."""

import io
import re
from datetime import date
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from docx import Document
from docx.oxml.ns import qn

from targets import selectors
from targets.models import MonthlyValue, Section
from tests.helpers.permissions import assert_access, assert_constant_queries

HEADERS = ["编号", "目标任务", "责任单位", "年度目标", "完成值", "进度", "状态"]


@pytest.fixture
def confidential(make_target, units):
    return make_target(code="C01", title="选树三型干部", is_confidential=True, is_public=False, lead_unit=units.dept)


@pytest.fixture
def reported(households, units, plan):
    MonthlyValue.objects.create(target=households, unit=units.town, month=date(plan.year, 1, 1), value=300)
    return households


def export(client, user, **params):
    client.force_login(user)
    response = client.get(reverse("channels:document_export", args=["targets_board"]), params)
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"] == ("application/vnd.openxmlformats-officedocument.wordprocessingml.document")
    return Document(io.BytesIO(response.content))


def rows(table):
    return [[cell.text for cell in row.cells] for row in table.rows]


def test_the_default_document_holds_the_targets_table_in_the_gb_t_9704_layout(client, users, units, plan, reported,
                                                                              works, confidential):
    doc = export(client, users.office, doc_number="高考办〔2026〕9号")
    texts = [p.text for p in doc.paragraphs]
    assert f"{plan.year}年高质量发展目标任务推进情况" in texts and "高考办〔2026〕9号" in texts
    table, definitions = doc.tables  # the targets, then each one's definition and data source
    assert rows(definitions)[0] == ["编号", "目标任务", "口径", "数据来源"]
    board = selectors.board(user=users.office, plan=plan)
    evaluations = {row.target.code: row.evaluation for entry in board["sections"] for row in entry["rows"]}
    households = evaluations["B12"]
    expected_status = f"{households.label}（{households.reason}）"
    assert rows(table)[0] == HEADERS
    assert {r[0] for r in rows(table)[1:]} == {"B12", "B04"}  # the confidential C01 is not the office's
    [row] = [r for r in rows(table) if r[0] == "B12"]
    assert row == ["B12", "600户零散农户集中居住", units.dept.name, "600户", "300户", "50%", expected_status]
    assert table.rows[1].cells[0].paragraphs[0].runs[-1]._element.rPr.rFonts.get(qn("w:eastAsia")) == "仿宋_GB2312"
    section = doc.sections[0]
    margins = (section.top_margin, section.bottom_margin, section.left_margin, section.right_margin)
    assert [round(m.mm) for m in margins] == [37, 35, 28, 26]
    summary = next(t for t in texts if t.startswith("截至"))
    assert f"{plan.year}年列入本表的目标任务共 2 项：" in summary


def test_the_boards_filters_carry_into_the_document(client, users, units, plan, reported, make_target):
    other = Section.objects.create(plan=plan, order=2, title="聚焦民生保障")
    make_target(code="D01", title="新增城镇就业", section=other, figure=Decimal(5000), measure="人")
    doc = export(client, users.leader, section=other.pk)
    [evaluation] = [r.evaluation for r in selectors.board(user=users.leader, plan=plan,
                                                          filters={"section": other})["sections"][0]["rows"]]
    assert rows(doc.tables[0])[1:] == [
        ["D01", "新增城镇就业", units.dept.name, "5000人", "0人", "0%", f"{evaluation.label}（{evaluation.reason}）"]]
    client.force_login(users.leader)
    page = client.get(reverse("targets:board"), {"section": other.pk}).content.decode()
    [link] = re.findall(r'<a [^>]*href="([^"]+)" data-testid="word-export"', page)
    assert link == (reverse("channels:document_export", args=["targets_board"])
                    + f"?year={plan.year}&amp;section={other.pk}")


def test_the_offices_own_template_keeps_its_header_and_gets_the_table(client, users, reported):
    template = Document()
    template.sections[0].header.paragraphs[0].text = "高邮市人民政府办公室 督查专报"
    for text in ("{{ doc_number }}", "{{ title }}", "{{p targets_table }}", "{{ issuer }}"):
        template.add_paragraph(text)
    data = io.BytesIO()
    template.save(data)
    client.force_login(users.office)
    page = client.post(reverse("channels:template_upload", args=["targets_board"]),
                       {"file": SimpleUploadedFile("督查专报.docx", data.getvalue())}, follow=True).content.decode()
    assert "模板已保存" in page
    doc = export(client, users.leader, doc_number="督查〔2026〕2号")
    assert doc.sections[0].header.paragraphs[0].text == "高邮市人民政府办公室 督查专报"
    assert doc.paragraphs[0].text == "督查〔2026〕2号"
    [table] = doc.tables
    assert rows(table)[0] == HEADERS and rows(table)[1][:2] == ["B12", "600户零散农户集中居住"]


def test_a_template_with_a_placeholder_the_board_does_not_fill_is_refused(client, users):
    template = Document()
    template.add_paragraph("{{p ranking_table }}")
    data = io.BytesIO()
    template.save(data)
    client.force_login(users.office)
    page = client.post(reverse("channels:template_upload", args=["targets_board"]),
                       {"file": SimpleUploadedFile("t.docx", data.getvalue())}, follow=True).content.decode()
    assert "平台不认识的占位符：{{ ranking_table }}" in page


def test_the_board_readers_export_and_see_the_button_others_do_not(client, users, reported):
    url = reverse("channels:document_export", args=["targets_board"])
    assert_access(client, url, inside=[users.office, users.leader, users.admin],
                  outside=[users.reporter, users.other_reporter, users.safety, users.orgdept])
    for user, shown in ((users.office, True), (users.leader, True), (users.reporter, False), (users.orgdept, False)):
        client.force_login(user)
        page = client.get(reverse("targets:board")).content.decode()
        assert ('data-testid="word-export"' in page) is shown, user.username


def test_a_year_without_a_plan_is_a_404(client, users, plan):
    client.force_login(users.office)
    response = client.get(reverse("channels:document_export", args=["targets_board"]), {"year": plan.year + 5})
    assert response.status_code == 404


def test_the_export_runs_a_fixed_number_of_queries(client, users, make_target, reported):
    def grow():
        for n in range(30):
            target = make_target(code=f"G{n:02d}")
            MonthlyValue.objects.create(target=target, unit=target.lead_unit, month=date(target.plan.year, 1, 1),
                                        value=1)

    url = reverse("channels:document_export", args=["targets_board"])
    assert_constant_queries(client, url, grow=grow, user=users.office)
