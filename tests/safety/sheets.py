"""Building ledger workbooks in the towns' format for tests and the benchmark."""

import io

from openpyxl import Workbook

from gaoyou_portal.credit_codes import make_credit_code
from safety.imports import FIRM_COLUMNS, WORKSHOP_COLUMNS  # noqa: F401


def workbook_bytes(headers, rows, *, title_row=None):
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("台账")
    if title_row:
        ws.append([title_row])
    ws.append(list(headers))
    for row in rows:
        ws.append(list(row))
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def workshop_rows(count, *, town="测试甲镇", start=0):
    for n in range(start, start + count):
        yield [f"示范服装加工点{n}号", "王某", town, f"某村{n}号", 5, "三合一、灭火器",
               "整改提升" if n % 3 else "取缔关停", "2026-03-01", "2026-12-31", "", "李四", ""]


def firm_rows(count, *, town="测试甲镇", start=0):
    for n in range(start, start + count):
        yield [f"示范化工有限公司{n}", make_credit_code(800000 + n), town, "工业区1号", "涂料", "一般危化品",
               "关闭", "2026-03-01", "2026-12-31", "测试局", "张三", ""]


WORKSHOP_HEADERS = list(WORKSHOP_COLUMNS)
FIRM_HEADERS = list(FIRM_COLUMNS)
