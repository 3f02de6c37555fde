"""The import engine's shared pages: a large file goes to the job and back, error report, template, scope."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from gaoyou_portal.choices import ImportState
from gaoyou_portal.models import ImportJob
from livelihood.imports import COLUMNS
from livelihood.models import LivelihoodTask

pytestmark = pytest.mark.django_db

ROWS = [
    [1, "新建城南实验小学", "教育", "建成48个班", "测试领导", "测试局", "测试甲镇、测试乙镇", "2027-08-31"],
    [2, "老旧小区改造", "housing", "改造15个", "测试领导", "t-dept", "", "2027-12-31"],
]


def workbook(rows):
    book = Workbook()
    book.active.append([c.header for c in COLUMNS])
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return SimpleUploadedFile("民生实事.xlsx", buffer.getvalue())


def test_a_large_file_is_checked_and_imported_by_the_job_with_its_page(client, users, units, settings,
                                                                       django_capture_on_commit_callbacks):
    settings.PORTAL_IMPORT_INLINE_BYTES = 100  # every file is "large"
    client.force_login(users.office)
    with django_capture_on_commit_callbacks(execute=False) as queued:
        response = client.post("/livelihood/staff/import/", {"year": 2027, "file": workbook(ROWS)})
    job = ImportJob.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/imports/{job.pk}/"
    assert job.state == ImportState.VALIDATING and len(queued) == 1  # queued on commit, not run in the request
    page = client.get(response["Location"]).content.decode()
    assert 'hx-trigger="every 1s"' in page
    with django_capture_on_commit_callbacks(execute=True):
        queued[0]()
    job.refresh_from_db()
    assert job.state == ImportState.VALID and job.total_rows == 2 and not LivelihoodTask.objects.exists()
    assert [row["cells"][1] for row in job.preview] == ["新建城南实验小学", "老旧小区改造"]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("import_confirm", args=[job.pk]))
    job.refresh_from_db()
    assert response.status_code == 302 and job.state == ImportState.DONE
    assert (job.created_count, job.updated_count, job.created_by) == (2, 0, users.office)
    assert LivelihoodTask.objects.filter(year=2027).count() == 2


def test_every_error_downloads_as_a_sheet_and_the_job_is_the_uploaders(client, users, units):
    client.force_login(users.office)
    bad = [ROWS[0], [2, "未知单位", "教育", "x", "无名氏", "不存在的局", "", "2027-05-01"]]
    response = client.post("/livelihood/staff/import/", {"year": 2027, "file": workbook(bad)})
    job = ImportJob.objects.get()
    assert response.status_code == 200 and job.state == ImportState.INVALID
    assert job.error_lines == ["第 3 行，责任领导 列：未知市领导“无名氏”", "第 3 行，牵头单位 列：未知单位“不存在的局”"]
    sheet = load_workbook(io.BytesIO(client.get(reverse("import_errors", args=[job.pk])).content)).active
    assert [list(r) for r in sheet.iter_rows(values_only=True)] == [
        ["行", "列", "问题"], [3, "责任领导", "未知市领导“无名氏”"], [3, "牵头单位", "未知单位“不存在的局”"]]
    assert not LivelihoodTask.objects.exists()
    client.force_login(users.leader)  # not the uploader, nor an administrator
    assert client.get(reverse("import_job", args=[job.pk])).status_code == 404
    assert client.get(reverse("import_errors", args=[job.pk])).status_code == 404
    client.force_login(users.admin)
    assert "第 3 行，牵头单位 列" in client.get(reverse("import_job", args=[job.pk])).content.decode()


def test_the_template_has_the_headers_and_each_columns_help(client, users):
    client.force_login(users.office)
    response = client.get(reverse("import_template", args=["livelihood.tasks"]))
    book = load_workbook(io.BytesIO(response.content))
    assert [c.value for c in book.worksheets[0][1]] == [c.header for c in COLUMNS]
    assert [c.value for c in book.worksheets[1][1]] == ["列", "必填", "填写方法"]
    assert [c.value for c in book.worksheets[1][9]] == ["完成时限", "是", "年内日期，如 2026-12-31"]
    client.force_login(users.reporter)
    assert client.get(reverse("import_template", args=["livelihood.tasks"])).status_code == 404
    client.force_login(users.office)
    assert client.get(reverse("import_template", args=["no.such"])).status_code == 404
