"""Uploaded files are served so that they can never run script on the portal's origin."""

from pathlib import Path

import pytest


@pytest.fixture
def media_files(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    (tmp_path / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0fake-jpeg")
    (tmp_path / "page.html").write_text("<script>alert(1)</script>")
    (tmp_path / "drawing.svg").write_text("<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>")
    return Path(tmp_path)


def test_photos_are_shown_inline_in_a_sandbox(client, media_files):
    response = client.get("/media/photo.jpg")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert not response.get("Content-Disposition", "").startswith("attachment")
    assert response["Content-Security-Policy"].startswith("sandbox")


@pytest.mark.parametrize("name", ["page.html", "drawing.svg"])
def test_other_files_download_and_never_render(client, media_files, name):
    response = client.get(f"/media/{name}")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/octet-stream"
    assert response["Content-Disposition"] == "attachment"
    assert response["Content-Security-Policy"].startswith("sandbox")


def test_paths_outside_media_are_refused(media_files):
    from django.test import Client

    client = Client(raise_request_exception=False)
    assert client.get("/media/%2e%2e/settings.py").status_code in (400, 404)
    assert client.get("/media/missing.jpg").status_code == 404
