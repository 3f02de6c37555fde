"""Staff pages: access by role, forms calling the services, the bulletin, Excel import and export."""

import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from openpyxl import Workbook, load_workbook

from livelihood import services
from livelihood.choices import Pace, TaskStatus
from livelihood.imports import COLUMNS as IMPORT_COLUMNS
from livelihood.models import LivelihoodTask, ProgressUpdate
from livelihood.selectors import monthly_bulletin
from tests.helpers.files import photo
from tests.helpers.permissions import assert_access, assert_constant_queries

COLUMNS = [c.header for c in IMPORT_COLUMNS]

pytestmark = pytest.mark.django_db


def test_staff_pages_answer_by_role(client, task, users):
    everyone = [users.reporter, users.office, users.leader, users.dept_reporter]
    for url in ("/livelihood/staff/", f"/livelihood/staff/{task.pk}/", "/livelihood/staff/bulletin/",
                "/livelihood/staff/export.xlsx", "/livelihood/staff/bulletin/?format=xlsx"):
        assert_access(client, url, inside=everyone, outside=[users.nobody])
    for url in (f"/livelihood/staff/{task.pk}/progress/", f"/livelihood/staff/{task.pk}/explanation/",
                f"/livelihood/staff/{task.pk}/confirm/"):
        assert_access(client, url, inside=[users.reporter, users.dept_reporter, users.office],
                      outside=[users.other_reporter, users.leader, users.nobody])
    for url in ("/livelihood/staff/new/", "/livelihood/staff/import/", f"/livelihood/staff/{task.pk}/edit/"):
        assert_access(client, url, inside=[users.office, users.admin], outside=[users.reporter, users.leader])


def test_a_reporter_adds_progress_through_the_form(client, task, users):
    client.force_login(users.reporter)
    response = client.post(f"/livelihood/staff/{task.pk}/progress/", {
        "date": timezone.localdate().isoformat(), "percent": 35, "text": "完成管网 3 公里", "published": "on",
        "attachment": SimpleUploadedFile("现场.png", b"\x89PNG\r\n\x1a\n" + b"0" * 100, content_type="image/png"),
    })
    assert response.status_code == 200 and "“现场.png”不是图片。" in response.content.decode()
    assert not task.updates.exists()
    response = client.post(f"/livelihood/staff/{task.pk}/progress/", {
        "date": timezone.localdate().isoformat(), "percent": 35, "text": "完成管网 3 公里", "published": "on",
        "attachment": photo("现场.png"),
    })
    assert response.status_code == 302
    task.refresh_from_db()
    assert task.percent == 35 and task.status == TaskStatus.IN_PROGRESS
    update = task.updates.get()
    assert update.attachment.name.endswith(".png") and update.entered_by == users.reporter


def test_the_form_shows_the_services_refusal_and_saves_nothing(client, task, users):
    services.update_add(task=task, user=users.reporter, percent=60, text="推进")
    client.force_login(users.reporter)
    response = client.post(f"/livelihood/staff/{task.pk}/progress/", {
        "date": timezone.localdate().isoformat(), "percent": 30, "text": "下调"})
    assert response.status_code == 200
    assert "完成进度低于上次公开的进度（60%），请填写原因" in response.content.decode()
    response = client.post(f"/livelihood/staff/{task.pk}/progress/", {
        "date": timezone.localdate().isoformat(), "percent": 130, "text": "超"})
    assert response.status_code == 200 and "100" in response.content.decode()
    assert task.updates.count() == 1


def test_a_responsible_unit_cannot_confirm_completion_on_the_page(client, task, users):
    client.force_login(users.reporter)
    response = client.post(f"/livelihood/staff/{task.pk}/confirm/", {
        "date": timezone.localdate().isoformat(), "note": "完工"})
    assert "只有牵头单位（测试局）可以确认任务完成" in response.content.decode()
    task.refresh_from_db()
    assert task.status != TaskStatus.COMPLETED
    client.force_login(users.dept_reporter)
    client.post(f"/livelihood/staff/{task.pk}/confirm/", {"date": timezone.localdate().isoformat(), "note": "完工"})
    task.refresh_from_db()
    assert task.status == TaskStatus.COMPLETED


def test_the_lead_unit_approves_the_explanation_and_unpublishes_an_update(client, task, users):
    update = services.update_add(task=task, user=users.reporter, percent=20, text="错误的进展")
    client.force_login(users.reporter)
    client.post(f"/livelihood/staff/{task.pk}/explanation/", {"reason": "资金未到位", "next_steps": "追加预算"})
    client.post(f"/livelihood/staff/{task.pk}/explanation/approve/")
    assert task.explanation.state == "draft"  # a responsible unit cannot approve
    client.force_login(users.dept_reporter)
    response = client.post(f"/livelihood/staff/{task.pk}/explanation/approve/")
    assert response.status_code == 302
    task.explanation.refresh_from_db()
    assert task.explanation.state == "approved"
    client.post(f"/livelihood/staff/updates/{update.pk}/publish/", {"published": "0"})
    update.refresh_from_db()
    task.refresh_from_db()
    assert not update.published and task.percent == 0
    page = client.get(f"/livelihood/staff/{task.pk}/").content.decode()
    assert "变更记录" in page


