"""/api/v1/cadres/: the department creates and corrects through the services; bad input is a 400
with the Chinese message and nothing saved; filters; the timeline; proposals."""

import pytest
from django.utils import timezone

from cadres.models import Cadre, FaultToleranceCase, Interview

from .factories import CadreFactory

pytestmark = [pytest.mark.django_db, pytest.mark.date_dependent]
TODAY = timezone.localdate()


@pytest.fixture
def api(client, users):
    client.force_login(users.orgdept)
    return client


def test_the_department_creates_and_corrects_a_cadre(api, units, users):
    payload = {"name": "李新", "sex": "male", "year_of_birth": TODAY.year - 30, "unit": units.town.pk,
               "post": "科员", "rank": "staff", "front_line": "construction", "front_line_since": "2026-02-01"}
    response = api.post("/api/v1/cadres/", payload, content_type="application/json")
    assert response.status_code == 201, response.json()
    cadre = Cadre.objects.get(pk=response.json()["id"])
    assert cadre.history.first().history_user == users.orgdept
    response = api.patch(f"/api/v1/cadres/{cadre.pk}/", {"post": "副镇长"}, content_type="application/json")
    assert response.status_code == 400 and "reason" in response.json()
    response = api.patch(f"/api/v1/cadres/{cadre.pk}/", {"post": "副镇长", "change_reason": "任职文件"},
                         content_type="application/json")
    assert response.status_code == 200 and response.json()["post"] == "副镇长"
    cadre.refresh_from_db()
    assert cadre.history.first().history_change_reason == "任职文件"


def test_bad_input_answers_400_in_chinese_and_saves_nothing(api, units, cadre):
    payload = {"name": "老", "sex": "male", "year_of_birth": TODAY.year - 75, "unit": units.town.pk, "post": "x",
               "rank": "staff"}
    response = api.post("/api/v1/cadres/", payload, content_type="application/json")
    assert response.status_code == 400
    assert "干部年龄须在18至70岁之间" in response.json()["year_of_birth"][0]
    response = api.post("/api/v1/cadres/fault-tolerance-cases/", {
        "cadre": cadre.pk, "occurred_on": "2026-05-01", "facts": "x", "decision": "tolerated",
        "decided_on": "2026-04-01", "rule_applied": ""}, content_type="application/json")
    assert response.status_code == 400
    assert "作出容错决定须写明所适用的条款" in response.json()["rule_applied"][0]
    response = api.post("/api/v1/cadres/interviews/", {"cadre": cadre.pk, "kind": "consequence", "reason": "约谈"},
                        content_type="application/json")
    assert response.status_code == 400
    assert "没有已确认的冲刺赛问责事项" in response.json()["unit"][0]
    assert Cadre.objects.count() == 1 and not FaultToleranceCase.objects.exists() and not Interview.objects.exists()


def test_records_are_created_listed_by_cadre_and_shown_in_the_timeline(api, cadre, units):
    other = CadreFactory(unit=units.other_town)
    response = api.post("/api/v1/cadres/fault-tolerance-cases/", {
        "cadre": cadre.pk, "occurred_on": "2026-05-01", "facts": "先行先试", "decision": "tolerated",
        "decided_on": "2026-06-01", "rule_applied": "第六条"}, content_type="application/json")
    assert response.status_code == 201, response.json()
    api.post("/api/v1/cadres/incentives/", {"cadre": other.pk, "kind": "reward", "reason": "x",
                                            "granted_on": "2026-03-01", "issuing_body": "市委"},
             content_type="application/json")
    rows = api.get("/api/v1/cadres/fault-tolerance-cases/", {"cadre": cadre.pk}).json()["results"]
    assert [r["decision"] for r in rows] == ["tolerated"]
    timeline = api.get(f"/api/v1/cadres/{cadre.pk}/timeline/").json()
    assert [(t["type"], t["date"]) for t in timeline] == [("fault-tolerance", "2026-05-01")]


def test_the_list_filters(api, units):
    CadreFactory(unit=units.town, current_type="cheetah", front_line="investment", front_line_since=TODAY,
                 name="快豹")
    CadreFactory(unit=units.park, current_type="ox", name="老牛")
    names = lambda q: [r["name"] for r in api.get("/api/v1/cadres/", q).json()["results"]]  # noqa: E731
    assert names({"type": "cheetah"}) == ["快豹"]
    assert names({"front_line": "investment"}) == ["快豹"]
    assert names({"unit": units.park.pk}) == ["老牛"]
    assert names({"q": "老"}) == ["老牛"]


def test_a_proposal_is_decided_through_the_api(api, units, users):
    from cadres.hooks import Consequence, consequence_confirmed

    consequence_confirmed.send(sender=None, user=users.office,
                               consequence=Consequence(id=9, unit_id=units.town.pk, unit_name=units.town.name,
                                                       year=2026, kind="reassignment", kind_label="调整",
                                                       evidence="末位"))
    proposal_id = api.get("/api/v1/cadres/proposals/").json()["results"][0]["id"]
    response = api.post(f"/api/v1/cadres/proposals/{proposal_id}/decide/", {"status": "declined",
                                                                            "decision_note": "暂缓"},
                        content_type="application/json")
    assert response.status_code == 200 and response.json()["status"] == "declined"
    again = api.post(f"/api/v1/cadres/proposals/{proposal_id}/decide/", {"status": "accepted", "decision_note": "x"},
                     content_type="application/json")
    assert again.status_code == 400 and "已作出决定" in str(again.json())


def test_a_token_works_and_a_granted_user_can_only_read(client, grantee, cadre):
    from rest_framework.authtoken.models import Token

    token = Token.objects.create(user=grantee)
    auth = {"HTTP_AUTHORIZATION": f"Token {token.key}"}
    assert client.get("/api/v1/cadres/", **auth).json()["count"] == 1
    response = client.patch(f"/api/v1/cadres/{cadre.pk}/", {"post": "x", "change_reason": "x"},
                            content_type="application/json", **auth)
    assert response.status_code == 404
