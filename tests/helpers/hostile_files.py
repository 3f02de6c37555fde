"""The hostile-file set (issue 15), generated on demand: no binary is committed.

    python -m tests.helpers.hostile_files OUTDIR 项目编号 项目名称 ...   # write the set for these headers

Each builder returns ``(file name, bytes)``. The workbooks are written by hand (the few parts Excel
needs, cells as inline strings), so the set builds in well under a second except the bomb and the
100,000 rows, which are cached per process.
"""

import functools
import io
import os
import sys
import zipfile
from xml.sax.saxutils import escape

CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    "</Types>"
)
ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'officeDocument" Target="xl/workbook.xml"/></Relationships>'
)
WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'worksheet" Target="worksheets/sheet1.xml"/></Relationships>'
)
SHEET_OPEN = '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
SHEET_CLOSE = "</sheetData></worksheet>"
LAUGHS = (
    '<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
    + "".join(f'<!ENTITY lol{n} "{("&lol" + str(n - 1) + ";") * 10}">' for n in range(2, 10))
    + "]>"
)


def _row(number, cells):
    parts = []
    for index, value in enumerate(cells):
        if value is None:
            continue
        ref = f"{_column(index)}{number}"
        if isinstance(value, str) and value.startswith("="):
            parts.append(f'<c r="{ref}"><f>{escape(value[1:])}</f></c>')
        else:
            parts.append(f'<c r="{ref}" t="inlineStr"><is><t>{escape(str(value))}</t></is></c>')
    return f'<row r="{number}">{"".join(parts)}</row>'


def _column(index):
    name = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        name = chr(65 + rest) + name
    return name


def sheet_xml(headers, rows, *, prolog=""):
    body = [_row(1, headers)] + [_row(n, row) for n, row in enumerate(rows, start=2)]
    return f'<?xml version="1.0" encoding="UTF-8"?>{prolog}{SHEET_OPEN}{"".join(body)}{SHEET_CLOSE}'


def xlsx(sheet, *, extra=()):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("_rels/.rels", ROOT_RELS)
        archive.writestr("xl/workbook.xml", WORKBOOK)
        archive.writestr("xl/_rels/workbook.xml.rels", WORKBOOK_RELS)
        archive.writestr("xl/worksheets/sheet1.xml", sheet)
        for name, data in extra:
            archive.writestr(name, data)
    return buffer.getvalue()


def empty(headers):
    return "空文件.xlsx", b""


def renamed_text(headers):
    return "改名的文本.xlsx", ("，".join(headers) + "\n这不是表格\n").encode()


def formulas(headers):
    return "公式.xlsx", xlsx(sheet_xml(headers, [["=1+1"] * len(headers)]))


def _laughing_sheet(headers, *, padding=""):
    sheet = sheet_xml(headers, [["LAUGH"] * len(headers)]).replace("LAUGH", "&lol9;")
    return sheet.replace('<?xml version="1.0" encoding="UTF-8"?>',
                         '<?xml version="1.0" encoding="UTF-8"?>' + padding + LAUGHS, 1)


def billion_laughs(headers):
    """Entity expansion in sheet1.xml (the classic: 10⁹ “lol”s from a 2 KB file)."""
    return "实体炸弹.xlsx", xlsx(_laughing_sheet(headers))


def billion_laughs_deep(headers):
    """The same past a long comment, beyond the prolog the upload check reads: defusedxml must refuse it."""
    return "深藏实体炸弹.xlsx", xlsx(_laughing_sheet(headers, padding="<!--" + " " * 8000 + "-->"))


@functools.lru_cache(maxsize=1)
def _bomb_bytes():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("_rels/.rels", ROOT_RELS)
        archive.writestr("xl/workbook.xml", WORKBOOK)
        archive.writestr("xl/_rels/workbook.xml.rels", WORKBOOK_RELS)
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as handle:
            handle.write(f'<?xml version="1.0" encoding="UTF-8"?>{SHEET_OPEN}'.encode())
            chunk = b" " * (1024 * 1024)
            for _n in range(520):  # a sheet that inflates past 500 MB
                handle.write(chunk)
            handle.write(SHEET_CLOSE.encode())
    return buffer.getvalue()


def zip_bomb(headers):
    return "压缩炸弹.xlsx", _bomb_bytes()


@functools.lru_cache(maxsize=8)
def hundred_thousand_rows(headers):
    headers = list(headers)
    rows = ([f"第{n}行"] * len(headers) for n in range(100_000))
    return "十万行.xlsx", xlsx(sheet_xml(headers, rows))


@functools.lru_cache(maxsize=8)
def five_thousand_rows(headers):
    """The same rows as ``hundred_thousand_rows``, fewer: a "large" file where the inline limit is lowered."""
    headers = list(headers)
    rows = ([f"第{n}行"] * len(headers) for n in range(5_000))
    return "五千行.xlsx", xlsx(sheet_xml(headers, rows))


def thirty_megabytes(headers):
    """A workbook padded past the size limit with a part that does not compress."""
    return "三十兆.xlsx", xlsx(sheet_xml(headers, []), extra=[("xl/media/padding.bin", os.urandom(30 * 1024 * 1024))])


BUILDERS = {
    "empty": empty, "renamed_text": renamed_text, "formulas": formulas, "billion_laughs": billion_laughs,
    "billion_laughs_deep": billion_laughs_deep, "zip_bomb": zip_bomb, "hundred_thousand_rows": hundred_thousand_rows,
    "five_thousand_rows": five_thousand_rows,
    "thirty_megabytes": thirty_megabytes,
}


def build(kind, headers):
    return BUILDERS[kind](tuple(headers))


if __name__ == "__main__":
    outdir, headers = sys.argv[1], sys.argv[2:] or ["A", "B"]
    os.makedirs(outdir, exist_ok=True)
    for kind in BUILDERS:
        name, content = build(kind, headers)
        with open(os.path.join(outdir, name), "wb") as handle:
            handle.write(content)
        print(f"{name}\t{len(content)} bytes")
