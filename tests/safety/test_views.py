"""Pages: who sees and changes what (the shared permission helper), filters, the board, query counts."""

import datetime as dt

import pytest

from safety.choices import CaseState, FirmDisposition, Verdict, WorkshopDisposition
from tests.factories import UnitFactory
from tests.helpers.permissions import assert_access, assert_constant_queries

from .factories import ChemicalFirmFactory, GarmentWorkshopFactory, InspectionFactory, photo

pytestmark = pytest.mark.django_db


@pytest.fixture
def cases(units):
    return {
        "firm": ChemicalFirmFactory(town=units.town, name="甲镇化工"),
        "other_firm": ChemicalFirmFactory(town=units.other_town, name="乙镇化工"),
        "shop": GarmentWorkshopFactory(town=units.town, name="甲镇作坊"),
        "other_shop": GarmentWorkshopFactory(town=units.other_town, name="乙镇作坊"),
    }


def test_every_staff_role_reads_the_board_and_ledgers(client, users, cases):
    readers = [users.safety, users.reporter, users.other_reporter, users.leader, users.office, users.admin]
    for url in ("/safety/", "/safety/firms/", "/safety/workshops/", cases["firm"].get_absolute_url(),
                cases["other_shop"].get_absolute_url(), "/safety/board/export/", "/safety/firms/export/",
                "/safety/imports/template/workshops.xlsx"):
        assert_access(client, url, inside=readers, outside=[users.nobody])


def test_editing_a_case_is_for_the_bureau_and_its_towns_reporters(client, users, cases):
    url = f"{cases['firm'].get_absolute_url()}edit/"
    assert_access(client, url, inside=[users.safety, users.reporter, users.admin],
                  outside=[users.other_reporter, users.leader, users.office, users.nobody])


def test_adding_and_importing_cases_is_for_the_bureau(client, users, cases):
    for url in ("/safety/firms/new/", "/safety/workshops/new/", "/safety/firms/import/", "/safety/workshops/import/"):
        assert_access(client, url, inside=[users.safety, users.admin],
                      outside=[users.reporter, users.leader, users.office, users.nobody])


def test_workflow_posts_answer_404_outside_the_town(client, users, cases):
    shop = cases["shop"]
    assert_access(client, f"/safety/workshops/{shop.pk}/submit/", method="post", inside=[users.reporter],
                  inside_status=302, outside=[users.other_reporter, users.leader, users.office, users.nobody])
    shop.refresh_from_db()
    assert shop.state == CaseState.SUBMITTED and shop.submitted_by == users.reporter


def test_a_reporter_records_an_inspection_with_a_photo_and_submits(client, users, cases):
    shop = cases["shop"]
    client.force_login(users.reporter)
    response = client.post(f"/safety/workshops/{shop.pk}/inspection/", {
        "date": "2026-11-27", "inspectors": "镇安监办 郑华", "verdict": Verdict.PASSED, "findings": "已整改到位",
        "photos": [photo("现场.png")]})
    assert response.status_code == 302
    inspection = shop.inspections.get()
    assert inspection.photos.count() == 1 and inspection.recorded_by == users.reporter
    page = client.get(shop.get_absolute_url()).content.decode()
    assert inspection.photos.get().image.url in page and "已整改到位" in page
    client.post(f"/safety/workshops/{shop.pk}/submit/")
    shop.refresh_from_db()
    assert shop.state == CaseState.SUBMITTED


def test_an_inspection_with_a_non_image_is_refused_on_the_page(client, users, cases):
    from django.core.files.uploadedfile import SimpleUploadedFile

    shop = cases["shop"]
    client.force_login(users.reporter)
    response = client.post(f"/safety/workshops/{shop.pk}/inspection/", {
        "date": "2026-11-27", "inspectors": "x", "verdict": Verdict.PASSED, "findings": "y",
        "photos": [SimpleUploadedFile("a.png", b"not an image")]})
    assert response.status_code == 400
    assert "不是图片" in response.content.decode()
    assert not shop.inspections.exists()


