"""The one upload check: every file a user sends (photo, document, spreadsheet) passes here.

    from gaoyou_portal.uploads import Purpose, check_upload, check_uploads

    check_upload(upload, purpose=Purpose.PHOTO, field="photos")        # in the service, before saving

It raises ``DomainError({field: message})`` naming the file, so forms and the API show the same text.
What is checked, by purpose:

- the extension is one of the purpose's kinds (``PURPOSE_EXTENSIONS``);
- the size is within the limit from settings (``PORTAL_MAX_IMAGE_BYTES`` for images,
  ``PORTAL_MAX_DOCUMENT_BYTES`` for other documents, ``PORTAL_MAX_SPREADSHEET_BYTES`` for imports);
- the content is what the name says: Pillow opens and verifies an image; a PDF starts with ``%PDF-``;
  an .xlsx/.docx is a zip of the expected parts.

Spreadsheets are read by the import engine, so they are checked for hostile content before any
parser sees them (issue 15): the zip directory is read first (no decompression) and an archive with
too many parts, an implausible declared uncompressed size or an implausible compression ratio is
refused; XML parts that declare a DOCTYPE or entities (billion laughs) are refused. openpyxl also
parses with ``defusedxml`` (installed), so entity expansion is off even past this check.

Storage (file names, scope) is not decided here; this module only validates.
"""

import zipfile
from pathlib import Path

from django import forms
from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .errors import DomainError


class Purpose:
    PHOTO = "photo"
    DOCUMENT = "document"  # photos, PDF, Word and Excel files attached as evidence
    SPREADSHEET = "spreadsheet"  # an .xlsx to import
    WORD_TEMPLATE = "word_template"  # the office's .docx template of a generated document


IMAGE_EXTENSIONS = (".jpg", ".jpeg", ".png", ".webp")
PURPOSE_EXTENSIONS = {
    Purpose.PHOTO: IMAGE_EXTENSIONS,
    Purpose.DOCUMENT: (*IMAGE_EXTENSIONS, ".pdf", ".docx", ".xlsx"),
    Purpose.SPREADSHEET: (".xlsx",),
    Purpose.WORD_TEMPLATE: (".docx",),
}
ACCEPT = {
    Purpose.PHOTO: "image/jpeg,image/png,image/webp",
    Purpose.DOCUMENT: "image/*,.pdf,.docx,.xlsx",
    Purpose.SPREADSHEET: ".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    Purpose.WORD_TEMPLATE: ".docx,application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}
# Bounds of a plausible office file: beyond them an archive is a bomb, not a ledger.
MAX_ZIP_PARTS = 2000
MAX_COMPRESSION_RATIO = 200  # a real sheet compresses 5-50x; a zip bomb 1000x
RATIO_CHECKED_FROM = 1024 * 1024  # small parts may compress oddly well; only large ones are judged
XML_PROLOG_BYTES = 4096


