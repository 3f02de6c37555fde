"""Pages: the department's journeys, filters, the access log and query counts."""

import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from cadres.models import AccessLog, Cadre, CadreAccessGrant, FaultToleranceCase
from tests.helpers.permissions import assert_constant_queries

from .factories import AssessmentFactory, CadreFactory, FaultToleranceFactory, WorkStyleCaseFactory

pytestmark = [pytest.mark.django_db, pytest.mark.date_dependent]
TODAY = timezone.localdate()


@pytest.fixture
def dept_client(client, users):
    client.force_login(users.orgdept)
    return client


def test_the_department_adds_a_cadre_and_sees_it_on_its_page(dept_client, units):
    response = dept_client.post(reverse("cadres:cadre_create"), {
        "name": "赵一线", "sex": "female", "year_of_birth": TODAY.year - 33, "unit": units.park.pk,
        "post": "招商专员", "rank": "staff", "front_line": "investment", "front_line_since": "2026-03-01",
        "active": "on"})
    cadre = Cadre.objects.get(name="赵一线")
    assert response.status_code == 302 and response["Location"] == reverse("cadres:cadre_detail", args=[cadre.pk])
    page = dept_client.get(response["Location"]).content.decode()
    assert "招商引资" in page and "赵一线" in page


def test_a_bad_year_of_birth_shows_the_chinese_message_and_saves_nothing(dept_client, units):
    response = dept_client.post(reverse("cadres:cadre_create"), {
        "name": "少年", "sex": "male", "year_of_birth": TODAY.year - 16, "unit": units.town.pk, "post": "x",
        "rank": "staff"})
    assert response.status_code == 200
    assert "干部年龄须在18至70岁之间" in response.content.decode()
    assert not Cadre.objects.exists()


def test_a_decision_without_the_rule_is_refused_on_the_form(dept_client, cadre):
    url = reverse("cadres:record_create", args=[cadre.pk, "fault-tolerance"])
    response = dept_client.post(url, {"occurred_on": "2026-05-01", "facts": "x", "decision": "tolerated",
                                      "decided_on": "2026-06-01"})
    assert "作出容错决定须写明所适用的条款" in response.content.decode()
    assert not FaultToleranceCase.objects.exists()


def test_the_department_records_a_fault_tolerance_decision_and_sees_it_in_the_timeline(dept_client, users, cadre):
    AssessmentFactory(cadre=cadre, assessed_on=datetime.date(2026, 1, 5))
    url = reverse("cadres:record_create", args=[cadre.pk, "fault-tolerance"])
    response = dept_client.post(url, {"occurred_on": "2026-05-01", "facts": "先行先试简化审批",
                                      "rule_applied": "第六条",
                                      "decision": "tolerated", "decided_on": "2026-06-01"})
    assert response.status_code == 302
    case = FaultToleranceCase.objects.get()
    assert case.recorded_by == users.orgdept
    page = dept_client.get(reverse("cadres:cadre_detail", args=[cadre.pk])).content.decode()
    timeline = page[page.index('data-testid="timeline"'):]
    assert timeline.index("2026-01-05") < timeline.index("2026-05-01")  # oldest first
    assert "予以容错" in timeline


def test_a_correction_needs_a_reason_and_shows_in_the_history(dept_client, cadre):
    case = FaultToleranceFactory(cadre=cadre)
    url = reverse("cadres:record_correct", args=["fault-tolerance", case.pk])
    data = {"occurred_on": case.occurred_on.isoformat(), "facts": "更正后的经过", "rule_applied": "第七条",
            "decision": "partly", "decided_on": case.decided_on.isoformat()}
    assert dept_client.post(url, data).status_code == 200  # no reason given
    case.refresh_from_db()
    assert case.facts == "先行先试"
    assert dept_client.post(url, {**data, "change_reason": "核查后更正"}).status_code == 302
    case.refresh_from_db()
    assert (case.facts, case.decision) == ("更正后的经过", "partly")
    page = dept_client.get(reverse("cadres:record_detail", args=["fault-tolerance", case.pk])).content.decode()
    assert "核查后更正" in page and "部分容错" in page


