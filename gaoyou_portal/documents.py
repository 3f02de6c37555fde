"""Word documents from the office's own template (docxtpl), for every app.

An app registers a kind of document with the placeholders it fills and a function that builds the
context (``register(DocumentKind(...))`` in its AppConfig.ready()); tables in the context are ``Table``
values and come out as real Word tables. The office uploads a .docx with its letterhead, document
number (文号), issuing office and seal line; ``validate_template`` refuses anything else with a message
naming the problem. Without an upload, ``default_template`` builds one that follows GB/T 9704-2012
(the layout of official documents): title in 小标宋 二号, body in 仿宋_GB2312 三号 with 22 lines of 28
characters, margins 37/35/28/26 mm, page numbers "— 1 —" in 宋体 四号, right on odd pages, left on even.

The core imports no app: the template bytes come from the caller (``notify.DocumentTemplate`` holds them).
"""

import io
import logging
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gaoyou_portal.errors import error_text

from . import template_sandbox

DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
TITLE_FONT = "方正小标宋简体"  # GB/T 9704's 小标宋; Word substitutes the nearest installed font
BODY_FONT = "仿宋_GB2312"
HEADING_FONT = "黑体"
NUMBER_FONT = "宋体"
LATIN_FONT = "Times New Roman"

logger = logging.getLogger(__name__)

COMMON_PLACEHOLDERS = {
    "title": gettext_lazy("title of the document"),
    "doc_number": gettext_lazy("document number (文号), from the export form"),
    "issuer": gettext_lazy("issuing office"),
    "date": gettext_lazy("date of issue"),
    "year": gettext_lazy("year"),
}


@dataclass
class Table:
    """A table for a document: header cells and rows of text; rendered as a real Word table."""

    headers: list
    rows: list
    widths_cm: list = field(default_factory=list)

    def __len__(self):
        return len(self.rows)


@dataclass
class DocumentKind:
    """A document an app can export. ``build(user, params)`` returns the context (strings, lists of
    paragraphs, ``Table`` values); ``placeholders`` names each key for the office (beyond the common ones);
    ``body`` is the default template's layout: a list of ("heading"|"paragraph"|"paragraphs"|"table", key)."""

    code: str
    label: str
    placeholders: dict
    build: Callable
    body: list
    can_export: Callable = lambda user: True
    params: tuple = ()

    @property
    def allowed(self):
        return set(COMMON_PLACEHOLDERS) | set(self.placeholders)


_KINDS: dict = {}


def register(kind):
    _KINDS[kind.code] = kind
    return kind


def get_kind(code):
    return _KINDS.get(code)


def kinds():
    return list(_KINDS.values())


# --- checking an uploaded template ----------------------------------------------------------------------------
def validate_template(data, kind):
    """Refuse anything but a .docx whose placeholders are all ones the portal fills for ``kind``, read
    as plain values (``template_sandbox.check_sources``: no attribute beginning with “_”, no globals)."""
    from docxtpl import DocxTemplate

    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise ValidationError(_("The template is not a Word .docx file (save it in Word as “Word document (*.docx)”)."))
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        if "word/document.xml" not in archive.namelist():
            raise ValidationError(_("The template is not a Word .docx file (save it in Word as “Word document "
                                    "(*.docx)”)."))
    try:
        template = DocxTemplate(io.BytesIO(data))
        texts = template_sandbox.sources(template)
    except Exception:
        raise ValidationError(_("The template cannot be read as a Word document.")) from None
    return template_sandbox.check_sources(texts, kind.allowed)


# --- rendering --------------------------------------------------------------------------------------------------
def common_context(*, title, year, doc_number=""):
    return {"title": title, "year": year, "doc_number": doc_number, "issuer": settings.PORTAL_DOCUMENT_ISSUER,
            "date": formats.date_format(timezone.localdate(), "Y年n月j日")}


def _plain(value):
    """Only text, numbers and lists of them reach a template: a model row would carry its managers along."""
    if value is None or isinstance(value, (str, int, float, Decimal)):
        return value
    if isinstance(value, (list, tuple)):
        return [_plain(item) for item in value]
    if isinstance(value, dict):
        return {str(key): _plain(item) for key, item in value.items()}
    return str(value)


def render(template_bytes, context):
    """Fill the template in the sandbox with the document's own context only; every ``Table`` becomes a
    Word table (a sub-document placed by ``{{p name }}``)."""
    from docxtpl import DocxTemplate

    template = DocxTemplate(io.BytesIO(template_bytes))
    filled = {}
    for key, value in context.items():
        if isinstance(value, Table):
            sub = template.new_subdoc()
            _add_table(sub, value)
            filled[key] = sub
        else:
            filled[key] = _plain(value)
    template.render(filled, jinja_env=template_sandbox.environment(autoescape=True))
    out = io.BytesIO()
    template.save(out)
    return out.getvalue()


def _font(run, name, size_pt, bold=False, color=None):
    from docx.oxml.ns import qn
    from docx.shared import Pt, RGBColor

    run.font.name = LATIN_FONT if name in (BODY_FONT, NUMBER_FONT) else name
    run.font.size = Pt(size_pt)
    run.font.bold = bold
    if color:
        run.font.color.rgb = RGBColor.from_string(color)
    r_pr = run._element.get_or_add_rPr()
    fonts = r_pr.get_or_add_rFonts()
    fonts.set(qn("w:eastAsia"), name)


