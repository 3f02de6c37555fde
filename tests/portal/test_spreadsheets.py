"""The shared .xlsx reader refuses bad files with the row and column named; the writer is safe."""

import io
from datetime import date
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook, load_workbook

from gaoyou_portal.spreadsheets import (
    RowErrors,
    SpreadsheetError,
    open_sheet,
    parse_date,
    parse_decimal,
    parse_int,
    xlsx_bytes,
)

COLUMNS = {"项目代码": "code", "投资": "investment"}


def workbook_file(rows, name="ledger.xlsx"):
    wb = Workbook()
    ws = wb.active
    for row in rows:
        ws.append(row)
    buffer = io.BytesIO()
    wb.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue())


def test_it_reads_rows_by_header():
    upload = workbook_file([["项目代码", "备注", "投资"], ["P1", "x", 12.5], [None, None, None], ["P2", "", "3"]])
    with open_sheet(upload, columns=COLUMNS) as sheet:
        rows = list(sheet.rows())
    assert [(r.number, r.values) for r in rows] == [
        (2, {"code": "P1", "investment": 12.5}),
        (4, {"code": "P2", "investment": "3"}),
    ]


def test_it_names_missing_columns():
    with pytest.raises(SpreadsheetError) as caught:
        open_sheet(workbook_file([["项目代码", "金额"], ["P1", 1]]), columns=COLUMNS)
    assert "第 1 行，投资 列：缺少此列" in caught.value.messages


def test_it_refuses_formulas_with_row_and_column():
    upload = workbook_file([["项目代码", "投资"], ["P1", 1], ["P2", "=A1*2"]])
    with pytest.raises(SpreadsheetError) as caught, open_sheet(upload, columns=COLUMNS) as sheet:
        list(sheet.rows())
    assert caught.value.messages == ["第 3 行，投资 列：含有公式，请粘贴为数值"]


def test_it_refuses_files_that_are_not_xlsx():
    with pytest.raises(SpreadsheetError) as caught:
        open_sheet(SimpleUploadedFile("ledger.csv", b"a,b\n1,2\n"), columns=COLUMNS)
    assert "请上传 Excel 工作簿（.xlsx）。" in caught.value.messages
    with pytest.raises(SpreadsheetError) as caught:
        open_sheet(SimpleUploadedFile("fake.xlsx", b"not a zip"), columns=COLUMNS)
    assert caught.value.messages == ["“fake.xlsx”不是可读取的 Excel 工作簿（.xlsx）。"]


def test_it_refuses_oversized_files():
    upload = workbook_file([["项目代码", "投资"]])
    with pytest.raises(SpreadsheetError) as caught:
        open_sheet(upload, columns=COLUMNS, max_bytes=10)
    assert "文件过大" in caught.value.messages[0]


def test_row_errors_collect_and_raise_together():
    errors = RowErrors()
    assert not errors
    errors.add(5, "投资", "不是数字")
    errors.add(7, "单位", "未知单位")
    with pytest.raises(SpreadsheetError) as caught:
        errors.raise_if_any()
    assert len(caught.value.row_errors) == 2


def test_cell_parsers():
    assert parse_decimal("1,234.5") == Decimal("1234.50")
    with pytest.raises(ValueError):
        parse_decimal("abc")
    with pytest.raises(ValueError):
        parse_decimal("-1", minimum=0)
    assert parse_date("2026/10/01") == date(2026, 10, 1)
    with pytest.raises(ValueError):
        parse_date("十月")
    assert parse_int(7.0, minimum=1, maximum=100) == 7
    with pytest.raises(ValueError):
        parse_int(101, minimum=1, maximum=100)


def test_the_writer_never_writes_a_formula_from_text():
    data = xlsx_bytes(["名称", "数"], [["=HYPERLINK(\"x\")", 3], ["-5", Decimal("1.50")]])
    ws = load_workbook(io.BytesIO(data)).active
    assert ws["A2"].value == "'=HYPERLINK(\"x\")"
    assert ws["A3"].value == "-5"
    assert ws["B2"].value == 3
