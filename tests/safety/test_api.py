"""The API: field names integrations rely on, scope (404 outside), and the workflow actions."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from safety.choices import CaseState, FirmDisposition, Verdict
from tests.helpers.permissions import assert_access, assert_constant_queries

from .factories import ChemicalFirmFactory, GarmentWorkshopFactory, InspectionFactory, photo

pytestmark = pytest.mark.django_db

FIRMS = "/api/v1/safety/chemical-firms/"
SHOPS = "/api/v1/safety/workshops/"


def test_every_staff_role_reads_and_the_public_does_not(client, users, units):
    firm = ChemicalFirmFactory(town=units.town)
    shop = GarmentWorkshopFactory(town=units.other_town)
    readers = [users.safety, users.reporter, users.leader, users.office, users.admin]
    for url in (FIRMS, SHOPS, f"{FIRMS}{firm.pk}/", f"{SHOPS}{shop.pk}/", f"{SHOPS}{shop.pk}/inspections/",
                f"{FIRMS}{firm.pk}/items/"):
        assert_access(client, url, inside=readers, outside=[users.nobody], anonymous=401)


def test_fields_use_the_contract_names(client, users, units):
    ChemicalFirmFactory(town=units.town, disposition=FirmDisposition.RETAIN_UPGRADE)
    GarmentWorkshopFactory(town=units.town, hazards="three_in_one,escape")
    client.force_login(users.leader)
    firm = client.get(FIRMS).json()["results"][0]
    assert firm["disposition"] == "retain_upgrade" and firm["state"] == "in_progress"
    assert {"credit_code", "town", "deadline", "overdue", "responsible_person"} <= set(firm)
    shop = client.get(SHOPS).json()["results"][0]
    assert shop["disposition"] == "rectify" and shop["hazards"] == ["three_in_one", "escape"]


def test_filters_match_the_pages(client, users, units):
    ChemicalFirmFactory(town=units.town, disposition=FirmDisposition.CLOSE)
    ChemicalFirmFactory(town=units.other_town)
    client.force_login(users.leader)
    assert client.get(f"{FIRMS}?disposition=close").json()["count"] == 1
    assert client.get(f"{FIRMS}?town={units.other_town.pk}").json()["count"] == 1


def test_a_reporter_submits_in_their_town_and_gets_404_outside(client, users, units):
    mine = GarmentWorkshopFactory(town=units.town)
    theirs = GarmentWorkshopFactory(town=units.other_town)
    client.force_login(users.reporter)
    response = client.post(f"{SHOPS}{mine.pk}/submit/")
    assert response.status_code == 200 and response.json()["state"] == "submitted"
    assert client.post(f"{SHOPS}{theirs.pk}/submit/").status_code == 404
    theirs.refresh_from_db()
    assert theirs.state == CaseState.IN_PROGRESS


def test_accepting_is_for_the_bureau_and_needs_an_accepting_inspection(client, users, units):
    firm = ChemicalFirmFactory(town=units.town, state=CaseState.SUBMITTED, submitted_by=users.reporter)
    client.force_login(users.reporter)
    assert client.post(f"{FIRMS}{firm.pk}/accept/").status_code == 404
    client.force_login(users.safety)
    response = client.post(f"{FIRMS}{firm.pk}/accept/")
    assert response.status_code == 400
    assert "须经检查确认整改合格后方可销号" in response.json()["non_field_errors"][0]
    InspectionFactory(firm=firm, verdict=Verdict.PASSED)
    response = client.post(f"{FIRMS}{firm.pk}/accept/")
    assert response.status_code == 200 and response.json()["state"] == "closed_out"


def test_send_back_and_set_disposition(client, users, units):
    firm = ChemicalFirmFactory(town=units.town, state=CaseState.SUBMITTED, submitted_by=users.reporter)
    client.force_login(users.safety)
    assert client.post(f"{FIRMS}{firm.pk}/send-back/", {}, content_type="application/json").status_code == 400
    response = client.post(f"{FIRMS}{firm.pk}/send-back/", {"reason": "照片不清"}, content_type="application/json")
    assert response.json()["state"] == "sent_back" and response.json()["sent_back_reason"] == "照片不清"
    response = client.post(f"{FIRMS}{firm.pk}/set-disposition/",
                           {"disposition": "close", "disposition_date": "2026-11-01", "deadline": "2026-10-01"},
                           content_type="application/json")
    assert response.status_code == 400 and "整改期限不能早于处置日期" in response.json()["deadline"][0]
    response = client.post(f"{FIRMS}{firm.pk}/set-disposition/",
                           {"disposition": "close", "deadline": "2027-03-31"}, content_type="application/json")
    assert response.json()["disposition"] == "close"


def test_recording_an_inspection_with_photos(client, users, units):
    shop = GarmentWorkshopFactory(town=units.town)
    client.force_login(users.reporter)
    response = client.post(f"{SHOPS}{shop.pk}/inspections/", {
        "date": "2026-11-27", "inspectors": "镇安监办", "findings": "已整改", "verdict": "passed",
        "photos": [photo("a.png"), photo("b.png")]})
    assert response.status_code == 201 and len(response.json()["photos"]) == 2
    response = client.post(f"{SHOPS}{shop.pk}/inspections/", {
        "date": "2026-11-27", "inspectors": "x", "findings": "y", "verdict": "passed",
        "photos": [SimpleUploadedFile("c.png", b"plain text, not a picture")]})
    assert response.status_code == 400 and "不是图片" in response.json()["photos"][0]
    assert shop.inspections.count() == 1


def test_the_bureau_creates_a_case_and_a_reporter_cannot(client, users, units):
    data = {"name": "接口化工", "credit_code": "91350100M000100Y43", "town": units.town.pk}
    client.force_login(users.reporter)
    assert client.post(FIRMS, data, content_type="application/json").status_code == 404
    client.force_login(users.safety)
    response = client.post(FIRMS, data, content_type="application/json")
    assert response.status_code == 201 and response.json()["state"] == "undecided"
    response = client.post(FIRMS, data, content_type="application/json")
    assert response.status_code == 400 and "已在台账中" in str(response.json())


def test_a_reporter_updates_only_the_working_fields(client, users, units):
    firm = ChemicalFirmFactory(town=units.town)
    client.force_login(users.reporter)
    response = client.patch(f"{FIRMS}{firm.pk}/", {"address": "新址"}, content_type="application/json")
    assert response.status_code == 200 and response.json()["address"] == "新址"
    response = client.patch(f"{FIRMS}{firm.pk}/", {"name": "改名"}, content_type="application/json")
    assert response.status_code == 400
    firm.refresh_from_db()
    assert firm.name != "改名"


def test_the_list_runs_a_fixed_number_of_queries(client, users, units):
    ChemicalFirmFactory(town=units.town)

    def grow():
        for _ in range(30):
            ChemicalFirmFactory(town=units.other_town, submitted_by=users.reporter, closed_out_by=users.safety)

    assert_constant_queries(client, FIRMS, grow=grow, user=users.leader)