def test_the_bureau_accepts_and_the_board_counts_change(client, users, cases):
    shop = cases["shop"]
    shop.state, shop.submitted_by = CaseState.SUBMITTED, users.reporter
    shop.save()
    InspectionFactory(workshop=shop, verdict=Verdict.PASSED)
    client.force_login(users.safety)
    board = client.get("/safety/").context
    before = {r.disposition: r.done for r in board["workshop_rows"]}[WorkshopDisposition.RECTIFY]
    response = client.post(f"/safety/workshops/{shop.pk}/accept/", follow=True)
    assert "已验收并销号" in response.content.decode()
    shop.refresh_from_db()
    assert shop.state == CaseState.CLOSED_OUT and shop.closed_out_by == users.safety
    board = client.get("/safety/").context
    assert {r.disposition: r.done for r in board["workshop_rows"]}[WorkshopDisposition.RECTIFY] == before + 1


def test_a_refused_transition_shows_its_reason_and_changes_nothing(client, users, cases):
    firm = cases["firm"]
    firm.state, firm.submitted_by = CaseState.SUBMITTED, users.safety
    firm.save()
    client.force_login(users.safety)
    response = client.post(f"/safety/firms/{firm.pk}/accept/", follow=True)
    assert "不能验收自己提交的案件" in response.content.decode()
    firm.refresh_from_db()
    assert firm.state == CaseState.SUBMITTED


def test_a_reporter_cannot_accept_even_in_their_town(client, users, cases):
    firm = cases["firm"]
    firm.state, firm.submitted_by = CaseState.SUBMITTED, users.safety
    firm.save()
    InspectionFactory(firm=firm, verdict=Verdict.PASSED)
    client.force_login(users.reporter)
    response = client.post(f"/safety/firms/{firm.pk}/accept/", follow=True)
    assert "只有应急管理局" in response.content.decode()
    firm.refresh_from_db()
    assert firm.state == CaseState.SUBMITTED


def test_the_bureau_sets_a_disposition_and_a_bad_deadline_is_shown(client, users, cases):
    firm = cases["firm"]
    client.force_login(users.safety)
    response = client.post(f"/safety/firms/{firm.pk}/disposition/", {
        "disposition": FirmDisposition.CLOSE, "disposition_date": "2026-11-01", "deadline": "2026-10-01"})
    assert response.status_code == 400 and "整改期限不能早于处置日期" in response.content.decode()
    firm.refresh_from_db()
    assert firm.disposition == FirmDisposition.RECTIFY
    client.post(f"/safety/firms/{firm.pk}/disposition/", {
        "disposition": FirmDisposition.CLOSE, "disposition_date": "2026-11-01", "deadline": "2027-01-31"})
    firm.refresh_from_db()
    assert firm.disposition == FirmDisposition.CLOSE and firm.deadline == dt.date(2027, 1, 31)


def test_the_bureau_adds_a_firm_and_a_duplicate_code_is_refused(client, users, cases, units):
    client.force_login(users.safety)
    data = {"name": "新化工", "credit_code": cases["firm"].credit_code, "town": units.town.pk,
            "hazard_category": "general", "disposition": "close", "disposition_date": "2026-11-01",
            "deadline": "2026-12-31"}
    response = client.post("/safety/firms/new/", data)
    assert response.status_code == 200 and "该统一社会信用代码的企业已在台账中" in response.content.decode()
    from safety.models import ChemicalFirm

    assert ChemicalFirm.objects.count() == 2
    data["credit_code"] = "91350100M000100Y43"
    response = client.post("/safety/firms/new/", data)
    firm = ChemicalFirm.objects.get(credit_code="91350100M000100Y43")
    assert response.status_code == 302 and firm.state == CaseState.DECIDED and firm.disposition == "close"


def test_items_are_marked_done_by_the_town_and_verified_by_the_bureau(client, users, cases):
    from .factories import ItemFactory

    item = ItemFactory(firm=cases["firm"])
    client.force_login(users.other_reporter)
    assert client.post(f"/safety/items/{item.pk}/done/", {"done_on": "2026-11-20"}).status_code == 404
    client.force_login(users.reporter)
    client.post(f"/safety/items/{item.pk}/done/", {"done_on": "2026-11-20"})
    client.post(f"/safety/items/{item.pk}/verify/")
    item.refresh_from_db()
    assert item.done_on == dt.date(2026, 11, 20) and item.verified_at is None
    client.force_login(users.safety)
    client.post(f"/safety/items/{item.pk}/verify/")
    item.refresh_from_db()
    assert item.verified_by == users.safety


