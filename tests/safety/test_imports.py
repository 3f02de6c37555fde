"""Excel import of the ledgers: all-or-nothing, row-by-row errors, the background job and its page."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from gaoyou_portal.choices import ImportState
from gaoyou_portal.imports.engine import run_file
from gaoyou_portal.models import ImportJob
from safety.choices import CaseState, Ledger, WorkshopDisposition
from safety.imports import SPECS
from safety.models import ChemicalFirm, GarmentWorkshop

from .factories import ChemicalFirmFactory
from .sheets import FIRM_HEADERS, WORKSHOP_HEADERS, firm_rows, workbook_bytes, workshop_rows

pytestmark = pytest.mark.django_db

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def upload(content, name="台账.xlsx"):
    return SimpleUploadedFile(name, content, content_type=XLSX)


def _run(content, ledger, user, name="台账.xlsx"):
    return run_file(spec=SPECS[ledger], upload=upload(content, name), user=user)


def test_a_valid_workshop_ledger_is_imported_with_history(users, units):
    result = _run(workbook_bytes(WORKSHOP_HEADERS, workshop_rows(30), title_row="甲镇服装小作坊整治台账"),
                  Ledger.WORKSHOPS, users.safety)
    assert result.errors == [] and result.created == 30
    shop = GarmentWorkshop.objects.get(name="示范服装加工点1号")
    assert shop.town == units.town and shop.state == CaseState.DECIDED
    assert shop.disposition == WorkshopDisposition.RECTIFY and shop.hazard_list == ["three_in_one", "extinguishers"]
    record = shop.history.get()
    assert record.history_user == users.safety and record.history_change_reason == "从 Excel 导入"


def test_one_bad_row_among_many_saves_nothing(users, units):
    rows = list(workshop_rows(1200))
    rows[987][2] = "不存在镇"
    result = _run(workbook_bytes(WORKSHOP_HEADERS, rows), Ledger.WORKSHOPS, users.safety)
    assert result.created == 0
    assert result.errors == ["第 989 行，所在镇（区） 列：“不存在镇”不是已登记的镇（区）"]
    assert GarmentWorkshop.objects.count() == 0


@pytest.mark.parametrize("mutate, column, message", [
    (lambda r: r.__setitem__(1, "91321084000000001X"), "统一社会信用代码", "不是有效的统一社会信用代码"),
    (lambda r: r.__setitem__(2, "火星镇"), "所在镇（区）", "不是已登记的镇（区）"),
    (lambda r: r.__setitem__(6, "拆了"), "处置方式", "不是以下之一"),
    (lambda r: r.__setitem__(8, "2026-01-01"), "整改期限", "早于处置日期"),
    (lambda r: r.__setitem__(8, "下个月"), "整改期限", "不是"),
    (lambda r: r.__setitem__(8, None), "整改期限", "请设定处置的整改期限。"),  # the form's words
    (lambda r: r.__setitem__(0, None), "企业名称", "为空"),
    (lambda r: r.__setitem__(9, "宇宙局"), "责任部门", "不是已登记的部门"),
])
def test_bad_firm_rows_are_named_by_row_and_column(mutate, column, message, users, units):
    rows = list(firm_rows(5))
    mutate(rows[3])
    result = _run(workbook_bytes(FIRM_HEADERS, rows), Ledger.FIRMS, users.safety)
    assert len(result.errors) == 1, result.errors
    assert "5" in result.errors[0] and column in result.errors[0] and message in result.errors[0]
    assert ChemicalFirm.objects.count() == 0


def test_duplicate_codes_in_the_file_or_on_the_ledger_are_refused(users, units):
    rows = list(firm_rows(4))
    rows[3][1] = rows[0][1]
    result = _run(workbook_bytes(FIRM_HEADERS, rows), Ledger.FIRMS, users.safety)
    assert any("重复" in e for e in result.errors)
    ChemicalFirmFactory(town=units.town, credit_code=rows[1][1])
    result = _run(workbook_bytes(FIRM_HEADERS, list(firm_rows(4))), Ledger.FIRMS, users.safety)
    assert any("已在台账中" in e and "第 3 行" in e for e in result.errors)
    assert ChemicalFirm.objects.count() == 1


def test_missing_columns_formulas_and_wrong_files_are_refused(users, units):
    headers = [h for h in WORKSHOP_HEADERS if h != "存在隐患"]
    result = _run(workbook_bytes(headers, [r[:5] + r[6:] for r in workshop_rows(2)]), Ledger.WORKSHOPS,
                  users.safety)
    assert any("存在隐患" in e and "缺少" in e for e in result.errors), result.errors
    rows = list(workshop_rows(3))
    rows[1][4] = "=SUM(1,2)"
    result = _run(workbook_bytes(WORKSHOP_HEADERS, rows), Ledger.WORKSHOPS, users.safety)
    assert any("公式" in e for e in result.errors), result.errors
    result = _run(b"name,town\nx,y\n", Ledger.WORKSHOPS, users.safety, name="台账.csv")
    assert result.errors and ".xlsx" in result.errors[0]
    result = _run(b"PK\x03\x04 not really a zip", Ledger.WORKSHOPS, users.safety)
    assert result.errors
    assert GarmentWorkshop.objects.count() == 0


def test_the_upload_page_checks_previews_and_imports_in_the_background(client, users, units, run_on_commit):
    client.force_login(users.safety)
    content = workbook_bytes(WORKSHOP_HEADERS, workshop_rows(25))
    with run_on_commit():
        response = client.post("/safety/workshops/import/", {"file": upload(content)})
    job = ImportJob.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"/safety/imports/{job.pk}/")
    assert job.state == ImportState.VALID and job.total_rows == 25 and len(job.preview) == 20
    assert GarmentWorkshop.objects.count() == 0  # checked, not saved
    page = client.get(f"/safety/imports/{job.pk}/").content.decode()
    assert "示范服装加工点0号" in page and "导入 25 行" in page
    with run_on_commit():
        client.post(f"/safety/imports/{job.pk}/confirm/")
    job.refresh_from_db()
    assert job.state == ImportState.DONE and job.created_count == 25
    assert GarmentWorkshop.objects.count() == 25
    partial = client.get(f"/safety/imports/{job.pk}/", HTTP_HX_REQUEST="true").content.decode()
    assert "hx-get" not in partial and "导入完成：新增 25 个，更新 0 个。" in partial
    # Confirming twice imports nothing more.
    with run_on_commit():
        client.post(f"/safety/imports/{job.pk}/confirm/")
    assert GarmentWorkshop.objects.count() == 25


def test_an_invalid_upload_shows_every_row_error_and_cannot_be_confirmed(client, users, units, run_on_commit):
    client.force_login(users.safety)
    rows = list(workshop_rows(10))
    rows[2][2] = "火星镇"
    rows[7][4] = "很多"
    with run_on_commit():
        client.post("/safety/workshops/import/", {"file": upload(workbook_bytes(WORKSHOP_HEADERS, rows))})
    job = ImportJob.objects.get()
    assert job.state == ImportState.INVALID and len(job.errors) == 2
    page = client.get(f"/safety/imports/{job.pk}/").content.decode()
    assert "第 4 行" in page and "第 9 行" in page and "未保存任何数据" in page
    client.post(f"/safety/imports/{job.pk}/confirm/")
    job.refresh_from_db()
    assert job.state == ImportState.INVALID and GarmentWorkshop.objects.count() == 0


def test_a_file_of_the_wrong_type_is_refused_at_upload(client, users, units):
    client.force_login(users.safety)
    response = client.post("/safety/firms/import/", {"file": SimpleUploadedFile("a.xlsx", b"hello")})
    assert response.status_code == 400
    assert "“a.xlsx”不是可读取的 Excel 工作簿（.xlsx）" in response.content.decode()
    assert not ImportJob.objects.exists()


def test_reporters_and_leaders_cannot_import(client, users, units):
    for user in (users.reporter, users.leader):
        client.force_login(user)
        response = client.post("/safety/firms/import/", {"file": upload(workbook_bytes(FIRM_HEADERS, []))})
        assert response.status_code == 404
    assert not ImportJob.objects.exists()


def test_the_template_downloads_with_the_towns_headers(client, users):
    from io import BytesIO

    from openpyxl import load_workbook

    client.force_login(users.reporter)
    for ledger, headers in (("firms", FIRM_HEADERS), ("workshops", WORKSHOP_HEADERS)):
        response = client.get(f"/safety/imports/template/{ledger}.xlsx")
        assert response.status_code == 200
        sheet = load_workbook(BytesIO(response.content)).worksheets[0]
        assert [c.value for c in sheet[1]] == headers


def test_the_export_reimports_as_the_same_ledger(client, users, units):
    _run(workbook_bytes(FIRM_HEADERS, firm_rows(3)), Ledger.FIRMS, users.safety)
    client.force_login(users.leader)
    response = client.get("/safety/firms/export/")
    assert response.status_code == 200
    ChemicalFirm.objects.all().delete()
    result = _run(response.content, Ledger.FIRMS, users.safety)
    assert result.errors == [] and result.created == 3


def _wait_for(job, states, seconds=60):
    import time

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        job.refresh_from_db()
        if job.state in states:
            return job
        time.sleep(0.2)
    raise AssertionError(f"import job stayed {job.state}")


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_a_large_file_is_checked_and_imported_by_a_celery_worker(client, users, units, postgres_required,
                                                                 real_broker):
    from tests.helpers.celery_worker import celery_worker

    client.force_login(users.safety)
    content = workbook_bytes(WORKSHOP_HEADERS, workshop_rows(3000))
    with celery_worker():
        response = client.post("/safety/workshops/import/", {"file": upload(content)})
        job = ImportJob.objects.get()
        assert response.status_code == 302
        page = client.get(f"/safety/imports/{job.pk}/", HTTP_HX_REQUEST="true").content.decode()
        state = page.split('data-state="', 1)[1].split('"', 1)[0]
        assert ('hx-trigger="every 1s"' in page) == (state in (ImportState.VALIDATING, ImportState.IMPORTING))
        _wait_for(job, {ImportState.VALID, ImportState.INVALID})
        assert job.state == ImportState.VALID and job.total_rows == 3000
        client.post(f"/safety/imports/{job.pk}/confirm/")
        _wait_for(job, {ImportState.DONE, ImportState.INVALID, ImportState.FAILED})
    assert job.state == ImportState.DONE and job.created_count == 3000
    assert GarmentWorkshop.objects.count() == 3000
