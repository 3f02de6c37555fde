"""The API: races and their scores for staff; scoring, publishing and reopening for the office only."""

import pytest

from projects.sprint.models import ScoringRun, SprintScore
from tests.helpers.permissions import assert_access

pytestmark = pytest.mark.django_db


def test_staff_read_races_and_scores_with_the_contract_fields(client, users, units, scored):
    race, _scheme, _project = scored
    responses = assert_access(client, "/api/v1/sprint/races/", inside=[users.leader, users.reporter],
                              outside=[users.nobody], anonymous=401)
    assert responses["t-leader"].json()["results"][0]["id"] == race.pk
    responses = assert_access(client, f"/api/v1/sprint/races/{race.pk}/scores/", inside=[users.leader,
                                                                                            users.reporter],
                              outside=[users.nobody], anonymous=401)
    rows = responses["t-leader"].json()["results"]
    assert len(rows) == 4
    assert {"unit", "score", "rank", "flag", "breakdown"} <= set(rows[0])
    town = next(r for r in rows if r["unit"] == units.town.id)
    assert town["flag"] == "red" and town["breakdown"][0]["points"]
    # A published race is circulated to all staff: a reporter reads every unit's score and breakdown.
    mine = responses["t-reporter"].json()["results"]
    assert sorted(r["unit"] for r in mine) == sorted(r["unit"] for r in rows)
    client.force_login(users.leader)  # assert_access signed the client out
    filtered = client.get(f"/api/v1/sprint/races/{race.pk}/scores/?group=department")
    assert filtered.status_code == 200
    departments = [r["unit"] for r in rows if r["group"] == "department"]
    assert departments and [r["unit"] for r in filtered.json()["results"]] == departments


def test_only_the_office_publishes_and_reopens_through_the_api(client, users, scored):
    race, _scheme, _project = scored
    for user in (users.leader, users.reporter, users.safety, users.orgdept):
        client.force_login(user)
        assert client.post(f"/api/v1/sprint/races/{race.pk}/reopen/", {"reason": "x"},
                           content_type="application/json").status_code == 404
    client.force_login(users.office)
    response = client.post(f"/api/v1/sprint/races/{race.pk}/reopen/", {"reason": ""}, content_type="application/json")
    assert response.status_code == 400 and "reason" in response.json()
    response = client.post(f"/api/v1/sprint/races/{race.pk}/reopen/", {"reason": "更正"},
                           content_type="application/json")
    assert response.status_code == 200 and response.json()["status"] == "draft"
    response = client.post(f"/api/v1/sprint/races/{race.pk}/publish/")
    assert response.status_code == 200 and response.json()["status"] == "published"
    response = client.post(f"/api/v1/sprint/races/{race.pk}/publish/")
    assert response.status_code == 400


def test_the_office_scores_through_the_api_and_bad_input_is_a_400(client, users, scored,
                                                                  django_capture_on_commit_callbacks):
    race, _scheme, _project = scored
    client.force_login(users.leader)
    assert client.post("/api/v1/sprint/races/score/", {"year": 2026, "quarter": 2},
                       content_type="application/json").status_code == 404
    client.force_login(users.office)
    response = client.post("/api/v1/sprint/races/score/", {"year": 2026, "quarter": 9},
                           content_type="application/json")
    assert response.status_code == 400 and "quarter" in response.json()
    response = client.post("/api/v1/sprint/races/score/", {"year": 2026, "quarter": 1},
                           content_type="application/json")
    assert response.status_code == 400  # published: frozen
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/api/v1/sprint/races/score/", {"year": 2026, "quarter": 2},
                               content_type="application/json")
    assert response.status_code == 202 and response.json()["status"] == "queued"
    run = ScoringRun.objects.get(pk=response.json()["id"])
    assert run.status == "succeeded" and run.trigger == "api" and run.started_by == users.office
    assert SprintScore.objects.filter(race__quarter=2).count() == 4
    runs = client.get(f"/api/v1/sprint/races/{run.race_id}/runs/").json()["results"]
    assert runs[0]["id"] == run.pk


def test_the_schema_documents_the_sprint_endpoints(client, users):
    client.force_login(users.office)
    schema = client.get("/api/schema/?format=json").json()
    assert "/api/v1/sprint/races/{id}/scores/" in schema["paths"]
    assert "/api/v1/sprint/races/score/" in schema["paths"]


def test_administrators_act_as_the_office_through_the_api(client, users, scored):
    """Administrators reopen and publish a race like the office (the pages and the race's scope agree)."""
    race, _scheme, _project = scored
    client.force_login(users.admin)
    response = client.post(f"/api/v1/sprint/races/{race.pk}/reopen/", {"reason": "管理员更正"},
                           content_type="application/json")
    assert response.status_code == 200 and response.json()["status"] == "draft"
    response = client.post(f"/api/v1/sprint/races/{race.pk}/publish/")
    assert response.status_code == 200 and response.json()["status"] == "published"