def _add_table(doc, table):
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.shared import Cm

    word = doc.add_table(rows=1, cols=len(table.headers))
    word.style = "Table Grid"
    word.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, text in zip(word.rows[0].cells, table.headers, strict=False):
        cell.text = ""
        _font(cell.paragraphs[0].add_run(str(text)), HEADING_FONT, 12)
    for row in table.rows:
        cells = word.add_row().cells
        for cell, text in zip(cells, row, strict=False):
            cell.text = ""
            _font(cell.paragraphs[0].add_run("" if text is None else str(text)), BODY_FONT, 12)
    for index, width in enumerate(table.widths_cm):
        for row in word.rows:
            row.cells[index].width = Cm(width)
    return word


# --- the default template (GB/T 9704) ---------------------------------------------------------------------------
def _page_number_field(paragraph):
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    _font(paragraph.add_run("— "), NUMBER_FONT, 14)
    run = paragraph.add_run()
    _font(run, NUMBER_FONT, 14)
    for kind, text in (("begin", None), (None, "PAGE"), ("separate", None), (None, "1"), ("end", None)):
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        elif text == "PAGE":
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = " PAGE "
        else:
            element = OxmlElement("w:t")
            element.text = text
        run._element.append(element)
    _font(paragraph.add_run(" —"), NUMBER_FONT, 14)


def _body_paragraph(doc, text, *, indent=True, align=None, font=BODY_FONT, size=16, bold=False, color=None):
    from docx.shared import Pt

    paragraph = doc.add_paragraph()
    fmt = paragraph.paragraph_format
    fmt.line_spacing = Pt(28.95)  # 22 lines in the 225 mm page core
    fmt.space_before = fmt.space_after = Pt(0)
    if indent:
        fmt.first_line_indent = Pt(size * 2)
    if align is not None:
        paragraph.alignment = align
    if text:
        _font(paragraph.add_run(text), font, size, bold=bold, color=color)
    return paragraph


def default_template(kind):
    """A GB/T 9704 template for ``kind``: the issuing office's red masthead, 文号, red rule, title, body and
    tables, the issuer and date, page numbers. The office may download it, add its seal line and upload it."""
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt

    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    section.footer_distance = Mm(28) - Mm(21)
    doc.settings.odd_and_even_pages_header_footer = True
    odd = section.footer.paragraphs[0]
    odd.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    odd.paragraph_format.right_indent = Pt(14)
    _page_number_field(odd)
    even = section.even_page_footer.paragraphs[0]
    even.alignment = WD_ALIGN_PARAGRAPH.LEFT
    even.paragraph_format.left_indent = Pt(14)
    _page_number_field(even)

    center = WD_ALIGN_PARAGRAPH.CENTER
    _body_paragraph(doc, "{{ issuer }}", indent=False, align=center, font=TITLE_FONT, size=36, color="E60000")
    number = _body_paragraph(doc, "{{ doc_number }}", indent=False, align=center)
    border = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("val", "single"), ("sz", "12"), ("space", "4"), ("color", "E60000")):
        bottom.set(qn(f"w:{key}"), value)
    border.append(bottom)
    number._p.get_or_add_pPr().append(border)
    _body_paragraph(doc, "", indent=False)
    _body_paragraph(doc, "{{ title }}", indent=False, align=center, font=TITLE_FONT, size=22)
    _body_paragraph(doc, "", indent=False)
    for part, key in kind.body:
        if part == "heading":
            _body_paragraph(doc, str(key), font=HEADING_FONT)
        elif part == "paragraph":
            _body_paragraph(doc, f"{{{{ {key} }}}}")
        elif part == "paragraphs":
            _body_paragraph(doc, f"{{%p for text in {key} %}}", indent=False)
            _body_paragraph(doc, "{{ text }}")
            _body_paragraph(doc, "{%p endfor %}", indent=False)
        elif part == "table":
            _body_paragraph(doc, f"{{{{p {key} }}}}", indent=False)
    _body_paragraph(doc, "", indent=False)
    right = WD_ALIGN_PARAGRAPH.RIGHT
    _body_paragraph(doc, "{{ issuer }}", indent=False, align=right).paragraph_format.right_indent = Pt(64)
    _body_paragraph(doc, "{{ date }}", indent=False, align=right).paragraph_format.right_indent = Pt(64)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def export(kind, *, user, params, template_bytes=None):
    """The filled document as bytes and a problem (None, or a message for the office): the office's
    template, checked again and rendered in the sandbox, or the default one when the office's fails (a
    template stored before the checks, or one that breaks on this data) — never an error page."""
    context = kind.build(user=user, params=params)
    if template_bytes:
        try:
            validate_template(template_bytes, kind)
            return render(template_bytes, context), None
        except Exception as exc:  # any failure of the office's file falls back to the portal's own template
            logger.warning("document template for %s refused at export: %s", kind.code, exc)
            problem = _("The office's template for “%(label)s” cannot be used (%(reason)s); the document was made "
                        "with the portal's default template.") % {
                "label": kind.label,
                "reason": error_text(exc) if isinstance(exc, ValidationError) else _("it failed to fill")}
            return render(default_template(kind), context), problem
    return render(default_template(kind), context), None
