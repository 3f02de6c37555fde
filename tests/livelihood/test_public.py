"""The public site: no login, no cookies, exactly the public fields, 400 on malformed filters, cached."""

import csv
import datetime
import io
import json
import xml.etree.ElementTree as ET

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from livelihood import services
from livelihood.api.serializers import PUBLIC_FIELDS
from livelihood.cache import invalidate
from livelihood.choices import TaskStatus
from livelihood.models import LivelihoodTask
from tests.helpers.permissions import assert_access

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def reported(task, users):
    services.update_add(task=task, user=users.reporter, date=timezone.localdate(), percent=40, text="已铺设管网3公里")
    services.update_add(task=task, user=users.reporter, date=timezone.localdate(), percent=55,
                        text="内部草稿不公开", published=False)
    task.refresh_from_db()
    task.internal_note = "内部备注：预算紧张"
    task.save()
    return task


def public_urls(task):
    return ["/livelihood/", f"/livelihood/{task.year}/{task.number}/", "/livelihood/print/",
            "/livelihood/open-data.csv", "/livelihood/open-data.json", "/livelihood/feed/", "/"]


def test_public_pages_answer_everyone_and_set_no_cookies(client, reported, users):
    for url in public_urls(reported):
        responses = assert_access(client, url, anonymous=200, inside=[users.reporter, users.nobody])
        anonymous = responses[None]
        assert not anonymous.cookies, f"{url} set cookies {anonymous.cookies}"
        assert "csrfmiddlewaretoken" not in anonymous.content.decode()


def test_the_list_shows_counts_by_status_and_the_task(client, reported):
    body = client.get("/livelihood/").content.decode()
    assert "2026年民生实事" in body and "龙虬镇区域供水管网改造" in body
    assert 'data-status="in_progress"' in body
    counts = client.get("/livelihood/open-data.json").json()
    assert counts["count"] == 1


def test_search_and_filters_narrow_the_list(client, reported, units, make_tasks):
    make_tasks(2)
    assert "龙虬镇区域供水管网改造" in client.get("/livelihood/?q=供水管网").content.decode()
    body = client.get("/livelihood/?q=没有这个任务").content.decode()
    assert "没有符合条件的任务" in body
    body = client.get(f"/livelihood/?unit={units.other_town.code}").content.decode()
    assert "龙虬镇区域供水管网改造" not in body
    assert "龙虬镇区域供水管网改造" in client.get(f"/livelihood/?unit={units.town.code}&status=in_progress"
                                             ).content.decode()
    assert client.get("/livelihood/?q=7").content.decode().count("task-card") >= 1


@pytest.mark.parametrize("query", [
    "status=bogus", "unit=no-such-unit", "year=abc", "year=99999", "category=<script>", "q=" + "x" * 300,
    "q=%00", "year=2026&status[]=1", "unit=%ff%fe",
])
def test_malformed_public_filters_answer_400_never_500(client, reported, query):
    for url in ("/livelihood/", "/livelihood/open-data.csv", "/livelihood/open-data.json", "/livelihood/print/",
                "/api/v1/livelihood/tasks/"):
        response = client.get(f"{url}?{query}")
        if query == "year=2026&status[]=1":  # an unknown parameter is ignored, not an error
            assert response.status_code == 200, url
            continue
        assert response.status_code == 400, f"{url}?{query}: {response.status_code}"
    refused = query != "year=2026&status[]=1"
    assert ("筛选条件无效" in client.get(f"/livelihood/?{query}").content.decode()) == refused


def test_the_task_page_shows_who_is_answerable_and_only_published_progress(client, reported, users):
    body = client.get(reported.get_absolute_url()).content.decode()
    for text in ("测试领导", "测试局", "测试甲镇", "2026-12-31", "已铺设管网3公里", 'aria-valuenow="40"'):
        assert text in body, text
    for secret in ("内部草稿不公开", "内部备注", "t-reporter", users.reporter.username):
        assert secret not in body, secret


def test_the_explanation_is_public_only_once_approved(client, reported, users):
    services.explanation_write(task=reported, user=users.reporter, reason="征地拆迁未完成", next_steps="加快推进",
                               new_date=datetime.date(2027, 6, 30))
    assert "征地拆迁未完成" not in client.get(reported.get_absolute_url()).content.decode()
    assert client.get("/api/v1/livelihood/tasks/").json()["results"][0]["explanation"] is None
    services.explanation_approve(task=reported, user=users.dept_reporter)
    body = client.get(reported.get_absolute_url()).content.decode()
    assert "征地拆迁未完成" in body and "2027-06-30" in body
    assert client.get("/api/v1/livelihood/tasks/").json()["results"][0]["explanation"] == {
        "reason": "征地拆迁未完成", "next_steps": "加快推进", "new_date": "2027-06-30"}


def test_english_is_available_under_en(client, reported):
    body = client.get("/en/livelihood/").content.decode()
    assert "2026 livelihood tasks" in body and "In progress" in body
    assert 'lang="en"' in body
    assert "推进中" in client.get("/livelihood/").content.decode()


