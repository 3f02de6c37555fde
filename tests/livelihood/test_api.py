"""/api/v1/livelihood/tasks/: public fields for everyone, staff fields and writes through the services."""

import pytest
from django.utils import timezone

from livelihood import services
from livelihood.api.serializers import PUBLIC_FIELDS, PUBLIC_UPDATE_FIELDS, PublicTaskSerializer
from livelihood.choices import TaskStatus
from livelihood.models import LivelihoodTask, ProgressUpdate
from tests.helpers.permissions import assert_access, assert_constant_queries

pytestmark = pytest.mark.django_db
URL = "/api/v1/livelihood/tasks/"


@pytest.fixture
def reported(task, users):
    services.update_add(task=task, user=users.reporter, date=timezone.localdate(), percent=40, text="公开进展")
    services.update_add(task=task, user=users.reporter, date=timezone.localdate(), percent=60, text="内部进展",
                        published=False)
    return task


def test_the_public_serializer_has_exactly_the_documented_fields(reported):
    data = PublicTaskSerializer(LivelihoodTask.objects.public_related().get()).data
    assert list(data) == PUBLIC_FIELDS
    for field in ("number", "title", "status", "percent", "deadline", "lead_unit", "responsible_leader"):
        assert field in data  # the contract in DESIGN.md
    assert "internal_note" not in data and "confirmed_by" not in data


def test_anonymous_reads_public_fields_and_only_published_updates(client, reported):
    listing = client.get(URL).json()
    assert listing["count"] == 1 and list(listing["results"][0]) == PUBLIC_FIELDS
    row = listing["results"][0]
    assert (row["number"], row["status"], row["percent"], row["lead_unit"]) == (7, "in_progress", 40, "测试局")
    detail = client.get(f"{URL}{reported.pk}/").json()
    assert list(detail) == [*PUBLIC_FIELDS, "updates"]
    assert [u["text"] for u in detail["updates"]] == ["公开进展"]
    assert list(detail["updates"][0]) == PUBLIC_UPDATE_FIELDS
    updates = client.get(f"{URL}{reported.pk}/updates/").json()
    assert [u["text"] for u in updates] == ["公开进展"]
    assert "t-reporter" not in client.get(f"{URL}{reported.pk}/updates/").content.decode()


def test_staff_read_the_internal_fields_and_every_update(client, reported, users):
    client.force_login(users.leader)
    row = client.get(URL).json()["results"][0]
    assert {"internal_note", "id", "staff_explanation"} <= set(row)
    updates = client.get(f"{URL}{reported.pk}/updates/").json()
    assert {u["text"] for u in updates} == {"公开进展", "内部进展"}
    assert updates[0]["entered_by"] == "t-reporter"


def test_anonymous_cannot_write(client, reported):
    before = ProgressUpdate.objects.count()
    for method, url, data in [
        ("post", URL, {"number": 8}),
        ("patch", f"{URL}{reported.pk}/", {"title": "x"}),
        ("post", f"{URL}{reported.pk}/progress/", {"percent": 90, "text": "x"}),
        ("post", f"{URL}{reported.pk}/confirm/", {"note": "x"}),
        ("post", f"{URL}{reported.pk}/explanation/", {"reason": "x", "next_steps": "y"}),
        ("delete", f"{URL}{reported.pk}/", None),
    ]:
        response = getattr(client, method)(url, data=data, content_type="application/json")
        assert response.status_code == 401, (method, url, response.status_code)
    assert ProgressUpdate.objects.count() == before
    reported.refresh_from_db()
    assert reported.title == "龙虬镇区域供水管网改造"


def test_api_permissions_by_role(client, reported, users):
    assert_access(client, URL, anonymous=200, inside=[users.reporter, users.office, users.leader, users.nobody])
    assert_access(client, f"{URL}{reported.pk}/", anonymous=200, inside=[users.other_reporter])
    assert_access(
        client, f"{URL}{reported.pk}/progress/", method="post", content_type="application/json",
        data={"percent": 50, "text": "推进"}, anonymous=401, outside=[users.other_reporter, users.leader],
        inside=[users.reporter], inside_status=201,
    )


def test_a_responsible_unit_reports_progress_through_the_api(client, reported, users):
    client.force_login(users.reporter)
    response = client.post(f"{URL}{reported.pk}/progress/", {"percent": 70, "text": "完成主体"},
                           content_type="application/json")
    assert response.status_code == 201
    reported.refresh_from_db()
    assert reported.percent == 70


