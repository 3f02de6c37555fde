"""The sprint-race link: a confirmed consequence creates pending interviews for the unit's leading
cadres and, for "reassignment", a proposal in the department's queue; the cadre page shows the
unit's flags, standing and consequences."""

import pytest
from django.urls import reverse

from cadres import hooks, services
from cadres.choices import InterviewKind
from cadres.hooks import Consequence, consequence_confirmed
from cadres.models import Interview, ReassignmentProposal
from gaoyou_portal.errors import DomainError
from org.models import Notice
from projects.sprint.models import ConsequenceCase, SprintRace, SprintScheme, SprintScore

from .factories import CadreFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def leading(units):
    return [CadreFactory(unit=units.town, is_leading=True, name=n) for n in ("甲书记", "甲镇长")]


@pytest.fixture
def bystanders(units):
    return [CadreFactory(unit=units.town, is_leading=False, name="甲副镇长"),
            CadreFactory(unit=units.other_town, is_leading=True, name="乙书记"),
            CadreFactory(unit=units.town, is_leading=True, active=False, name="甲前书记")]


def send(case, user):
    consequence_confirmed.send(sender=None, consequence=case, user=user)


def consequence(pk, unit, kind, evidence, year=2026):
    return Consequence(id=pk, unit_id=unit.pk, unit_name=unit.name, year=year, kind=kind, kind_label=kind,
                       evidence=evidence)


def test_the_signal_creates_a_pending_interview_for_each_leading_cadre(users, units, leading, bystanders):
    case = consequence(4242, units.town, "interview", "连续两次黄旗")
    send(case, users.office)
    interviews = Interview.objects.order_by("cadre__name")
    assert {i.cadre for i in interviews} == set(leading)
    for interview in interviews:
        assert (interview.status, interview.kind, interview.sprint_case_id, interview.unit) == (
            "pending", InterviewKind.CONSEQUENCE, 4242, units.town)
        assert interview.history.first().history_user == users.office
    assert not ReassignmentProposal.objects.exists()
    assert Notice.objects.filter(recipient=users.orgdept, title__startswith="干部跟进").count() == 1
    send(case, users.office)  # a repeated signal changes nothing
    assert Interview.objects.count() == 2


def test_a_reassignment_consequence_also_queues_a_proposal(client, users, units, leading):
    case = consequence(77, units.town, "reassignment", "两年末位")
    send(case, users.office)
    proposal = ReassignmentProposal.objects.get()
    assert (proposal.unit, proposal.status, proposal.sprint_case_id) == (units.town, "pending", 77)
    assert Interview.objects.filter(sprint_case_id=77).count() == 2
    client.force_login(users.orgdept)
    page = client.get(reverse("cadres:proposal_list")).content.decode()
    assert units.town.name in page and "甲书记" in page
    response = client.post(reverse("cadres:proposal_decide", args=[proposal.pk]),
                           {"status": "accepted", "decision_note": "调整甲镇长"})
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert (proposal.status, proposal.decided_by) == ("accepted", users.orgdept)
    client.post(reverse("cadres:proposal_decide", args=[proposal.pk]), {"status": "declined", "decision_note": "x"})
    proposal.refresh_from_db()
    assert proposal.status == "accepted"


def test_confirming_a_real_case_creates_the_interviews_and_unlocks_manual_ones(client, users, units, leading):
    from projects.sprint.services import case_confirm

    case = ConsequenceCase.objects.create(unit=units.town, year=2026, kind="interview", evidence="末位")
    manual = {"kind": InterviewKind.CONSEQUENCE, "unit": units.town, "reason": "约谈"}
    with pytest.raises(DomainError):  # proposed, not confirmed yet
        services.record_create(model=Interview, cadre=leading[0], data=manual, user=users.orgdept)
    case_confirm(case=case, user=users.office, reason="核实无误")
    assert Interview.objects.filter(sprint_case_id=case.pk, status="pending").count() == 2
    extra = CadreFactory(unit=units.town, name="甲副书记")
    interview = services.record_create(model=Interview, cadre=extra, data=manual, user=users.orgdept)
    assert (interview.sprint_case_id, interview.sprint_year) == (case.pk, 2026)


def test_the_cadre_page_shows_the_units_flags_standing_and_consequences(client, users, units, leading):
    scheme = SprintScheme.objects.create(year=2026)
    race = SprintRace.objects.create(scheme=scheme, year=2026, quarter=2, status="published")
    SprintScore.objects.create(race=race, unit=units.town, group="town", score="41.50", rank=9, position=9,
                               flag="yellow")
    ConsequenceCase.objects.create(unit=units.town, year=2026, kind="no_awards", evidence="末位", status="confirmed",
                              reason="确认", decided_by=users.office, decided_at="2026-07-01T00:00:00+08:00")
    client.force_login(users.orgdept)
    page = client.get(reverse("cadres:cadre_detail", args=[leading[0].pk])).content.decode()
    assert "第9名" in page and "41.50" in page
    assert "黄旗" in page
    assert "不得评优" in page


def test_without_sprint_context_the_page_still_renders(client, users, units, leading, monkeypatch):
    monkeypatch.setattr(hooks, "_sources", [])  # no sprint race registered
    client.force_login(users.orgdept)
    page = client.get(reverse("cadres:cadre_detail", args=[leading[0].pk])).content.decode()
    assert "该单位暂无冲刺赛信息" in page


def test_a_unit_without_leading_cadres_still_alerts_the_department(users, units):
    send(consequence(5, units.park, "interview", "x"), users.office)
    assert not Interview.objects.exists()
    notice = Notice.objects.get(recipient=users.orgdept, title__startswith="干部跟进")
    assert units.park.name in notice.title and "没有登记主要负责人" in notice.body
