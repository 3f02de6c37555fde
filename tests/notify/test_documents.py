"""Word documents: the default GB/T 9704 template, the office's own template, the checks on an upload."""

import io
import re
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from docx import Document
from docx.oxml.ns import qn
from docx.shared import Pt

from notify.models import DocumentTemplate
from tests.helpers.permissions import assert_access
from tests.sprint.factories import add_project, make_scheme, office_value

pytestmark = pytest.mark.date_dependent  # reads today's date; CI reruns it with the clock moved


@pytest.fixture
def race(units, users):
    from projects.sprint import services

    scheme = make_scheme([units.town, units.other_town, units.park, units.dept])
    add_project(units.town, reports=[(date(2026, 1, 1), 400)], served_by=[units.dept])
    office_value(scheme, units.town, 1, 30)
    run = services.race_score(year=2026, quarter=1, today=date(2026, 11, 28))
    services.race_publish(race=run.race, user=users.office, notify=False)
    return run.race


def export(client, user, kind, **params):
    client.force_login(user)
    response = client.get(reverse("channels:document_export", args=[kind]), params)
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    return Document(io.BytesIO(response.content))


def office_template(*placeholders, header="高邮市高质量发展考核办公室专用版头"):
    doc = Document()
    doc.sections[0].header.paragraphs[0].text = header
    for text in placeholders:
        doc.add_paragraph(text)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def upload(client, user, kind, data, name="模板.docx"):
    client.force_login(user)
    return client.post(reverse("channels:template_upload", args=[kind]),
                       {"file": SimpleUploadedFile(name, data)}, follow=True)


def test_the_default_bulletin_follows_gb_t_9704_and_holds_the_ranking_table(client, users, units, race):
    doc = export(client, users.office, "sprint_bulletin", year=2026, quarter=1, doc_number="高考办〔2026〕3号")
    texts = [p.text for p in doc.paragraphs]
    assert "关于2026年第1季度“赛马”结果的通报" in texts and "高考办〔2026〕3号" in texts
    ranking = doc.tables[0]
    assert [c.text for c in ranking.rows[0].cells] == ["组别", "名次", "单位", "得分", "旗帜"]
    ranked = {row.cells[2].text: row.cells for row in ranking.rows[1:]}
    assert set(ranked) == {units.town.name, units.other_town.name, units.park.name, units.dept.name}
    scores = {s.unit.name: s for s in race.scores.select_related("unit")}
    for name, cells in ranked.items():
        assert cells[1].text == str(scores[name].rank) and cells[3].text == str(scores[name].score)
    red = doc.tables[1]
    assert [c.text for c in red.rows[0].cells] == ["组别", "单位", "得分", "名次"]
    assert {r.cells[1].text for r in red.rows[1:]} == {s.unit.name for s in scores.values() if s.flag == "red"}
    section = doc.sections[0]
    margins = (section.top_margin, section.bottom_margin, section.left_margin, section.right_margin)
    assert [round(m.mm) for m in margins] == [37, 35, 28, 26]
    body = next(p for p in doc.paragraphs if p.text.startswith("2026年第1季度"))
    run = body.runs[0]
    assert run.font.size == Pt(16) and run._element.rPr.rFonts.get(qn("w:eastAsia")) == "仿宋_GB2312"
    title = next(p for p in doc.paragraphs if p.text.startswith("关于2026年"))
    assert title.runs[0]._element.rPr.rFonts.get(qn("w:eastAsia")) == "方正小标宋简体"
    assert "PAGE" in section.footer._element.xml


def test_the_offices_own_template_keeps_its_header_and_gets_the_table(client, users, units, race):
    data = office_template("{{ doc_number }}", "{{ title }}", "{{p ranking_table }}", "{{p red_flags }}")
    page = upload(client, users.office, "sprint_bulletin", data).content.decode()
    assert "模板已保存" in page and DocumentTemplate.objects.get().uploaded_by == users.office
    doc = export(client, users.leader, "sprint_bulletin", doc_number="高考办〔2026〕7号")
    assert doc.sections[0].header.paragraphs[0].text == "高邮市高质量发展考核办公室专用版头"
    assert [p.text for p in doc.paragraphs[:2]] == ["高考办〔2026〕7号", "关于2026年第1季度“赛马”结果的通报"]
    assert len(doc.tables) == 2 and doc.tables[0].rows[0].cells[2].text == "单位"
    assert len(doc.tables[0].rows) == 5


@pytest.mark.parametrize("name, data, text", [
    ("bulletin.pdf", b"%PDF-1.4 not a word file", "模板必须是 Word .docx 文件；“bulletin.pdf”不是"),
    ("伪装.docx", b"just text pretending", "“伪装.docx”不是可读取的 Word 文档（.docx）。"),  # the shared upload check
    ("未知.docx", office_template("{{ title }}", "{{ secretary_name }}"), "平台不认识的占位符：{{ secretary_name }}"),
    ("坏.docx", office_template("{{ title "), "占位符写错或被 Word 拆开"),
])
def test_a_bad_template_is_refused_in_chinese_and_nothing_saved(client, users, name, data, text):
    page = upload(client, users.office, "sprint_bulletin", data, name=name).content.decode()
    assert text in page
    assert not DocumentTemplate.objects.exists()


