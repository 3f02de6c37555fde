"""Issue 27: the pages the county government's portal frames (/embed/livelihood/, /embed/targets/)."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.test import override_settings
from django.utils import timezone

from livelihood import services

pytestmark = [pytest.mark.django_db, pytest.mark.date_dependent]
COUNTY = "https://www.gaoyou.gov.cn"


@pytest.fixture(autouse=True)
def _frozen():
    """The lists show the current year's tasks (2026)."""
    with time_machine.travel(datetime(2026, 12, 7, 10, tzinfo=ZoneInfo("Asia/Shanghai")), tick=False):
        yield


@pytest.fixture
def published(task, users):
    services.update_add(task=task, user=users.reporter, date=timezone.localdate(), percent=40, text="已铺设管网3公里")
    task.refresh_from_db()
    return task


@override_settings(PORTAL_EMBED_ORIGINS=[COUNTY])
def test_the_embedded_list_is_framable_by_the_listed_origins_only(client, published):
    response = client.get("/embed/livelihood/")
    assert response.status_code == 200
    assert "frame-ancestors 'self' https://www.gaoyou.gov.cn" in response["Content-Security-Policy"]
    assert not response.has_header("X-Frame-Options")
    assert not response.cookies and "public" in response["Cache-Control"]
    # every other page stays unframable
    full = client.get("/livelihood/")
    assert full["X-Frame-Options"] == "DENY" and "frame-ancestors 'none'" in full["Content-Security-Policy"]


@override_settings(PORTAL_EMBED_ORIGINS=[COUNTY])
def test_a_page_served_from_the_cache_keeps_the_embedding_headers(client, published):
    first = client.get("/embed/livelihood/")
    second = client.get("/embed/livelihood/")  # from the public cache
    assert first.content == second.content
    assert "frame-ancestors 'self' https://www.gaoyou.gov.cn" in second["Content-Security-Policy"]
    assert not second.has_header("X-Frame-Options")


def test_the_embedded_list_has_no_site_navigation_and_its_links_leave_the_frame(client, published):
    body = client.get("/embed/livelihood/").content.decode()
    assert "龙虬镇区域供水管网改造" in body
    assert 'id="publicNav"' not in body and "工作人员登录" not in body
    assert f'<a href="{published.get_absolute_url()}" target="_top">' in body
    assert 'action="/embed/livelihood/"' in body  # the filters stay in the frame


def test_the_embedded_list_filters_and_searches(client, published, make_tasks):
    make_tasks(3)
    body = client.get("/embed/livelihood/", {"q": "区域供水"}).content.decode()
    assert "龙虬镇区域供水管网改造" in body and "测试民生实事" not in body
    bad = client.get("/embed/livelihood/", {"status": "nonsense"})
    assert bad.status_code == 400 and "筛选条件无效" in bad.content.decode()


def test_one_task_embedded(client, published):
    response = client.get(f"/embed/livelihood/{published.year}/{published.number}/")
    body = response.content.decode()
    assert response.status_code == 200 and "已铺设管网3公里" in body and "40%" in body
    assert f'href="{published.get_absolute_url()}" target="_top"' in body
    assert client.get("/embed/livelihood/2026/99/").status_code == 404


def test_the_editors_page_shows_the_snippet_and_a_preview(client, published):
    body = client.get("/open-data/embed/").content.decode()
    assert "&lt;iframe src=&quot;http://testserver/embed/livelihood/&quot;" in body
    assert '<iframe src="/embed/livelihood/"' in body and '<iframe src="/embed/targets/"' in body


