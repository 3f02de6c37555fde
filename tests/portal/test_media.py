"""Uploaded files: served only to those who may read their record, under random names, in a sandbox."""

import datetime
import re
from urllib.parse import quote

import pytest
from django.apps import apps
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models
from django.test import Client
from django.utils import timezone

from gaoyou_portal import registry
from gaoyou_portal.media import PrivateUploadTo
from gaoyou_portal.models import ImportJob
from leaders.models import Leader
from livelihood import services as livelihood_services
from livelihood.models import ProgressUpdate
from projects.models import ReportAttachment
from safety.models import InspectionPhoto
from tests.projects.factories import ProjectFactory, report
from tests.safety.factories import ChemicalFirmFactory, InspectionFactory, photo

pytestmark = pytest.mark.date_dependent  # reads today's date; CI reruns it with the clock moved

PNG = photo().read()  # a real image: the upload check opens it with Pillow
RANDOM_NAME = re.compile(r"^[a-z/]+/[0-9a-f]{32}/[^/]+$")


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def task(users, units):
    return livelihood_services.task_create(
        user=users.office, year=2026, number=7, title="龙虬镇区域供水管网改造", category="water",
        target="改造老旧供水管网 8 公里", responsible_leader=Leader.objects.get(name="测试领导"),
        lead_unit=units.dept, responsible_units=[units.town], deadline=datetime.date(2026, 12, 31),
    )


def add_update(client, task, user, *, published, name="现场.png", content=PNG):
    """What a reporter does in the issue: a progress update with a photo, "publish" ticked or not."""
    client.force_login(user)
    data = {"date": timezone.localdate().isoformat(), "percent": 35, "text": "完成管网 3 公里",
            "attachment": SimpleUploadedFile(name, content, content_type="image/png")}
    if published:
        data["published"] = "on"
    assert client.post(f"/livelihood/staff/{task.pk}/progress/", data).status_code == 302
    client.logout()
    return task.updates.latest("id")


def get_as(user, url):
    client = Client(raise_request_exception=False)
    if user is not None:
        client.force_login(user)
    return client.get(url)


def test_an_unpublished_update_photo_is_not_public(client, task, users):
    update = add_update(client, task, users.reporter, published=False)
    url = update.attachment.url
    assert get_as(None, url).status_code == 404
    assert get_as(users.nobody, url).status_code == 404
    for user in (users.reporter, users.dept_reporter, users.office, users.leader, users.admin):
        response = get_as(user, url)
        assert response.status_code == 200, user
        assert b"".join(response.streaming_content) == PNG


