"""The one upload check: kinds by purpose, limits from settings, content read, every message naming the file."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from gaoyou_portal.errors import DomainError
from gaoyou_portal.uploads import MultipleFileField, Purpose, check_upload, check_uploads
from tests.helpers.files import pdf, photo
from tests.helpers.hostile_files import build


def refused(upload, purpose, field="file"):
    with pytest.raises(DomainError) as caught:
        check_upload(upload, purpose=purpose, field=field)
    return caught.value.message_dict[field]


def docx(name="纪要.docx"):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<document/>")
    return SimpleUploadedFile(name, buffer.getvalue())


def test_good_files_of_each_purpose_pass_and_come_back_rewound():
    for upload, purpose in ((photo("a.png"), Purpose.PHOTO), (photo("a.jpg", fmt="JPEG"), Purpose.DOCUMENT),
                            (pdf(), Purpose.DOCUMENT), (docx(), Purpose.DOCUMENT),
                            (SimpleUploadedFile("表.xlsx", build("formulas", ["A"])[1]), Purpose.SPREADSHEET)):
        assert check_upload(upload, purpose=purpose).tell() == 0


def test_the_kind_must_fit_the_purpose():
    assert refused(pdf("a.pdf"), Purpose.PHOTO) == ["“a.pdf”不是可接受的文件类型（可接受：jpg、jpeg、png、webp）。"]
    assert refused(photo("a.png"), Purpose.SPREADSHEET) == ["“a.png”不是 Excel 工作簿：请上传 .xlsx 文件。"]


def test_the_content_must_match_the_name():
    assert refused(SimpleUploadedFile("a.png", b"\x89PNG\r\n\x1a\n000"), Purpose.PHOTO) == ["“a.png”不是图片。"]
    assert refused(SimpleUploadedFile("a.pdf", b"<html>"), Purpose.DOCUMENT) == ["“a.pdf”不是 PDF 文档。"]
    assert refused(SimpleUploadedFile("a.docx", b"PK\x03\x04"), Purpose.DOCUMENT) == [
        "“a.docx”不是可读取的 Word 文档（.docx）。"]


def test_limits_come_from_settings(settings):
    settings.PORTAL_MAX_IMAGE_BYTES = 100
    assert refused(photo("big.png", size=(400, 400)), Purpose.PHOTO) == ["“big.png”大于 1 MB。"]
    settings.PORTAL_MAX_DOCUMENT_BYTES = 10
    assert refused(pdf("big.pdf"), Purpose.DOCUMENT) == ["“big.pdf”大于 1 MB。"]


def test_a_zip_bomb_is_refused_in_well_under_a_second():
    import time

    name, content = build("zip_bomb", ["A"])
    started = time.monotonic()
    messages = refused(SimpleUploadedFile(name, content), Purpose.SPREADSHEET)
    assert time.monotonic() - started < 0.5
    assert messages == ["“压缩炸弹.xlsx”解压后的大小对电子表格而言不合常理（疑似“压缩炸弹”），已拒收且未读取。"]


def test_several_files_are_each_checked_and_the_field_takes_a_list():
    with pytest.raises(DomainError) as caught:
        check_uploads([photo("a.png"), SimpleUploadedFile("b.png", b"x")], purpose=Purpose.PHOTO, field="photos")
    assert caught.value.message_dict == {"photos": ["“b.png”不是图片。"]}
    field = MultipleFileField(purpose=Purpose.PHOTO, required=False)
    assert field.widget.attrs["accept"] == "image/jpeg,image/png,image/webp"
    assert [f.name for f in field.clean([photo("a.png"), photo("b.png")])] == ["a.png", "b.png"]
    assert field.clean(None) == []
