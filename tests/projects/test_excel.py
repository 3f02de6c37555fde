"""Excel: the ledger exports and imports back (all or nothing); a unit's reports upload as one sheet."""

import io
from datetime import date
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from gaoyou_portal.imports.engine import run_file
from gaoyou_portal.models import ImportJob
from gaoyou_portal.reporting import ReportingCalendar, add_months
from projects import excel, services
from projects.imports import LedgerImport, UnitReportsImport
from projects.models import MonthlyReport, Project

pytestmark = pytest.mark.date_dependent  # reads today's date; CI reruns it with the clock moved


def import_ledger(upload, user):
    return run_file(spec=LedgerImport, upload=upload, user=user)


def sheet(rows, name="台账.xlsx"):
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue())


def exported_rows(client, user):
    client.force_login(user)
    response = client.get(reverse("projects:ledger_export"))
    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(response.content))
    return [list(r) for r in workbook.active.iter_rows(values_only=True)]


def ledger_row(units, code="N-001", **overrides):
    values = {"项目编号": code, "项目名称": "新建储能项目", "级别": "扬州市级", "类别": "工业", "产业": "新能源",
              "责任单位": units.town.name, "服务部门": units.dept.name, "责任人": "王五", "联系电话": "",
              "总投资（万元）": 30000, "年度计划投资（万元）": 12000, "签约日期": date(2026, 2, 1), "状态": "签约",
              "挂钩市领导": "测试领导", "开工计划日期": date(2026, 6, 1)}
    values.update(overrides)
    return [values.get(header) for header in excel.LEDGER_COLUMNS]


def test_the_ledger_exports_and_imports_back_with_updates_and_new_rows(client, users, units, project):
    rows = exported_rows(client, users.office)
    assert rows[0] == list(excel.LEDGER_COLUMNS)
    assert rows[1][0] == project.code and rows[1][5] == units.town.name
    rows[1][1] = "改过名的项目"
    rows.append(ledger_row(units))
    result = import_ledger(sheet(rows), users.office)
    assert result.errors == [] and (result.created, result.updated) == (1, 1)
    project.refresh_from_db()
    assert project.name == "改过名的项目"
    new = Project.objects.get(code="N-001")
    assert new.responsible_unit == units.town and list(new.service_units.all()) == [units.dept]
    assert new.milestones.get(kind="started").planned_date == date(2026, 6, 1)
    assert services.project_leaders(new).get().name == "测试领导"
    assert new.history.first().history_user == users.office


@pytest.mark.parametrize(
    ("overrides", "column"),
    [
        ({"责任单位": "不存在镇"}, "责任单位"),
        ({"签约日期": "明年"}, "签约日期"),
        ({"总投资（万元）": "很多"}, "总投资（万元）"),
        ({"级别": "国家级"}, "级别"),
        ({"挂钩市领导": "无名氏"}, "挂钩市领导"),
    ],
)
def test_an_import_with_any_bad_row_changes_nothing(users, units, project, overrides, column):
    rows = [list(excel.LEDGER_COLUMNS), ledger_row(units, "N-001"), ledger_row(units, "N-002", **overrides)]
    result = import_ledger(sheet(rows), users.office)
    assert len(result.errors) == 1 and result.errors[0].startswith(f"第 3 行，{column} 列"), result.errors
    assert not Project.objects.filter(code__startswith="N-").exists()


def test_a_service_error_on_one_row_rolls_back_the_rows_before_it(users, units, project):
    future = date.today().replace(year=date.today().year + 1)
    rows = [list(excel.LEDGER_COLUMNS), ledger_row(units, "N-001"),
            ledger_row(units, "N-002", **{"开工实际日期": future})]
    result = import_ledger(sheet(rows), users.office)
    assert len(result.errors) == 1 and "不能晚于今天" in result.errors[0], result.errors
    assert not Project.objects.filter(code__startswith="N-").exists()


def test_duplicate_codes_wrong_columns_formulas_and_non_excel_files_are_refused(users, units, project):
    header = list(excel.LEDGER_COLUMNS)
    result = import_ledger(sheet([header, ledger_row(units, "D-1"), ledger_row(units, "D-1")]), users.office)
    assert result.errors == ["第 3 行，项目编号 列：编号 D-1 重复（第 2 行也有）"]
    result = import_ledger(sheet([[h for h in header if h != "责任单位"], ["x"] * 10]), users.office)
    assert result.errors == ["第 1 行，责任单位 列：缺少此列"]
    result = import_ledger(sheet([header, ledger_row(units, "F-1", **{"项目名称": "=1+1"})]), users.office)
    assert result.errors == ["第 2 行，项目名称 列：含有公式，请粘贴为数值"]
    result = import_ledger(SimpleUploadedFile("台账.csv", b"a,b"), users.office)
    assert result.errors == ["“台账.csv”不是 Excel 工作簿：请上传 .xlsx 文件。"]
    big = SimpleUploadedFile("big.xlsx", b"0" * 10)
    big.size = 10**9
    assert import_ledger(big, users.office).errors == ["“big.xlsx”大于 20 MB。"]
    assert not Project.objects.filter(code__in=["D-1", "F-1"]).exists()


def test_the_import_page_previews_then_confirms(client, users, units, project):
    client.force_login(users.office)
    upload = sheet([list(excel.LEDGER_COLUMNS), ledger_row(units)])
    preview = client.post(reverse("projects:ledger_import"), {"file": upload}).content.decode()
    job = ImportJob.objects.get()
    assert "导入 1 行" in preview and "新建储能项目" in preview and not Project.objects.filter(code="N-001").exists()
    client.post(reverse("import_confirm", args=[job.pk]))
    assert Project.objects.filter(code="N-001").exists()
    job.refresh_from_db()
    assert (job.state, job.created_count, job.created_by) == ("done", 1, users.office)