def test_the_csv_is_valid_and_carries_only_public_columns(client, reported):
    response = client.get("/livelihood/open-data.csv")
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == ["年度", "编号", "任务名称", "类别", "建设内容及目标", "状态", "完成进度（%）", "完成时限",
                       "完成日期", "牵头单位", "责任单位", "责任领导", "链接"]
    assert len(rows) == 2 and all(len(r) == len(rows[0]) for r in rows)
    assert rows[1][:3] == ["2026", "7", "龙虬镇区域供水管网改造"] and rows[1][6] == "40"
    assert "内部备注" not in response.content.decode()


def test_the_json_lists_exactly_the_public_fields(client, reported):
    data = json.loads(client.get("/livelihood/open-data.json").content)
    assert data["year"] == 2026 and data["count"] == 1
    assert set(data["tasks"][0]) == set(PUBLIC_FIELDS)
    assert data["tasks"][0]["percent"] == 40 and data["tasks"][0]["lead_unit"] == "测试局"


def test_the_atom_feed_is_valid_and_lists_published_updates_only(client, reported):
    response = client.get("/livelihood/feed/")
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)
    assert root.tag == f"{ATOM}feed"
    for required in ("id", "title", "updated"):
        assert root.find(f"{ATOM}{required}") is not None
    entries = root.findall(f"{ATOM}entry")
    assert len(entries) == 1
    entry = entries[0]
    for required in ("id", "title", "updated", "link", "summary"):
        assert entry.find(f"{ATOM}{required}") is not None, required
    assert "40%" in entry.find(f"{ATOM}title").text
    published = reported.updates.get(published=True)
    assert entry.find(f"{ATOM}link").get("href").endswith(f"/livelihood/2026/7/#update-{published.pk}")
    assert "内部草稿" not in response.content.decode()


def test_public_pages_are_cached_and_invalidated_when_a_published_update_arrives(client, reported, users):
    url = reported.get_absolute_url()
    assert 'aria-valuenow="40"' in client.get(url).content.decode()
    assert "max-age=60" in client.get(url)["Cache-Control"]
    # A write that bypasses the services (and the signals) is not seen: the page is served from the cache.
    LivelihoodTask.objects.filter(pk=reported.pk).update(title="绕过服务的改名")
    assert "绕过服务的改名" not in client.get(url).content.decode()
    client.get("/livelihood/")
    with CaptureQueriesContext(connection) as ctx:
        assert client.get("/livelihood/").status_code == 200
    assert len(ctx.captured_queries) == 0
    # A published update through the service invalidates every public page at once.
    services.update_add(task=reported, user=users.reporter, date=timezone.localdate(), percent=80, text="主体完工")
    body = client.get(url).content.decode()
    assert 'aria-valuenow="80"' in body and "主体完工" in body and "绕过服务的改名" in body
    assert "80%" in client.get("/livelihood/").content.decode()
    assert "主体完工" in client.get("/livelihood/feed/").content.decode()


def test_an_unpublished_update_or_explanation_draft_also_refreshes_nothing_public(client, reported, users):
    """The cache may be bumped by internal writes, but what the public sees stays the published state."""
    services.update_add(task=reported, user=users.reporter, date=timezone.localdate(), percent=90,
                        text="未公开的进展", published=False)
    body = client.get(reported.get_absolute_url()).content.decode()
    assert "未公开的进展" not in body and 'aria-valuenow="40"' in body


def _uncached_queries(client, url):
    invalidate()
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_public_pages_run_a_fixed_small_number_of_queries(client, reported, users, make_tasks):
    urls = ["/livelihood/", reported.get_absolute_url(), "/livelihood/open-data.json", "/livelihood/feed/", "/"]
    before = {url: _uncached_queries(client, url) for url in urls}
    for task in make_tasks(50):
        services.update_add(task=task, user=users.reporter, date=timezone.localdate(), percent=20, text="开工")
    for _ in range(5):
        services.update_add(task=reported, user=users.reporter, date=timezone.localdate(), percent=60, text="推进")
    after = {url: _uncached_queries(client, url) for url in urls}
    assert after == before
    assert max(n for url, n in before.items() if url != "/") <= 8, before  # the home page also asks other apps


def test_the_home_page_shows_the_years_headline_figures(client, reported, users):
    services.task_confirm_completion(task=reported, user=users.dept_reporter, note="完成")
    body = client.get("/").content.decode()
    assert "2026年民生实事" in body and "1 / 1" in body
    assert LivelihoodTask.objects.get().status == TaskStatus.COMPLETED


def test_the_cache_is_invalidated_again_once_the_write_commits(reported, users, django_capture_on_commit_callbacks):
    from livelihood.cache import generation

    before = generation()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        services.update_add(task=reported, user=users.reporter, date=timezone.localdate(), percent=70, text="推进")
        during = generation()
    assert before < during < generation()  # a page rendered before the commit is dropped after it
    assert callbacks
