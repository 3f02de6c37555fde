"""Excel (.xlsx) in and out: the reader under the import engine (``gaoyou_portal.imports``) and every export.

Apps declare imports for the engine rather than calling the reader; reading is strict and streaming:

    with open_sheet(uploaded_file, columns=COLUMNS) as sheet:      # checks type, size, headers
        errors = RowErrors()
        for row in sheet.rows():                                   # one dict per data row
            ...validate row.values, errors.add(row.number, "投资", "不是数字")...
        errors.raise_if_any()                                      # DomainError listing every row error

``COLUMNS`` maps each header as it appears in the sheet (the towns' own wording) to a key. Missing
headers, a file that is not .xlsx, a file over ``settings.PORTAL_MAX_SPREADSHEET_BYTES`` and any cell
holding a formula are refused with the row and column named. Rows are read with openpyxl's
read-only mode, so memory holds one row at a time, not the file.

Writing: ``xlsx_response(filename, headers, rows)`` streams a workbook built in write-only mode.
"""

import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.http import HttpResponse
from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.utils import get_column_letter

from .errors import DomainError

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass
class SheetRow:
    number: int  # the row number as Excel shows it
    values: dict  # key -> cell value (None for an empty cell)


@dataclass
class RowError:
    row: int
    column: str
    message: str

    def __str__(self):
        if self.row:
            return _("Row %(row)s, column %(column)s: %(message)s") % {
                "row": self.row, "column": self.column, "message": self.message
            }
        return f"{self.column}: {self.message}" if self.column else self.message


class SpreadsheetError(DomainError):
    """The file cannot be read as the expected sheet; ``row_errors`` lists every problem found."""

    def __init__(self, row_errors):
        self.row_errors = list(row_errors)
        super().__init__([str(e) for e in self.row_errors])


class RowErrors:
    """Collects row errors; ``raise_if_any`` raises them all at once (imports are all-or-nothing)."""

    def __init__(self, limit=500):
        self.items: list[RowError] = []
        self.limit = limit

    def add(self, row, column, message):
        if len(self.items) < self.limit:
            self.items.append(RowError(row, str(column), str(message)))

    def __bool__(self):
        return bool(self.items)

    def __len__(self):
        return len(self.items)

    def raise_if_any(self):
        if self.items:
            raise SpreadsheetError(self.items)