def test_the_import_page_lists_row_errors(client, users, units, project):
    client.force_login(users.office)
    upload = sheet([list(excel.LEDGER_COLUMNS), ledger_row(units, **{"责任单位": "火星镇"})])
    body = client.post(reverse("projects:ledger_import"), {"file": upload}).content.decode()
    assert "未保存任何数据" in body and "火星镇" in body


def test_a_unit_uploads_its_reports_in_one_sheet_all_or_nothing(client, users, units, project, open_month):
    other = Project.objects.create(code="O-1", name="乙镇项目", category="industrial",
                                   responsible_unit=units.other_town, responsible_person="x", total_investment=1,
                                   signing_date=date(2025, 1, 1))
    month = open_month
    good = [list(excel.REPORT_COLUMNS), [project.code, month, 55, "完成", "顺利"]]
    bad = good + [[other.code, month, 10, "", ""]]
    client.force_login(users.reporter)
    body = client.post(reverse("projects:report_upload"), {"file": sheet(bad, "月报.xlsx")}).content.decode()
    assert "属于其他单位" in body and not MonthlyReport.objects.exists()
    client.post(reverse("projects:report_upload"), {"file": sheet(good, "月报.xlsx")})
    job = ImportJob.objects.get(state="valid")
    client.post(reverse("import_confirm", args=[job.pk]))
    saved = MonthlyReport.objects.get()
    assert saved.investment == Decimal("55") and saved.submitted_by == users.reporter


def test_negative_investment_in_the_report_sheet_names_row_and_column(users, units, project, today):
    rows = [list(excel.REPORT_COLUMNS), [project.code, today.replace(day=1), -5, "", ""]]
    result = run_file(spec=UnitReportsImport, upload=sheet(rows, "月报.xlsx"), user=users.reporter,
                      params={"unit_ids": [units.town.pk]})
    assert len(result.errors) == 1 and result.errors[0].startswith("第 2 行，本月完成投资（万元） 列")


def test_the_upload_preview_names_each_project_shows_every_field_and_what_it_replaces(client, users, units, project,
                                                                                     open_month):
    """Issue 10, finding 7: nothing submitted is overwritten unseen."""
    second = Project.objects.create(code="N-2", name="甲镇第二项目", category="industrial", responsible_unit=units.town,
                                    responsible_person="x", total_investment=1, signing_date=date(2025, 1, 1))
    month = open_month
    users.reporter.first_name = "甲镇填报员"
    users.reporter.save()
    MonthlyReport.objects.create(project=project, month=month, investment=Decimal("120.5"), workload="主体封顶",
                                 submitted_by=users.reporter)
    rows = [list(excel.REPORT_COLUMNS), [project.code, month, 55.5, "完成装修", "顺利"],
            [second.code, month, 10, "开工", "正常"]]
    client.force_login(users.reporter)
    body = client.post(reverse("projects:report_upload"), {"file": sheet(rows, "月报.xlsx")},
                       follow=True).content.decode()
    replaced, new = body.split('data-row="2"')[1].split('data-row="3"')
    assert project.name in replaced and "55.5" in replaced and "完成装修" in replaced and "顺利" in replaced
    assert "替换甲镇填报员" in replaced and "原为" in replaced and "120.50" in replaced and "主体封顶" in replaced
    assert second.name in new and "新月报" in new
    assert MonthlyReport.objects.get(project=project).investment == Decimal("120.5")  # only previewed


def test_the_report_template_is_for_the_chosen_month(client, users, project, today):
    client.force_login(users.reporter)
    oldest = add_months(ReportingCalendar().latest_open_month(today), -11)  # the earliest of the twelve offered
    response = client.get(reverse("projects:report_upload"), {"template": "1", "month": f"{oldest:%Y-%m}"})
    cells = [row for row in load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True)]
    assert cells[1][0] == project.code and cells[1][1].date() == oldest
    page = client.get(reverse("projects:report_upload")).content.decode()
    assert 'name="month"' in page and "本月报模板" not in page


def test_a_sheet_of_many_reports_costs_a_fixed_number_of_queries_a_row_and_leaves_every_light_true(users, units,
                                                                                                  open_month):
    """Issue 16: the deadline day's sheet upload. Settings are read once and the lights of the sheet's
    projects refreshed once at the end, not once a row; each row costs the same few statements."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from projects.lights import stale_lights

    from .factories import ProjectFactory

    projects = [ProjectFactory(responsible_unit=units.town, signing_date=date(open_month.year - 1, 1, 1),
                               year_planned_investment=1200) for _ in range(10)]

    def upload(chosen):
        rows = [list(excel.REPORT_COLUMNS)] + [[p.code, open_month, 5, "", ""] for p in chosen]
        with CaptureQueriesContext(connection) as queries:
            result = run_file(spec=UnitReportsImport, upload=sheet(rows, "月报.xlsx"), user=users.reporter,
                              params={"unit_ids": [units.town.pk]})
        assert not result.errors
        return len(queries)

    two, ten = upload(projects[:2]), upload(projects[2:])
    per_row = (ten - two) / 6  # six rows more
    assert per_row <= 8, (two, ten)  # scope check, duplicate check, report, history, two savepoints
    assert MonthlyReport.objects.filter(month=open_month).count() == 10
    assert stale_lights(Project.objects.filter(pk__in=[p.pk for p in projects])) == []
