"""Consequences that bite, each from its trigger to its effect: a confirmed "no awards" case refuses the
unit's honours proposal (and a cadre award) with the case cited; a confirmed "interview" case becomes an
interview scheduled with the leader linked to the unit, waiting on that leader; the half-year rule
warns once; the reassignment evidence carries two years' composites."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from cadres import hooks
from gaoyou_portal import registry
from gaoyou_portal.errors import DomainError
from gaoyou_portal.roles import Role
from org.models import Notice
from projects.sprint import consequences, services
from projects.sprint.choices import CaseStatus, HonourStatus, InterviewStatus
from projects.sprint.models import ConsequenceCase, HonourProposal, LeaderInterview, SprintRace
from tests.factories import LeaderFactory, UserFactory

from .consequence_helpers import confirmed_case, decided, link_unit

pytestmark = [pytest.mark.django_db, pytest.mark.date_dependent]


# --- 不得评优 --------------------------------------------------------------------------------------------
def test_a_confirmed_no_awards_case_refuses_the_honours_proposal_with_the_case_cited(users, units):
    case = confirmed_case(units.town, 2025, "no_awards", users.office)
    with pytest.raises(DomainError) as error:
        consequences.honour_propose(year=2025, unit=units.town, title="先进单位", user=users.office)
    assert error.value.message_dict["unit"] == [
        f"测试甲镇 2025年度已确认“不得评优”（{decided(case)}决定），不能推荐评优评先。"]
    assert not HonourProposal.objects.exists()
    # Another year, or another unit, is not barred.
    consequences.honour_propose(year=2026, unit=units.town, title="先进单位", user=users.office)
    consequences.honour_propose(year=2025, unit=units.other_town, title="先进单位", user=users.office)
    assert HonourProposal.objects.count() == 2


def test_a_proposed_case_does_not_bar_only_a_confirmed_one_does(users, units):
    ConsequenceCase.objects.create(unit=units.town, year=2025, kind="no_awards", evidence="后2位")
    proposal = consequences.honour_propose(year=2025, unit=units.town, title="先进单位", user=users.office)
    assert proposal.status == HonourStatus.PROPOSED and proposal.proposed_by == users.office
    assert proposal.history.first().history_user == users.office


def test_confirming_the_case_withdraws_open_proposals_and_awarding_is_refused(users, units):
    case = ConsequenceCase.objects.create(unit=units.town, year=2025, kind="no_awards", evidence="后2位")
    proposal = consequences.honour_propose(year=2025, unit=units.town, title="先进单位", user=users.office)
    services.case_confirm(case=case, user=users.office, reason="不得评优")
    proposal.refresh_from_db()
    assert proposal.status == HonourStatus.WITHDRAWN
    assert f"（{decided(case)}决定）" in proposal.note
    with pytest.raises(DomainError):
        consequences.honour_award(proposal=proposal, user=users.office)


def test_honours_proposals_are_checked_and_nothing_half_saved(users, units):
    with pytest.raises(DomainError) as error:
        consequences.honour_propose(year=2025, unit=None, title=" ", user=users.office)
    assert error.value.message_dict == {"unit": ["请选择推荐的单位。"], "title": ["请填写推荐的荣誉名称。"]}
    consequences.honour_propose(year=2025, unit=units.town, title="先进单位", user=users.office)
    with pytest.raises(DomainError) as error:
        consequences.honour_propose(year=2025, unit=units.town, title="先进单位", user=users.office)
    assert error.value.message_dict["title"] == ["该单位已被推荐参评此项荣誉。"]
    proposal = HonourProposal.objects.get()
    with pytest.raises(DomainError) as error:
        consequences.honour_withdraw(proposal=proposal, user=users.office, reason="")
    assert error.value.message_dict["reason"] == ["请说明撤回推荐的理由。"]
    consequences.honour_award(proposal=proposal, user=users.office)
    proposal.refresh_from_db()
    assert proposal.status == HonourStatus.AWARDED and proposal.decided_at is not None


def test_the_bar_reaches_the_cadres_app_through_its_hook(users, units):
    assert hooks.award_bar(unit_id=units.town.pk, year=2025) is None
    case = confirmed_case(units.town, 2025, "no_awards", users.office)
    assert hooks.award_bar(unit_id=units.town.pk, year=2025) == (
        f"测试甲镇 2025年度已确认“不得评优”（{decided(case)}决定）")
    assert hooks.award_bar(unit_id=units.other_town.pk, year=2025) is None


def test_the_office_proposes_on_the_page_and_a_barred_unit_is_refused_there(users, units, client):
    case = confirmed_case(units.town, 2025, "no_awards", users.office)
    client.force_login(users.office)
    url = reverse("sprint:honour_list")
    response = client.post(url, {"year": 2025, "unit": units.town.pk, "title": "先进单位"})
    assert response.status_code == 200
    assert f"测试甲镇 2025年度已确认“不得评优”（{decided(case)}决定），不能推荐评优评先。" in response.content.decode()
    assert not HonourProposal.objects.exists()
    response = client.post(url, {"year": 2025, "unit": units.park.pk, "title": "先进单位"})
    assert response.status_code == 302
    proposal = HonourProposal.objects.get()
    page = client.get(url, {"year": 2025}).content.decode()
    assert "本年度不得评优的单位" in page and f"{decided(case)}决定" in page and "测试园区" in page
    client.post(reverse("sprint:honour_award", args=[proposal.pk]))
    proposal.refresh_from_db()
    assert proposal.status == HonourStatus.AWARDED


# --- 约谈 ------------------------------------------------------------------------------------------------
@pytest.fixture
def linked(units):
    leader_user = UserFactory(username="t-linked-leader", roles=[Role.LEADER])
    leader = LeaderFactory(name="挂钩领导", user=leader_user, order=1)
    link_unit(leader, units.town)
    return leader


def test_a_confirmed_interview_case_becomes_an_interview_with_the_linked_leader(users, units, linked):
    case = confirmed_case(units.town, 2025, "interview", users.office)
    interview = LeaderInterview.objects.get(case=case)
    assert (interview.unit, interview.leader, interview.status) == (units.town, linked, InterviewStatus.TO_SCHEDULE)
    assert interview.history.first().history_user == users.office
    dismissed = ConsequenceCase.objects.create(unit=units.park, year=2025, kind="interview", evidence="后3位")
    services.case_dismiss(case=dismissed, user=users.office, reason="不予约谈")
    assert not LeaderInterview.objects.filter(case=dismissed).exists()


def test_the_interview_is_scheduled_waits_on_the_leader_and_leaves_when_held(users, units, linked, rf):
    case = confirmed_case(units.town, 2025, "interview", users.office)
    interview = LeaderInterview.objects.get(case=case)
    day = timezone.localdate() + timedelta(days=3)
    consequences.interview_schedule(interview=interview, leader=linked, scheduled_on=day, user=users.office)
    request = rf.get("/")
    request.user = linked.user
    waiting = [item for item in registry.waiting_on(request, linked) if item["kind"] == "约谈"]
    assert [(item["text"], item["since"]) for item in waiting] == [
        (f"约谈测试甲镇（市领导约谈），定于{day.isoformat()}", timezone.localdate(interview.created_at))]
    assert waiting[0]["url"] == reverse("sprint:interview_detail", args=[interview.pk])
    other = LeaderFactory(name="别的领导")
    assert not [i for i in registry.waiting_on(request, other) if i["kind"] == "约谈"]
    consequences.interview_record(interview=interview, held_on=timezone.localdate(), record="指出问题，限期整改。",
                                  follow_up="一个月内提交整改报告", user=linked.user)
    interview.refresh_from_db()
    assert (interview.status, interview.record, interview.history.first().history_user) == (
        InterviewStatus.HELD, "指出问题，限期整改。", linked.user)
    assert not [i for i in registry.waiting_on(request, linked) if i["kind"] == "约谈"]


def test_an_interview_record_without_a_date_or_text_is_refused_and_nothing_saved(users, units, linked):
    case = confirmed_case(units.town, 2025, "interview", users.office)
    interview = LeaderInterview.objects.get(case=case)
    with pytest.raises(DomainError) as error:
        consequences.interview_record(interview=interview, held_on=date(2026, 1, 5), record="x", user=users.office)
    assert error.value.messages == ["请先安排约谈（市领导和日期），再登记约谈记录。"]
    with pytest.raises(DomainError) as error:
        consequences.interview_schedule(interview=interview, leader=None, scheduled_on=None, user=users.office)
    assert error.value.message_dict == {"leader": ["请选择主持约谈的市领导。"], "scheduled_on": ["请填写约谈日期。"]}
    consequences.interview_schedule(interview=interview, leader=linked, scheduled_on=date(2026, 1, 5),
                                    user=users.office)
    with pytest.raises(DomainError) as error:
        consequences.interview_record(interview=interview, held_on=None, record=" ", user=users.office)
    assert error.value.message_dict == {"held_on": ["请填写约谈日期。"], "record": ["请填写谈话记录。"]}
    other_leader = LeaderFactory(name="别的领导", user=UserFactory(username="t-other-leader", roles=[Role.LEADER]))
    with pytest.raises(DomainError):
        consequences.interview_record(interview=interview, held_on=date(2026, 1, 5), record="记录",
                                      user=other_leader.user)
    interview.refresh_from_db()
    assert (interview.status, interview.held_on, interview.record) == (InterviewStatus.SCHEDULED, None, "")


def test_open_interviews_show_on_the_units_page(users, units, linked, client):
    case = confirmed_case(units.town, 2025, "interview", users.office)
    interview = LeaderInterview.objects.get(case=case)
    consequences.interview_schedule(interview=interview, leader=linked, scheduled_on=date(2026, 12, 20),
                                    user=users.office)
    client.force_login(users.reporter)
    page = client.get(reverse("org:unit_detail", args=[units.town.code])).content.decode()
    assert "市领导约谈" in page and "挂钩领导" in page and "2026-12-20" in page


def test_the_leader_records_the_interview_on_its_page(users, units, linked, client):
    case = confirmed_case(units.town, 2025, "interview", users.office)
    interview = LeaderInterview.objects.get(case=case)
    consequences.interview_schedule(interview=interview, leader=linked, scheduled_on=date(2026, 1, 5),
                                    user=users.office)
    url = reverse("sprint:interview_record", args=[interview.pk])
    client.force_login(users.leader)  # a leader who does not hold it
    assert client.post(url, {"held_on": "2026-01-05", "record": "记录"}).status_code == 404
    client.force_login(linked.user)
    response = client.post(url, {"held_on": "", "record": ""})
    assert "请填写约谈日期。" in response.content.decode()
    response = client.post(url, {"held_on": "2026-01-05", "record": "要求限期整改", "follow_up": "已整改"})
    assert response.status_code == 302
    interview.refresh_from_db()
    assert (interview.status, interview.held_on, interview.follow_up) == (InterviewStatus.HELD, date(2026, 1, 5),
                                                                          "已整改")


# --- 半年过六成 ------------------------------------------------------------------------------------------
def _q2_race(units, met):
    from .consequence_helpers import published_scores

    published_scores(2026, {})
    race = SprintRace.objects.create(scheme_id=published_scores(2026, {}).pk, year=2026, quarter=2)
    breakdown = [{"annual_target": "100", "actual": "40", "weight": "100"}]
    for position, (unit, ok) in enumerate(met.items(), start=1):
        race.scores.create(unit=unit, group=unit.group, score=Decimal(80), rank=position, position=position,
                           half_year_met=ok, breakdown=[] if ok else breakdown)
    return race


def test_the_half_year_rule_warns_each_unit_below_60_and_its_leaders_once(users, units, linked):
    race = _q2_race(units, {units.town: False, units.other_town: True, units.park: False})
    services.race_publish(race=race, user=users.office)
    cases = ConsequenceCase.objects.filter(kind="half_year", year=2026)
    assert set(cases.values_list("unit", "status")) == {(units.town.pk, CaseStatus.PROPOSED),
                                                        (units.park.pk, CaseStatus.PROPOSED)}
    town_case = cases.get(unit=units.town)
    assert "截至6月30日完成全年目标的40.00%（要求60%）" in town_case.evidence
    link = reverse("sprint:case_detail", args=[town_case.pk])
    warning = Notice.objects.filter(link=link)
    assert set(warning.values_list("recipient__username", flat=True)) == {"t-reporter", "t-linked-leader"}
    assert warning.first().title == "半年预警：测试甲镇 2026年目标完成未过六成"
    # Reopened and published again: no second notice, no second case.
    services.race_reopen(race=race, user=users.office, reason="更正数据")
    services.race_publish(race=race, user=users.office)
    assert Notice.objects.filter(link=link).count() == 2
    assert ConsequenceCase.objects.filter(kind="half_year").count() == 2
    assert consequences.half_year_warn(race=race, user=users.office) == {"cases": 0, "warned": 0}


def test_the_office_sees_the_half_year_list_and_decides_the_case(users, units, client):
    race = _q2_race(units, {units.town: False, units.other_town: True})
    services.race_publish(race=race, user=users.office)
    client.force_login(users.office)
    page = client.get(reverse("sprint:home"), {"year": 2026}).content.decode()
    assert "2026年半年预警：未过六成的单位" in page and "测试甲镇" in page
    case = ConsequenceCase.objects.get(kind="half_year")
    services.case_confirm(case=case, user=users.office, reason="由分管市领导约谈提醒")
    case.refresh_from_db()
    assert case.status == CaseStatus.CONFIRMED


def test_the_year_evaluation_leaves_the_half_year_cases_alone(users, units):
    case = ConsequenceCase.objects.create(unit=units.town, year=2025, kind="half_year", evidence="未过六成")
    from .test_consequences import _year

    _year(2025, [units.town, units.other_town, units.park], [90, 80, 70], [80, 80, 80])
    services.year_evaluate(year=2025, user=users.office)
    assert ConsequenceCase.objects.filter(pk=case.pk).exists()


# --- 组织调整 ------------------------------------------------------------------------------------------
def test_the_reassignment_proposal_reaches_orgdept_with_two_years_composites(users, units, client):
    from cadres.models import ReassignmentProposal

    from .test_consequences import _year

    towns = [units.town, units.other_town, units.park]
    _year(2024, towns, [90, 80, 50], [80, 80, 80])
    services.year_evaluate(year=2024, user=users.office)
    _year(2025, towns, [90, 80, 40], [80, 80, 80])
    services.year_evaluate(year=2025, user=users.office)
    case = ConsequenceCase.objects.get(year=2025, kind="reassignment", unit=units.park)
    assert ("连续两年年终综合考评后2位：2024年综合得分59.00，第3名（共3个）；"
            "2025年综合得分52.00，第3名（共3个）。") in case.evidence
    services.case_confirm(case=case, user=users.office, reason="启动组织调整程序")
    proposal = ReassignmentProposal.objects.get(sprint_case_id=case.pk)
    assert "2024年综合得分59.00" in proposal.evidence
    client.force_login(users.orgdept)
    assert "2025年综合得分52.00，第3名（共3个）" in client.get(reverse("cadres:proposal_list")).content.decode()