def test_only_the_office_uploads_templates_and_readers_export(client, users, race):
    data = office_template("{{ title }}")
    for user in (users.reporter, users.leader, users.safety):
        client.force_login(user)
        response = client.post(reverse("channels:template_upload", args=["sprint_bulletin"]),
                               {"file": SimpleUploadedFile("t.docx", data)})
        assert response.status_code == 404
    assert not DocumentTemplate.objects.exists()
    assert_access(client, reverse("channels:template_list"), inside=[users.office, users.leader, users.admin],
                  outside=[users.reporter, users.safety, users.orgdept])
    assert_access(client, reverse("channels:document_export", args=["sprint_bulletin"]),
                  inside=[users.office, users.leader], outside=[users.reporter, users.safety, users.orgdept])
    assert_access(client, reverse("channels:template_download", args=["sprint_bulletin"]),
                  inside=[users.office], outside=[users.reporter, users.leader])


def test_the_consequence_cases_and_explanations_export_as_tables(client, users, units, race):
    from livelihood.models import Explanation
    from projects.sprint.choices import CaseStatus, ConsequenceKind
    from projects.sprint.models import ConsequenceCase
    from tests.livelihood.factories import TaskFactory

    ConsequenceCase.objects.create(unit=units.other_town, year=2026, kind=ConsequenceKind.INTERVIEW,
                                   status=CaseStatus.CONFIRMED, evidence="连续两季度红旗", reason="经考核办认定",
                                   decided_by=users.office, decided_at=timezone.now())
    doc = export(client, users.office, "consequence_cases", year=2026)
    assert doc.tables[0].rows[1].cells[1].text == units.other_town.name
    assert doc.tables[0].rows[1].cells[3].text == "连续两季度红旗"
    task = TaskFactory(year=2025, number=7, title="新建城南菜市场", lead_unit=units.town, percent=60)
    Explanation.objects.create(task=task, reason="征地延后", next_steps="加快拆迁", new_date=date(2026, 6, 30))
    doc = export(client, users.office, "livelihood_explanations", year=2025)
    row = [c.text for c in doc.tables[0].rows[1].cells]
    assert row[:5] == ["2025-007", "新建城南菜市场", units.town.name, "60%", "征地延后"]


def test_a_year_without_a_published_race_is_a_404(client, users):
    client.force_login(users.office)
    assert client.get(reverse("channels:document_export", args=["sprint_bulletin"]), {"year": 2031}).status_code == 404


# --- the Word exports linked from where people work --------------------------------------------------------
def _word_links(client, user, url):
    client.force_login(user)
    response = client.get(url)
    client.logout()
    if response.status_code != 200:
        return response.status_code, None
    html = response.content.decode()
    return 200, re.findall(r'<a [^>]*href="([^"]+)" data-testid="word-export"', html)


def test_the_word_exports_are_linked_from_their_pages_for_those_allowed_to_export(client, users, race):
    exporters = {users.office, users.leader, users.admin}
    everyone = [users.office, users.leader, users.admin, users.reporter, users.dept_reporter, users.safety,
                users.orgdept, users.nobody]
    pages = [
        (reverse("sprint:race_detail", args=[race.pk]), "sprint_bulletin", "year=2026&quarter=1"),
        (reverse("sprint:race_bulletin", args=[race.pk]), "sprint_bulletin", "year=2026&quarter=1"),
        (reverse("sprint:case_list") + "?year=2026", "consequence_cases", "year=2026"),
        (reverse("livelihood:task_list") + "?year=2026", "livelihood_explanations", "year=2026"),
    ]
    for url, code, query in pages:
        seen_by_others = 0  # users who read the page but may not export
        for user in everyone:
            status, links = _word_links(client, user, url)
            if user in exporters:
                expected = reverse("channels:document_export", args=[code]) + "?" + query
                assert (status, links) == (200, [expected.replace("&", "&amp;")]), (url, user.username)
            elif status == 200:
                seen_by_others += 1
                assert links == [], (url, user.username)
        # the page is not only the exporters' (a unit's reporter reads it too) and shows them no link
        assert seen_by_others and _word_links(client, users.reporter, url) == (200, []), url
    client.force_login(users.leader)
    response = client.get(reverse("channels:document_export", args=["sprint_bulletin"]) + "?year=2026&quarter=1")
    assert response.status_code == 200 and response["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.wordprocessingml")


def test_a_draft_race_has_no_word_bulletin_link(client, users, race):
    from projects.sprint.models import SprintRace

    SprintRace.objects.filter(pk=race.pk).update(status="draft")
    _, links = _word_links(client, users.office, reverse("sprint:race_detail", args=[race.pk]))
    assert links == []