@pytest.mark.parametrize(("payload", "message"), [
    ({"percent": 150, "text": "x"}, "完成进度须在 0 到 100 之间"),
    ({"percent": -5, "text": "x"}, "完成进度须在 0 到 100 之间"),
    ({"percent": 20, "text": "x"}, "完成进度低于上次公开的进度（40%），请填写原因"),
    ({"percent": "abc", "text": "x"}, "percent"),
])
def test_bad_progress_answers_400_with_the_reason_and_saves_nothing(client, reported, users, payload, message):
    client.force_login(users.reporter)
    before = ProgressUpdate.objects.count()
    response = client.post(f"{URL}{reported.pk}/progress/", payload, content_type="application/json")
    assert response.status_code == 400
    assert message in response.content.decode()
    assert ProgressUpdate.objects.count() == before


def test_completion_needs_the_lead_units_confirmation(client, reported, users):
    client.force_login(users.reporter)
    response = client.post(f"{URL}{reported.pk}/confirm/", {"note": "完工"}, content_type="application/json")
    assert response.status_code == 400 and "只有牵头单位（测试局）可以确认任务完成" in response.content.decode()
    client.force_login(users.office)
    response = client.patch(f"{URL}{reported.pk}/", {"status": "completed"}, content_type="application/json")
    assert response.status_code == 400 and "完成须由牵头单位确认" in response.content.decode()
    reported.refresh_from_db()
    assert reported.status == TaskStatus.IN_PROGRESS
    client.force_login(users.dept_reporter)
    response = client.post(f"{URL}{reported.pk}/confirm/", {"note": "完工验收"}, content_type="application/json")
    assert response.status_code == 200 and response.json()["status"] == "completed"


def test_the_office_creates_tasks_and_numbers_are_checked(client, reported, users, units):
    client.force_login(users.office)
    payload = {"year": 2026, "number": 8, "title": "新建口袋公园", "category": "environment", "target": "10个",
               "responsible_leader": reported.responsible_leader_id, "lead_unit": units.dept.code,
               "responsible_units": [units.town.code], "deadline": "2026-12-31"}
    response = client.post(URL, payload, content_type="application/json")
    assert response.status_code == 201, response.content
    assert LivelihoodTask.objects.get(number=8).history.first().history_user == users.office
    for number, message in ((8, "2026年已有编号为 8 的任务"), (0, "任务编号须在 1 到 100 之间"),
                            (101, "任务编号须在 1 到 100 之间")):
        response = client.post(URL, {**payload, "number": number}, content_type="application/json")
        assert response.status_code == 400 and '"number"' in response.content.decode(), response.content
        if number == 8:
            assert message in response.content.decode()
    assert LivelihoodTask.objects.count() == 2
    client.force_login(users.dept_reporter)
    response = client.post(URL, {**payload, "number": 9}, content_type="application/json")
    assert response.status_code == 400 and "只有考核办可以维护民生实事清单" in response.content.decode()


def test_explanations_through_the_api(client, reported, users):
    client.force_login(users.reporter)
    response = client.post(f"{URL}{reported.pk}/explanation/", {"reason": "征地", "next_steps": "加快"},
                           content_type="application/json")
    assert response.status_code == 200 and response.json()["state"] == "draft"
    response = client.post(f"{URL}{reported.pk}/explanation/approve/", content_type="application/json")
    assert response.status_code == 400
    client.force_login(users.dept_reporter)
    response = client.post(f"{URL}{reported.pk}/explanation/approve/", content_type="application/json")
    assert response.status_code == 200 and response.json()["state"] == "approved"
    client.logout()
    assert client.get(f"{URL}{reported.pk}/").json()["explanation"]["reason"] == "征地"


def test_the_api_list_runs_constant_queries(client, reported, users, make_tasks):
    assert_constant_queries(client, URL + "?page_size=100", grow=lambda: make_tasks(50))
    assert_constant_queries(client, URL + "?page_size=100", grow=lambda: make_tasks(10, start=80), user=users.office)


def test_the_schema_documents_the_livelihood_endpoints(client, users):
    body = client.get("/api/schema/").content.decode()
    # Anonymously: the public reads only; a reporter's schema has the writes too.
    assert "/api/v1/livelihood/tasks/" in body and "/api/v1/livelihood/tasks/{id}/progress/" not in body
    client.force_login(users.reporter)
    body = client.get("/api/schema/").content.decode()
    assert "/api/v1/livelihood/tasks/" in body and "/api/v1/livelihood/tasks/{id}/progress/" in body