def test_ledger_filters_search_and_sorting(client, users, units, cases):
    ChemicalFirmFactory(town=units.town, name="逾期化工", deadline=dt.date(2026, 10, 1))
    ChemicalFirmFactory(town=units.town, name="关闭化工", disposition=FirmDisposition.CLOSE)
    client.force_login(users.leader)

    def names(query):
        return [c.name for c in client.get(f"/safety/firms/?{query}").context["object_list"]]

    assert names("overdue=true") == ["逾期化工"]
    assert set(names(f"town={units.other_town.pk}")) == {"乙镇化工"}
    assert names("disposition=close") == ["关闭化工"]
    assert names("q=逾期") == ["逾期化工"]
    assert names("ordering=deadline")[0] == "逾期化工"
    assert len(names("")) == 4
    assert "没有符合筛选条件的案件" in client.get("/safety/firms/?q=不存在").content.decode()


def test_the_board_shows_the_plan_and_the_overdue_first(client, users, units, cases):
    ChemicalFirmFactory(town=units.other_town, name="逾期化工", deadline=dt.date(2026, 10, 1))
    client.force_login(users.leader)
    response = client.get("/safety/")
    context = response.context
    planned = {r.disposition: r.planned for r in context["firm_rows"]}
    assert planned == {"close": 34, "rectify": 7, "relocate": 1, "retain_upgrade": 15}
    assert {r.disposition: r.planned for r in context["workshop_rows"]} == {"shut": 161, "rectify": 87}
    assert [c.name for c in context["overdue_cases"]] == ["逾期化工"]
    assert context["town_rows"][0]["town"] == units.other_town
    body = response.content.decode()
    assert 'data-chart="chart-firms"' in body and "<script>" not in body.replace("<script src", "")


def test_the_dashboard_panel_and_public_summary(client, users, units, cases):
    firm = cases["firm"]
    firm.state = CaseState.CLOSED_OUT
    firm.save()
    client.force_login(users.leader)
    assert "安全整治" in client.get("/dashboard/").content.decode()
    client.logout()
    home = client.get("/").content.decode()
    assert "化工企业限期整改（已销号）" in home and "甲镇化工" not in home
    public = client.get("/safety/public/").content.decode()
    assert "甲镇化工" not in public
    firm.is_public = True
    firm.save()
    assert "甲镇化工" in client.get("/safety/public/").content.decode()


def test_lists_and_board_run_a_fixed_number_of_queries(client, users, units, cases):
    def grow():
        for n in range(50):
            town = UnitFactory(code=f"grow-{n}", name=f"增长镇{n}")
            firm = ChemicalFirmFactory(town=town, deadline=dt.date(2026, 10, 1), responsible_department=units.dept)
            GarmentWorkshopFactory(town=town)
            InspectionFactory(firm=firm)

    urls = ["/safety/firms/", "/safety/workshops/?overdue=false", "/safety/"]
    counts = {url: None for url in urls}
    from tests.helpers.permissions import count_queries

    for url in urls:
        counts[url] = count_queries(client, url, users.leader)
    grow()
    for url in urls:
        assert count_queries(client, url, users.leader) <= counts[url], url
    InspectionFactory(firm=cases["firm"])  # one inspection first: its photos are prefetched in one query
    assert_constant_queries(client, cases["firm"].get_absolute_url(), user=users.reporter,
                            grow=lambda: [InspectionFactory(firm=cases["firm"]) for _ in range(20)])


def test_the_admin_lists_the_ledgers_with_history(client, users, cases):
    firm = cases["firm"]
    client.force_login(users.admin)
    for url in ("/admin/safety/chemicalfirm/", "/admin/safety/garmentworkshop/", "/admin/safety/inspection/",
                f"/admin/safety/chemicalfirm/{firm.pk}/change/", f"/admin/safety/chemicalfirm/{firm.pk}/history/"):
        assert client.get(url).status_code == 200, url
    client.force_login(users.safety)
    assert client.get("/admin/safety/chemicalfirm/").status_code == 302  # staff site only for administrators
