"""The public layout: no login, no cookies, no external hosts, Chinese first."""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.django_db


def test_public_home_sets_no_cookies(client):
    response = client.get("/")
    assert response.status_code == 200
    assert not response.cookies
    assert "高邮" in response.content.decode()


def test_public_home_has_a_content_security_policy(client):
    response = client.get("/")
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp
    assert "frame-ancestors 'none'" in csp
    assert response["X-Frame-Options"] == "DENY"


EXTERNAL = re.compile(r"""(?:https?:)?//(?!127\.0\.0\.1|localhost|\[::1\])[a-z0-9.-]+\.[a-z]{2,}[/"'\s]""", re.I)


def _portal_files():
    for folder in [ROOT / "templates", *ROOT.glob("*/templates"), ROOT / "static" / "js", ROOT / "static" / "css"]:
        for path in folder.rglob("*"):
            if path.is_file() and path.suffix in (".html", ".js", ".css", ".txt", ".xml"):
                yield path


def test_no_template_or_asset_references_an_external_host():
    offenders = []
    for path in _portal_files():
        for line in path.read_text(encoding="utf-8").splitlines():
            if EXTERNAL.search(line) and "xmlns" not in line and "www.w3.org" not in line:
                offenders.append(f"{path.relative_to(ROOT)}: {line.strip()[:120]}")
    assert offenders == []


def test_vendored_assets_are_served_locally(client):
    for asset in (
        "vendor/bootstrap/bootstrap.min.css",
        "vendor/bootstrap/bootstrap.bundle.min.js",
        "vendor/htmx/htmx.min.js",
        "vendor/echarts/echarts.min.js",
        "vendor/bootstrap-icons/bootstrap-icons.min.css",
    ):
        assert (ROOT / "static" / asset).is_file(), asset
    body = client.get("/").content.decode()
    assert "/static/vendor/bootstrap/bootstrap.min.css" in body


def test_api_docs_work_offline(client):
    response = client.get("/api/docs/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/" in body
    assert not EXTERNAL.search(body)


def test_api_schema_is_served(client, users):
    response = client.get("/api/schema/")
    assert response.status_code == 200
    assert b"/api/v1/livelihood/tasks/" in response.content and b"/api/v1/units/" not in response.content
    client.force_login(users.reporter)
    assert b"/api/v1/units/" in client.get("/api/schema/").content


def test_favicon_answers_at_the_root_and_every_page_links_it(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/x-icon"
    assert response.content[:4] == b"\x00\x00\x01\x00"  # an ICO file's magic number
    assert "public" in response["Cache-Control"] and not response.cookies
    home = client.get("/").content.decode()
    assert 'rel="icon" href="/static/img/favicon.svg"' in home