def test_the_list_filters_sorts_and_searches(dept_client, units):
    CadreFactory(name="甲狮子", unit=units.town, current_type="lion", front_line="mediation",
                 front_line_since=TODAY, rank="section")
    CadreFactory(name="乙老牛", unit=units.other_town, current_type="ox", rank="staff")
    url = reverse("cadres:cadre_list")

    def names(query):
        return [c.name for c in dept_client.get(url, query).context["object_list"]]

    assert names({"type": "lion"}) == ["甲狮子"]
    assert names({"unit": units.other_town.pk}) == ["乙老牛"]
    assert names({"front_line": "mediation"}) == ["甲狮子"]
    assert names({"front_line": "none"}) == ["乙老牛"]
    assert names({"rank": "staff"}) == ["乙老牛"]
    assert names({"q": "老牛"}) == ["乙老牛"]
    assert names({"sort": "-rank"}) == ["甲狮子", "乙老牛"]
    assert names({"sort": "rank"}) == ["乙老牛", "甲狮子"]
    assert "没有符合条件的干部" in dept_client.get(url, {"q": "无此人"}).content.decode()


def test_every_read_is_logged(client, users, grantee, cadre, records):
    client.force_login(grantee)
    client.get(reverse("cadres:cadre_list"))
    client.get(reverse("cadres:cadre_detail", args=[cadre.pk]))
    client.get(reverse("cadres:record_detail", args=["incentive", records.incentive.pk]))
    client.get(f"/api/v1/cadres/{cadre.pk}/")
    client.get("/api/v1/cadres/")
    entries = list(AccessLog.objects.reads().order_by("id"))
    assert [e.action for e in entries] == ["list", "view", "view", "api_view", "api_list"]
    assert all(e.user == grantee for e in entries)
    assert entries[0].object_ids == [cadre.pk]
    assert entries[1].cadre == cadre and entries[2].cadre == cadre
    assert (entries[2].object_type, entries[2].object_id) == ("cadres.incentive", records.incentive.pk)
    assert entries[3].path == f"/api/v1/cadres/{cadre.pk}/"
    client.force_login(users.orgdept)
    page = client.get(reverse("cadres:access_log"), {"user": grantee.username}).content.decode()
    assert page.count("t-granted-leader") >= 5


def test_the_access_log_cannot_be_changed_through_the_site_or_api(client, users, cadre):
    client.force_login(users.orgdept)
    client.get(reverse("cadres:cadre_detail", args=[cadre.pk]))
    entry = AccessLog.objects.reads().get()
    assert client.post(reverse("cadres:access_log"), {"path": "x"}).status_code == 405
    api = f"/api/v1/cadres/access-log/{entry.pk}/"
    assert client.get(api).json()["path"] == entry.path
    for method in ("put", "patch", "delete"):
        assert getattr(client, method)(api, data={"path": "x"}, content_type="application/json").status_code == 405
    assert client.post("/api/v1/cadres/access-log/", data={"path": "x"},
                       content_type="application/json").status_code == 405
    entry.refresh_from_db()
    assert AccessLog.objects.filter(pk=entry.pk, path=f"/cadres/{cadre.pk}/").exists()
    assert AccessLog.objects.filter(action="api_view").count() == 0  # the department's log reads are not cadre reads


def test_no_delete_anywhere(client, users, cadre, records):
    client.force_login(users.orgdept)
    assert client.delete(f"/api/v1/cadres/{cadre.pk}/").status_code == 405
    assert client.delete(f"/api/v1/cadres/incentives/{records.incentive.pk}/").status_code == 405
    assert Cadre.objects.filter(pk=cadre.pk).exists()