def test_a_published_update_photo_is_public_and_shown_inline_in_a_sandbox(client, task, users):
    update = add_update(client, task, users.reporter, published=True)
    response = get_as(None, update.attachment.url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["Content-Disposition"].startswith("inline")
    assert response["Content-Security-Policy"].startswith("sandbox")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "private" in response["Cache-Control"]
    assert "sessionid" not in response.cookies


def test_taking_an_update_back_makes_its_photo_private(client, task, users):
    update = add_update(client, task, users.reporter, published=True)
    livelihood_services.update_set_published(update=update, user=users.office, published=False)
    assert get_as(None, update.attachment.url).status_code == 404


def test_stored_names_are_random_and_the_download_keeps_the_original_name(client, task, users):
    first = add_update(client, task, users.reporter, published=True)
    second = add_update(client, task, users.reporter, published=True)
    assert RANDOM_NAME.match(first.attachment.name) and RANDOM_NAME.match(second.attachment.name)
    assert first.attachment.name != second.attachment.name
    assert f"/{task.number:03d}/" not in first.attachment.name
    response = get_as(None, first.attachment.url)
    assert response["Content-Disposition"] == f"inline; filename*=utf-8''{quote('现场.png')}"


def test_a_long_original_name_still_fits_the_column():
    name = PrivateUploadTo("safety/inspections")(None, "很" * 300 + ".xlsx")
    assert len(name) <= 100 and name.endswith(".xlsx") and RANDOM_NAME.match(name)


@pytest.mark.parametrize("name", ["page.html", "drawing.svg"])
def test_other_files_download_and_never_render(task, users, name, _media_root):
    # A file stored before the upload check looked inside (today's check refuses this one at the door).
    update = livelihood_services.update_add(task=task, user=users.reporter, percent=20, text="旧", published=True)
    stored = PrivateUploadTo("livelihood")(update, name.replace(".", "_") + ".docx")
    (_media_root / stored).parent.mkdir(parents=True)
    (_media_root / stored).write_bytes(b"<script>alert(1)</script>")
    ProgressUpdate.objects.filter(pk=update.pk).update(attachment=stored)  # updates are append-only
    update.refresh_from_db()
    response = get_as(None, update.attachment.url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/octet-stream"
    assert response["Content-Disposition"].startswith("attachment; filename=")
    assert response["Content-Security-Policy"].startswith("sandbox")


def test_a_file_stored_before_the_random_names_keeps_working_for_those_allowed(task, users, _media_root):
    """Rows uploaded under the old guessable paths are found by the path they hold."""
    old = "livelihood/2026/007/现场.png"
    (_media_root / "livelihood/2026/007").mkdir(parents=True)
    (_media_root / old).write_bytes(PNG)
    update = livelihood_services.update_add(task=task, user=users.reporter, percent=20, text="旧", published=False)
    ProgressUpdate.objects.filter(pk=update.pk).update(attachment=old)  # as the old code stored it
    assert get_as(None, f"/media/{old}").status_code == 404
    assert get_as(users.office, f"/media/{old}").status_code == 200
    livelihood_services.update_set_published(update=update, user=users.office, published=True)
    assert get_as(None, f"/media/{old}").status_code == 200


def test_a_file_no_record_holds_is_never_served(users, _media_root):
    (_media_root / "livelihood").mkdir()
    (_media_root / "livelihood" / "stray.png").write_bytes(PNG)
    (_media_root / "settings.py").write_text("SECRET")
    for path in ("livelihood/stray.png", "settings.py", "%2e%2e/settings.py", "livelihood/../settings.py",
                 "missing.jpg"):
        assert get_as(users.admin, f"/media/{path}").status_code in (400, 404), path


def test_an_uploaded_ledger_is_for_the_bureau_only(users):
    job = ImportJob(spec="safety.firms", original_name="化工企业台账.xlsx", created_by=users.safety)
    job.file.save("化工企业台账.xlsx", ContentFile(b"PK\x03\x04 firm names and credit codes"), save=True)
    url = job.file.url
    assert RANDOM_NAME.match(job.file.name)
    for user in (None, users.reporter, users.office, users.leader, users.orgdept, users.nobody):
        assert get_as(user, url).status_code == 404, user
    response = get_as(users.safety, url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/octet-stream"
    assert response["Content-Disposition"].startswith("attachment;")


def test_inspection_photos_and_report_attachments_are_for_staff_only(users, units):
    firm = ChemicalFirmFactory(town=units.town)
    inspection = InspectionFactory(firm=firm)
    picture = InspectionPhoto(inspection=inspection)
    picture.image.save("photo.png", photo(), save=True)
    project = ProjectFactory(responsible_unit=units.town)
    attachment = ReportAttachment(report=report(project, datetime.date(2026, 10, 1), 10))
    attachment.file.save("现场.pdf", ContentFile(b"%PDF-1.4"), save=True)
    for url in (picture.image.url, attachment.file.url):
        assert get_as(None, url).status_code == 404
        assert get_as(users.nobody, url).status_code == 404
        assert get_as(users.reporter, url).status_code == 200
        assert get_as(users.safety, url).status_code == 200


def test_behind_a_proxy_django_checks_and_the_proxy_sends_the_bytes(client, task, users, settings):
    update = add_update(client, task, users.reporter, published=False)
    settings.SERVE_MEDIA = False
    settings.MEDIA_ACCEL_REDIRECT = "/protected-media/"
    assert get_as(None, update.attachment.url).status_code == 404
    response = get_as(users.office, update.attachment.url)
    assert response.status_code == 200
    assert response["X-Accel-Redirect"] == "/protected-media/" + quote(update.attachment.name)
    assert response.content == b""
    assert response["Content-Security-Policy"].startswith("sandbox")


def test_every_upload_field_is_declared_with_a_random_name():
    """A new upload field that nobody declared would never be served; one with a guessable name fails here."""
    declared = {(entry.model, entry.field) for entry in registry.private_files()}
    found = set()
    for model in apps.get_models():
        if model.__name__.startswith("Historical"):
            continue
        for field in model._meta.get_fields():
            if isinstance(field, models.FileField):
                found.add((model._meta.label, field.name))
                assert isinstance(field.upload_to, PrivateUploadTo), (model, field.name)
    assert found and found == declared
