"""/api/v1/targets/: public fields anonymously, staff fields signed in, values through the service."""

from decimal import Decimal

import pytest

from targets.models import MonthlyValue, TargetSettings

PUBLIC_FIELDS = {"id", "year", "code", "section", "title", "source", "kind", "figure", "measure", "direction",
                 "deadline", "responsible_leader", "lead_unit", "actual", "expected", "percent", "status",
                 "status_label", "reason", "definition", "data_source", "history"}


@pytest.fixture
def secret(make_target):
    return make_target(code="C01", title="选树三型干部", is_confidential=True, is_public=False)


@pytest.fixture
def internal(make_target):
    return make_target(code="I01", title="内部目标", is_public=False)


def test_anonymous_gets_public_targets_with_public_fields_only(client, households, secret, internal):
    response = client.get("/api/v1/targets/")
    assert response.status_code == 200
    rows = response.json()["results"] if isinstance(response.json(), dict) else response.json()
    assert [r["code"] for r in rows] == ["B12"]
    assert set(rows[0]) == PUBLIC_FIELDS
    assert rows[0]["figure"] == "600" and rows[0]["measure"] == "户"
    assert client.get(f"/api/v1/targets/{internal.pk}/").status_code == 404


def test_staff_get_the_internal_fields_but_never_a_confidential_target(client, users, households, secret,
                                                                       internal):
    client.force_login(users.admin)
    body = client.get("/api/v1/targets/").json()
    rows = body["results"] if isinstance(body, dict) else body
    assert {r["code"] for r in rows} == {"B12", "I01"}
    assert "is_confidential" in rows[0] and "responsible_units" in rows[0]
    assert client.get(f"/api/v1/targets/{secret.pk}/").status_code == 404
    client.force_login(users.orgdept)
    assert client.get(f"/api/v1/targets/{secret.pk}/").json()["code"] == "C01"


def test_a_unit_posts_its_months_value_and_not_another_units(client, users, units, households, reporting_day):
    month = TargetSettings.load().calendar.latest_open_month(reporting_day)
    url = f"/api/v1/targets/{households.pk}/values/"
    assert client.post(url, {"unit": units.town.code, "month": month.isoformat(), "value": "4"},
                       content_type="application/json").status_code == 401
    client.force_login(users.reporter)
    response = client.post(url, {"unit": units.other_town.code, "month": month.isoformat(), "value": "4"},
                           content_type="application/json")
    assert response.status_code == 400
    assert response.json() == {"unit": ["只能为本单位的分解任务填报。"]}
    response = client.post(url, {"unit": units.town.code, "month": month.isoformat(), "value": "4"},
                           content_type="application/json")
    assert response.status_code == 201
    assert MonthlyValue.objects.get().value == Decimal(4)
    response = client.post(url, {"unit": units.town.code, "month": month.isoformat(), "value": "-1"},
                           content_type="application/json")
    assert response.status_code == 400
    assert client.get(url).json()[0]["value"] == "4"  # a count of households is whole


def test_the_schema_documents_the_targets_api(client):
    schema = client.get("/api/schema/").content.decode()
    assert "/api/v1/targets/" in schema and "/api/v1/targets/{id}/values/" in schema
