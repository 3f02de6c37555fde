"""API v1: scoped like the pages; reports submitted through the same service as the form."""

from datetime import timedelta
from decimal import Decimal

import pytest

from gaoyou_portal.reporting import month_start
from leaders.models import Leader
from projects.models import Blocker, Milestone, MonthlyReport
from tests.helpers.permissions import assert_access

API = "/api/v1"


def test_read_endpoints_for_every_role(client, users, project):
    everyone = [users.reporter, users.other_reporter, users.leader, users.office]
    milestone = Milestone.objects.filter(project=project).first()
    for url in (f"{API}/projects/", f"{API}/projects/{project.pk}/", f"{API}/projects/{project.pk}/reports/",
                f"{API}/projects/{project.pk}/milestones/", f"{API}/projects/{project.pk}/blockers/",
                f"{API}/project-milestones/{milestone.pk}/", f"{API}/project-blockers/"):
        assert_access(client, url, inside=everyone, outside=[users.nobody], anonymous=401)


def test_the_list_has_lights_and_filters(client, users, project, reported):
    client.force_login(users.leader)
    data = client.get(f"{API}/projects/", {"light": "green"}).json()
    assert [row["code"] for row in data["results"]] == [project.code]
    assert data["results"][0]["light_reasons"] == ["按序时推进"]
    assert client.get(f"{API}/projects/", {"light": "red"}).json()["count"] == 0


def test_a_reporter_posts_a_report(client, users, project, today, open_month):
    client.force_login(users.reporter)
    month = open_month.isoformat()
    response = client.post(f"{API}/projects/{project.pk}/reports/",
                           {"month": month, "investment": "120.50", "workload": "主体", "narrative": "顺利"},
                           content_type="application/json")
    assert response.status_code == 201, response.content
    assert response.json()["investment"] == "120.50" and response.json()["month"] == month
    saved = MonthlyReport.objects.get()
    assert saved.investment == Decimal("120.50") and saved.history.get().history_user == users.reporter


@pytest.mark.parametrize(
    ("body", "field", "text"),
    [
        ({"investment": "-1"}, "investment", "不能为负数"),
        ({"investment": "abc"}, "investment", "必须是数字"),
        ({"month": "future"}, "month", "不能填报未来月份"),
        ({"month": "2000-01-01"}, "month", "签约前"),
    ],
)
def test_bad_reports_get_400_naming_the_field(client, users, project, today, body, field, text, open_month):
    client.force_login(users.reporter)
    month = (month_start(today) + timedelta(days=40)).replace(day=1) if body.get("month") == "future" else None
    payload = {"month": open_month.isoformat(), "investment": "1", **body}
    if month:
        payload["month"] = month.isoformat()
    response = client.post(f"{API}/projects/{project.pk}/reports/", payload, content_type="application/json")
    assert response.status_code == 400
    assert any(text in m for m in response.json()[field]), response.json()
    assert not MonthlyReport.objects.exists()


def test_a_second_report_for_the_month_is_refused(client, users, project, today, open_month):
    client.force_login(users.reporter)
    payload = {"month": open_month.isoformat(), "investment": "1"}
    client.post(f"{API}/projects/{project.pk}/reports/", payload, content_type="application/json")
    response = client.post(f"{API}/projects/{project.pk}/reports/", payload, content_type="application/json")
    assert response.status_code == 400 and "已有月报" in response.json()["month"][0]
    assert MonthlyReport.objects.count() == 1


def test_another_units_reporter_gets_403_with_the_reason(client, users, project, today, open_month):
    client.force_login(users.other_reporter)
    response = client.post(f"{API}/projects/{project.pk}/reports/",
                           {"month": open_month.isoformat(), "investment": "1"},
                           content_type="application/json")
    assert response.status_code == 403 and "只能为本单位负责的项目填报" in response.json()["detail"]
    assert not MonthlyReport.objects.exists()


def test_an_edit_after_the_lock_is_refused(client, users, project, today):
    old = MonthlyReport.objects.create(project=project, month=month_start(today).replace(year=today.year - 1),
                                       investment=Decimal("5"))
    client.force_login(users.reporter)
    response = client.patch(f"{API}/project-reports/{old.pk}/", {"investment": "9"}, content_type="application/json")
    assert response.status_code == 400 and "锁定" in str(response.json())
    old.refresh_from_db()
    assert old.investment == Decimal("5")


def test_milestones_and_blockers_through_the_api(client, users, project, today):
    milestone = Milestone.objects.get(project=project, kind="started")
    client.force_login(users.reporter)
    response = client.post(f"{API}/project-milestones/{milestone.pk}/record/",
                           {"actual_date": (today + timedelta(days=1)).isoformat(), "evidence": "x"},
                           content_type="application/json")
    assert response.status_code == 400 and "不能晚于今天" in response.json()["actual_date"][0]
    response = client.post(f"{API}/project-milestones/{milestone.pk}/record/",
                           {"actual_date": today.isoformat(), "evidence": "开工仪式"}, content_type="application/json")
    assert response.status_code == 200
    milestone.refresh_from_db()
    assert milestone.actual_date == today
    response = client.post(f"{API}/projects/{project.pk}/blockers/",
                           {"title": "电力增容", "deadline": (today + timedelta(days=7)).isoformat()},
                           content_type="application/json")
    assert response.status_code == 201, response.content
    blocker = Blocker.objects.get()
    assert blocker.assigned_leader == Leader.objects.get(user=users.leader)
    response = client.post(f"{API}/project-blockers/{blocker.pk}/resolve/", {"resolution": "ok"},
                           content_type="application/json")
    assert response.status_code == 403
    client.force_login(users.leader)
    response = client.post(f"{API}/project-blockers/{blocker.pk}/resolve/", {"resolution": "已协调"},
                           content_type="application/json")
    assert response.status_code == 200
    blocker.refresh_from_db()
    assert blocker.status == "resolved"


def test_the_office_reopens_a_report_through_the_api(client, users, project, today):
    old = MonthlyReport.objects.create(project=project, month=month_start(today).replace(year=today.year - 1),
                                       investment=Decimal("5"))
    client.force_login(users.reporter)
    assert client.post(f"{API}/project-reports/{old.pk}/reopen/", {"until": today.isoformat()},
                       content_type="application/json").status_code == 403
    client.force_login(users.office)
    response = client.post(f"{API}/project-reports/{old.pk}/reopen/", {"until": today.isoformat()},
                           content_type="application/json")
    assert response.status_code == 200
    client.force_login(users.reporter)
    assert client.patch(f"{API}/project-reports/{old.pk}/", {"investment": "9"},
                        content_type="application/json").status_code == 200
    old.refresh_from_db()
    assert old.investment == Decimal("9")
