"""/api/v1/sprint/honours/: staff who read the cases read the list; the office writes it; a barred unit
is a 400 citing its case, and nothing is saved."""

import pytest

from projects.sprint.models import HonourProposal
from tests.helpers.permissions import assert_access

from .consequence_helpers import confirmed_case, decided

pytestmark = pytest.mark.django_db
URL = "/api/v1/sprint/honours/"


def test_the_honours_list_through_the_api(client, users, units):
    case = confirmed_case(units.town, 2025, "no_awards", users.office)
    client.force_login(users.office)
    response = client.post(URL, {"year": 2025, "unit": units.town.pk, "title": "先进单位"},
                           content_type="application/json")
    assert response.status_code == 400
    cited = f"测试甲镇 2025年度已确认“不得评优”（{decided(case)}决定），不能推荐评优评先。"
    assert response.json() == {"unit": [cited]}
    assert not HonourProposal.objects.exists()
    response = client.post(URL, {"year": 2025, "unit": units.park.pk, "title": "先进单位"},
                           content_type="application/json")
    assert response.status_code == 201 and response.json()["status"] == "proposed"
    pk = response.json()["id"]
    responses = assert_access(client, URL + "?year=2025", anonymous=401,
                              inside=[users.office, users.leader, users.admin, users.orgdept],
                              outside=[users.reporter, users.safety])
    assert [row["unit_name"] for row in responses["t-leader"].json()["results"]] == ["测试园区"]
    assert_access(client, URL, method="post", data={"year": 2025, "unit": units.dept.pk, "title": "先进单位"},
                  content_type="application/json", anonymous=401,
                  outside=[users.leader, users.orgdept, users.reporter, users.safety])
    client.force_login(users.office)
    response = client.post(f"{URL}{pk}/withdraw/", {"reason": ""}, content_type="application/json")
    assert response.status_code == 400 and "reason" in response.json()
    response = client.post(f"{URL}{pk}/award/")
    assert response.status_code == 200 and response.json()["status"] == "awarded"
    schema = client.get("/api/schema/?format=json").json()
    assert "/api/v1/sprint/honours/{id}/award/" in schema["paths"]