def _mb(limit):
    return max(1, limit // (1024 * 1024))


def size_limit(purpose, name=""):
    if purpose == Purpose.SPREADSHEET:
        return settings.PORTAL_MAX_SPREADSHEET_BYTES
    if purpose == Purpose.PHOTO or Path(name).suffix.lower() in IMAGE_EXTENSIONS:
        return settings.PORTAL_MAX_IMAGE_BYTES
    return settings.PORTAL_MAX_DOCUMENT_BYTES


def check_upload(upload, *, purpose, field=None):
    """Refuse ``upload`` unless it is a file of ``purpose`` within its limits; return it rewound."""

    def refuse(message):
        raise DomainError({field: message} if field else message)

    name = Path(getattr(upload, "name", "") or "").name
    suffix = Path(name).suffix.lower()
    allowed = PURPOSE_EXTENSIONS[purpose]
    if suffix not in allowed:
        if purpose == Purpose.SPREADSHEET:
            refuse(_("“%(name)s” is not an Excel workbook: upload an .xlsx file.") % {"name": name})
        refuse(_("“%(name)s” is not an accepted kind of file (accepted: %(kinds)s).")
               % {"name": name, "kinds": "、".join(s.lstrip(".") for s in allowed)})
    limit = size_limit(purpose, name)
    size = getattr(upload, "size", None)
    if size is not None and size > limit:
        refuse(_("“%(name)s” is larger than %(mb)s MB.") % {"name": name, "mb": _mb(limit)})
    if size == 0:
        refuse(_("“%(name)s” is empty.") % {"name": name})
    try:
        upload.seek(0)
        if suffix in IMAGE_EXTENSIONS:
            _check_image(upload, name)
        elif suffix == ".pdf":
            if upload.read(5) != b"%PDF-":
                raise ValueError(_("“%(name)s” is not a PDF document.") % {"name": name})
        else:
            _check_office_zip(upload, name, suffix)
    except ValueError as exc:
        refuse(str(exc))
    finally:
        upload.seek(0)
    return upload


def check_uploads(uploads, *, purpose, field=None):
    """``check_upload`` for each file of a multi-file field."""
    for upload in uploads or ():
        check_upload(upload, purpose=purpose, field=field)
    return uploads


def _check_image(upload, name):
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(upload) as image:
            image.verify()
    except (UnidentifiedImageError, Image.DecompressionBombError, OSError, SyntaxError, ValueError):
        raise ValueError(_("“%(name)s” is not an image.") % {"name": name})


def _check_office_zip(upload, name, suffix):
    """Read the zip directory only; refuse what no office program writes, before any parser runs."""
    unreadable = (_("“%(name)s” is not a readable Excel workbook (.xlsx).") if suffix == ".xlsx"
                  else _("“%(name)s” is not a readable Word document (.docx).")) % {"name": name}
    try:
        archive = zipfile.ZipFile(upload)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        raise ValueError(unreadable)
    with archive:
        parts = archive.infolist()
        names = {part.filename for part in parts}
        main = "xl/workbook.xml" if suffix == ".xlsx" else "word/document.xml"
        if "[Content_Types].xml" not in names or main not in names or len(parts) > MAX_ZIP_PARTS:
            raise ValueError(unreadable)
        limit = getattr(settings, "PORTAL_MAX_UNZIPPED_BYTES", 250 * 1024 * 1024)
        declared = sum(part.file_size for part in parts)
        too_packed = any(
            part.file_size > RATIO_CHECKED_FROM and part.file_size > MAX_COMPRESSION_RATIO * max(part.compress_size, 1)
            for part in parts
        )
        if declared > limit or too_packed:
            raise ValueError(_("“%(name)s” unpacks to an implausible size for a spreadsheet (a “zip bomb”); "
                               "it was refused unread.") % {"name": name})
        for part in parts:
            if part.filename.endswith((".xml", ".rels")):
                try:
                    with archive.open(part) as handle:
                        prolog = handle.read(XML_PROLOG_BYTES)
                except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError, RuntimeError):
                    raise ValueError(unreadable)
                if b"<!DOCTYPE" in prolog.upper() or b"<!ENTITY" in prolog.upper():
                    raise ValueError(_("“%(name)s” contains XML entity declarations, which no spreadsheet "
                                       "needs; it was refused unread.") % {"name": name})


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one field; the service checks each with ``check_uploads``."""

    def __init__(self, *args, purpose=Purpose.DOCUMENT, **kwargs):
        kwargs.setdefault("allow_empty_file", True)  # check_upload refuses it, naming the file
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ACCEPT[purpose], "class": "form-control"}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, (list, tuple)):
            return [single(item, initial) for item in data if item]
        return [single(data, initial)] if data else []


def spreadsheet_field(**kwargs):
    """The file field of every import form."""
    kwargs.setdefault("label", gettext_lazy("Excel workbook (.xlsx)"))
    kwargs.setdefault("allow_empty_file", True)  # check_upload refuses it, naming the file
    return forms.FileField(widget=forms.ClearableFileInput(attrs={"accept": ACCEPT[Purpose.SPREADSHEET]}), **kwargs)