class Sheet:
    def __init__(self, workbook, worksheet, header_row, columns):
        self.workbook = workbook
        self.worksheet = worksheet
        self.header_row = header_row
        self.columns = columns  # list of (index, header, key)

    def rows(self) -> Iterator[SheetRow]:
        """Data rows after the header, skipping wholly empty rows; refuses formulas as it goes."""
        for number, cells in enumerate(
            self.worksheet.iter_rows(min_row=self.header_row + 1, values_only=True), start=self.header_row + 1
        ):
            if cells is None or all(c is None or (isinstance(c, str) and not c.strip()) for c in cells):
                continue
            values = {}
            for index, header, key in self.columns:
                value = cells[index] if index < len(cells) else None
                if isinstance(value, str):
                    if value.startswith("="):
                        raise SpreadsheetError(
                            [RowError(number, header, _("holds a formula; paste the value instead"))]
                        )
                    value = value.strip() or None
                values[key] = value
            yield SheetRow(number, values)

    def close(self):
        self.workbook.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def open_sheet(uploaded, *, columns, max_bytes=None, sheet_name=None, name=None) -> Sheet:
    """Open the first (or named) sheet of an uploaded .xlsx and map its header row to ``columns``.

    ``name``: the file's name as the user uploaded it (the stored file may be named otherwise).
    """
    max_bytes = max_bytes or settings.PORTAL_MAX_SPREADSHEET_BYTES
    name = name or getattr(uploaded, "name", "") or ""
    size = getattr(uploaded, "size", None)
    if size is not None and size > max_bytes:
        raise SpreadsheetError(
            [RowError(0, "", _("The file is too large (limit %(mb)s MB).") % {"mb": max_bytes // (1024 * 1024)})]
        )
    if not name.lower().endswith(".xlsx"):
        raise SpreadsheetError([RowError(0, "", _("Upload an Excel workbook (.xlsx)."))])
    unreadable = _("“%(name)s” is not a readable Excel workbook (.xlsx).")
    source = uploaded.file if hasattr(uploaded, "file") else uploaded
    try:
        source.seek(0)
        if not zipfile.is_zipfile(source):
            raise zipfile.BadZipFile
        source.seek(0)
        # data_only=False keeps formulas as "=..." strings so they can be refused.
        workbook = load_workbook(source, read_only=True, data_only=False)
    except Exception:  # any parser failure (malformed or hostile XML) is the same answer, never a 500
        raise SpreadsheetError([RowError(0, "", unreadable % {"name": name})])
    header_row, headers = 1, None
    try:
        worksheet = (workbook[sheet_name] if sheet_name and sheet_name in workbook.sheetnames
                     else workbook.worksheets[0])
        for number, cells in enumerate(worksheet.iter_rows(min_row=1, max_row=5, values_only=True), start=1):
            labels = [str(c).strip() if c is not None else "" for c in cells]
            if any(label in columns for label in labels):
                header_row, headers = number, labels
                break
    except Exception:
        workbook.close()
        raise SpreadsheetError([RowError(0, "", unreadable % {"name": name})])
    if headers is None:
        workbook.close()
        raise SpreadsheetError([RowError(1, "", _("No header row found: expected the columns %(cols)s.") % {
            "cols": "、".join(columns)})])
    missing = [label for label in columns if label not in headers]
    if missing:
        workbook.close()
        raise SpreadsheetError(
            [RowError(header_row, label, _("this column is missing")) for label in missing]
        )
    mapped = [(headers.index(label), label, key) for label, key in columns.items()]
    return Sheet(workbook, worksheet, header_row, mapped)


# --- cell parsing helpers: each returns the value or raises ValueError with a message ------------------------
def parse_decimal(value, *, places=2, minimum=None):
    if value is None:
        raise ValueError(_("is empty"))
    try:
        number = Decimal(str(value).replace(",", "").strip())
    except InvalidOperation:
        raise ValueError(_("is not a number"))
    if not number.is_finite():
        raise ValueError(_("is not a number"))
    if minimum is not None and number < minimum:
        raise ValueError(_("must be at least %(min)s") % {"min": minimum})
    return number.quantize(Decimal(1).scaleb(-places))


def parse_date(value):
    if value is None:
        raise ValueError(_("is empty"))
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value).strip().replace("/", "-").replace(".", "-")
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ValueError(_("is not a date (use 2026-10-01)"))


def parse_int(value, *, minimum=None, maximum=None):
    if value is None:
        raise ValueError(_("is empty"))
    try:
        if isinstance(value, float) and not value.is_integer():
            raise ValueError
        number = int(str(value).strip().split(".")[0]) if not isinstance(value, int) else value
    except ValueError:
        raise ValueError(_("is not a whole number"))
    if (minimum is not None and number < minimum) or (maximum is not None and number > maximum):
        raise ValueError(_("must be between %(min)s and %(max)s") % {"min": minimum, "max": maximum})
    return number


# --- writing -------------------------------------------------------------------------------------------------
def xlsx_bytes(headers, rows, *, title="Sheet1", more_sheets=()):
    """A workbook of one sheet (``headers``, ``rows``), then any ``more_sheets``: (title, headers, rows)."""
    workbook = Workbook(write_only=True)
    for sheet_title, sheet_headers, sheet_rows in [(title, headers, rows), *more_sheets]:
        worksheet = workbook.create_sheet(title=str(sheet_title)[:31])
        for index, header in enumerate(sheet_headers, start=1):
            worksheet.column_dimensions[get_column_letter(index)].width = max(10, min(40, len(str(header)) * 2 + 4))
        worksheet.append([str(h) for h in sheet_headers])
        for row in sheet_rows:
            worksheet.append([_cell(v) for v in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _cell(value):
    if isinstance(value, str) and value.startswith(("=", "+", "-", "@")) and not _is_number(value):
        return "'" + value  # never write a formula from user text (CSV/Excel injection)
    if isinstance(value, datetime) and value.tzinfo is not None:
        from django.utils import timezone

        return timezone.localtime(value).replace(tzinfo=None)  # Excel has no time zones
    if hasattr(value, "label") and not isinstance(value, str):
        return str(value.label)
    return value if isinstance(value, (int, float, Decimal, date, datetime, type(None))) else str(value)


def _is_number(text):
    try:
        Decimal(text)
        return True
    except InvalidOperation:
        return False


def xlsx_response(filename, headers, rows, *, title="Sheet1", more_sheets=()):
    response = HttpResponse(xlsx_bytes(headers, rows, title=title, more_sheets=more_sheets),
                            content_type=XLSX_CONTENT_TYPE)
    from urllib.parse import quote

    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
    return response