def test_the_department_grants_and_revokes_access(client, users, cadre):
    client.force_login(users.orgdept)
    response = client.post(reverse("cadres:grant_create"), {"user": users.leader.pk, "reason": "巡察组查阅",
                                                            "starts_on": TODAY.isoformat()})
    grant = CadreAccessGrant.objects.get()
    assert response["Location"] == reverse("cadres:grant_detail", args=[grant.pk])
    client.force_login(users.leader)
    assert client.get(reverse("cadres:cadre_detail", args=[cadre.pk])).status_code == 200
    client.force_login(users.orgdept)
    client.post(reverse("cadres:grant_revoke", args=[grant.pk]))
    grant.refresh_from_db()
    assert grant.revoked_at is not None
    assert "已撤销" in client.get(reverse("cadres:grant_detail", args=[grant.pk])).content.decode()
    client.force_login(users.leader)
    assert client.get(reverse("cadres:cadre_detail", args=[cadre.pk])).status_code == 404


def test_reports_count_types_front_lines_mechanisms_and_open_cases(dept_client, units):
    lion = CadreFactory(unit=units.town, current_type="lion", front_line="investment", front_line_since=TODAY,
                        name="招商狮")
    CadreFactory(unit=units.town, current_type="ox")
    FaultToleranceFactory(cadre=lion, decided_on=TODAY, occurred_on=TODAY)
    WorkStyleCaseFactory(cadre=lion)
    context = dept_client.get(reverse("cadres:reports"), {"year": TODAY.year}).context
    figures = context["figures"]
    assert dict((str(k), v) for k, v in figures["types"])["狮子型（善解难题、攻坚克难）"] == 1
    assert [c.name for c in dict((str(k), v) for k, v in figures["front_lines"])["招商引资"]] == ["招商狮"]
    assert dict((str(k), v) for k, v in figures["mechanisms"]["fault_tolerance"])["予以容错"] == 1
    assert figures["open"]["work_style"] == 1 and figures["open"]["fault_tolerance"] == 0


def test_the_excel_export_lists_the_filtered_cadres_and_is_logged(dept_client, units, records, cadre):
    CadreFactory(unit=units.other_town, name="乙干部")
    response = dept_client.get(reverse("cadres:export"), {"unit": units.town.pk})
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.values)
    assert rows[0][0] == "姓名" and [r[0] for r in rows[1:]] == ["张测试"]
    response = dept_client.get(reverse("cadres:export_records"))
    rows = list(load_workbook(io.BytesIO(response.content)).active.values)
    assert len(rows) == 1 + 7
    assert AccessLog.objects.filter(action="export").count() == 2


def test_the_list_runs_a_constant_number_of_queries(client, users, units):
    CadreFactory(unit=units.town)

    def grow():
        for i in range(30):
            CadreFactory(unit=units.park if i % 2 else units.dept, current_type="ox", front_line="mediation",
                         front_line_since=TODAY)

    assert_constant_queries(client, reverse("cadres:cadre_list"), grow=grow, user=users.orgdept)
    assert_constant_queries(client, "/api/v1/cadres/", grow=grow, user=users.orgdept)


def test_a_pending_interview_is_recorded_as_held_once(client, users, cadre, grantee):
    from cadres.models import Interview

    from .factories import InterviewFactory

    interview = InterviewFactory(cadre=cadre)
    url = reverse("cadres:interview_hold", args=[interview.pk])
    client.force_login(grantee)
    assert client.get(url).status_code == 404
    client.force_login(users.orgdept)
    assert "记录约谈" in client.get(reverse("cadres:interview_list")).content.decode()
    response = client.post(url, {"held_on": TODAY.isoformat(), "interviewer": "市委常委、组织部部长"})
    assert response.status_code == 302
    interview.refresh_from_db()
    assert (interview.status, interview.held_on, interview.interviewer) == ("held", TODAY, "市委常委、组织部部长")
    response = client.post(f"/api/v1/cadres/interviews/{interview.pk}/hold/",
                           {"held_on": TODAY.isoformat(), "interviewer": "x"}, content_type="application/json")
    assert response.status_code == 400 and "只有待约谈" in str(response.json())
    assert Interview.objects.get(pk=interview.pk).interviewer == "市委常委、组织部部长"