def test_the_office_list_puts_overdue_first_and_filters(client, task, users, make_tasks):
    late = make_tasks(1, start=50)[0]
    LivelihoodTask.objects.filter(pk=late.pk).update(status=TaskStatus.OVERDUE)
    client.force_login(users.office)
    page = client.get("/livelihood/staff/")
    assert list(page.context["object_list"])[0] == late
    page = client.get("/livelihood/staff/?status=overdue")
    assert list(page.context["object_list"]) == [late]
    client.force_login(users.other_reporter)
    assert 'href="?mine=true"' in client.get("/livelihood/staff/").content.decode()
    assert list(client.get("/livelihood/staff/?mine=true").context["object_list"]) == []
    client.force_login(users.reporter)
    assert task in client.get("/livelihood/staff/?mine=true").context["object_list"]
    assert client.get("/livelihood/staff/?status=nonsense").context["object_list"].count() == 0


def test_the_staff_list_runs_constant_queries(client, task, users, make_tasks):
    assert_constant_queries(client, "/livelihood/staff/", grow=lambda: make_tasks(45), user=users.office)


def test_the_monthly_bulletin_grades_tasks_by_unit(client, task, users, make_tasks):
    june = datetime.date(2026, 6, 1)  # as of 30 June a task due 31 December should be at about 50%
    services.update_add(task=task, user=users.reporter, date=datetime.date(2026, 6, 10), percent=70, text="超前")
    services.update_add(task=task, user=users.reporter, date=datetime.date(2026, 7, 10), percent=75, text="七月")
    row = monthly_bulletin(year=2026, month=june)["units"][0].rows[0]
    assert (row.pace, row.percent, row.expected) == (Pace.AHEAD, 70, 49)
    slow = make_tasks(1, start=60)[0]
    bulletin = monthly_bulletin(year=2026, month=june)
    assert bulletin["totals"] == {Pace.AHEAD: 1, Pace.ON_TRACK: 0, Pace.SLOW: 1} and bulletin["units"][0].slow == 1
    client.force_login(users.leader)
    page = client.get("/livelihood/staff/bulletin/?month=2026-06")
    assert slow.title in page.content.decode() and "data-print" in page.content.decode()
    response = client.get("/livelihood/staff/bulletin/?month=2026-06&format=xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet.max_row == 3
    assert client.get("/livelihood/staff/bulletin/?month=nope").status_code == 400


def _workbook(rows, headers=None):
    book = Workbook()
    sheet = book.active
    sheet.append(headers or list(COLUMNS))
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return SimpleUploadedFile("list.xlsx", buffer.getvalue())


GOOD = [
    [1, "新建城南实验小学", "教育", "建成48个班", "测试领导", "测试局", "测试甲镇、测试乙镇", "2027-08-31"],
    [2, "老旧小区改造", "housing", "改造15个", "测试领导", "t-dept", "", datetime.datetime(2027, 12, 31)],
]


def test_the_office_imports_the_years_list_from_excel(client, users, units):
    client.force_login(users.office)
    response = client.post("/livelihood/staff/import/", {"year": 2027, "file": _workbook(GOOD)})
    assert response.status_code == 302
    first = LivelihoodTask.objects.get(year=2027, number=1)
    assert first.category == "education" and set(first.responsible_units.all()) == {units.town, units.other_town}
    assert LivelihoodTask.objects.get(year=2027, number=2).deadline == datetime.date(2027, 12, 31)
    # The export re-imports: same columns.
    export = client.get("/livelihood/staff/export.xlsx?year=2027")
    sheet = load_workbook(io.BytesIO(export.content)).active
    assert [c.value for c in sheet[1]][: len(COLUMNS)] == list(COLUMNS)
    again = SimpleUploadedFile("again.xlsx", export.content)
    response = client.post("/livelihood/staff/import/", {"year": 2027, "file": again})
    assert response.status_code == 302 and LivelihoodTask.objects.filter(year=2027).count() == 2


def test_an_import_with_a_bad_row_saves_nothing_and_names_every_row(client, users, units):
    client.force_login(users.office)
    bad = [*GOOD,
           [2, "重复编号", "教育", "x", "测试领导", "测试局", "", "2027-05-01"],
           [101, "编号超出", "教育", "x", "测试领导", "测试局", "", "2027-05-01"],
           [5, "未知单位", "教育", "x", "测试领导", "不存在的局", "", "2027-05-01"],
           [6, "跨年", "教育", "x", "无名氏", "测试局", "", "2028-01-01"]]
    response = client.post("/livelihood/staff/import/", {"year": 2027, "file": _workbook(bad)})
    body = response.content.decode()
    assert response.status_code == 200
    for text in ("编号 2 与第 3 行重复", "第 5 行", "第 6 行", "不存在的局", "无名氏", "须在2027年内"):
        assert text in body, text
    assert not LivelihoodTask.objects.filter(year=2027).exists()
    formula = [*GOOD, [7, "公式", "教育", "=1+1", "测试领导", "测试局", "", "2027-05-01"]]
    response = client.post("/livelihood/staff/import/", {"year": 2027, "file": _workbook(formula)})
    assert "第 4 行，建设内容及目标 列：含有公式" in response.content.decode()
    response = client.post("/livelihood/staff/import/", {"year": 2027, "file": _workbook(GOOD, headers=["编号"])})
    assert "任务名称" in response.content.decode() and not LivelihoodTask.objects.exists()
    text = SimpleUploadedFile("list.xlsx", b"not a workbook")
    assert "Excel" in client.post("/livelihood/staff/import/", {"year": 2027, "file": text}).content.decode()
    assert not ProgressUpdate.objects.exists()


def test_the_task_page_shows_its_history_with_unit_names(client, task, users, units):
    services.task_update(task=task, user=users.office, responsible_units=[units.town, units.park])
    client.force_login(users.office)
    body = client.get(f"/livelihood/staff/{task.pk}/").content.decode()
    assert "测试甲镇、测试园区" in body and "livelihoodtask" not in body
