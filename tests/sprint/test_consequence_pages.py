"""The honours list and interview pages for every role (shared permission helper), the leader's
workspace panel, and fixed query counts on the honours list and the sprint year page at two scales."""

from datetime import date

import pytest
from django.urls import reverse

from gaoyou_portal import registry
from projects.sprint import consequences
from projects.sprint.models import HonourProposal, LeaderInterview
from tests.factories import UnitFactory
from tests.helpers.permissions import assert_access, assert_constant_queries

from .consequence_helpers import confirmed_case, link_projects, link_unit, published_scores

pytestmark = pytest.mark.django_db


@pytest.fixture
def interview(users, units):
    leader = users.leader.leader  # the signed-in leader holds it
    link_unit(leader, units.town)
    case = confirmed_case(units.town, 2025, "interview", users.office)
    item = LeaderInterview.objects.get(case=case)
    consequences.interview_schedule(interview=item, leader=leader, scheduled_on=date(2026, 12, 20), user=users.office)
    return item


def readers(users):
    return [users.office, users.leader, users.admin, users.orgdept]


def test_the_honours_list_is_read_by_the_insiders_and_orgdept(users, units, client):
    consequences.honour_propose(year=2025, unit=units.town, title="先进单位", user=users.office)
    responses = assert_access(client, reverse("sprint:honour_list") + "?year=2025", inside=readers(users),
                              outside=[users.reporter, users.safety, users.nobody])
    assert "先进单位" in responses["t-leader"].content.decode()
    assert "<h2 class=\"h6 mb-0\">推荐单位</h2>" not in responses["t-leader"].content.decode()  # no form
    assert "<h2 class=\"h6 mb-0\">推荐单位</h2>" in responses["t-office"].content.decode()


def test_only_the_office_writes_the_honours_list(users, units, client):
    url = reverse("sprint:honour_list")
    data = {"year": 2025, "unit": units.park.pk, "title": "先进单位"}
    assert_access(client, url, method="post", data=data, inside=[users.office], inside_status=302,
                  outside=[users.leader, users.orgdept, users.reporter, users.safety])
    proposal = HonourProposal.objects.get()
    assert_access(client, reverse("sprint:honour_award", args=[proposal.pk]), method="post",
                  outside=[users.leader, users.orgdept, users.reporter, users.safety],
                  inside=[users.office], inside_status=302)
    proposal.refresh_from_db()
    assert proposal.status == "awarded"


def test_a_barred_unit_proposed_on_the_page_shows_the_case_on_the_form_and_saves_nothing(users, units, client):
    confirmed_case(units.park, 2025, "no_awards", users.office)
    client.force_login(users.office)
    response = client.post(reverse("sprint:honour_list"), {"year": 2025, "unit": units.park.pk, "title": "先进单位"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "不能推荐评优评先" in body and "is-invalid" in body  # the case cited, on the form's unit field
    assert not HonourProposal.objects.exists()
    response = client.post(reverse("sprint:honour_list"), {"year": 2025, "unit": units.town.pk, "title": "先进单位"})
    assert response.status_code == 302 and response.url == reverse("sprint:honour_list") + "?year=2025"
    assert HonourProposal.objects.get().unit == units.town


def test_the_interview_pages_for_every_role(users, units, interview, client):
    responses = assert_access(client, reverse("sprint:interview_detail", args=[interview.pk]),
                              inside=readers(users), outside=[users.other_reporter, users.safety, users.nobody])
    page = responses["t-leader"].content.decode()
    assert "测试甲镇" in page and "2026-12-20" in page and "登记约谈" in page and "保存安排" not in page
    assert "保存安排" in responses["t-office"].content.decode()
    assert "登记约谈" not in responses["t-orgdept"].content.decode()
    assert_access(client, reverse("sprint:interview_list"), inside=readers(users),
                  outside=[users.reporter, users.safety])
    assert_access(client, reverse("sprint:interview_schedule", args=[interview.pk]), method="post",
                  data={"leader": interview.leader_id, "scheduled_on": "2026-12-21"},
                  inside=[users.office], inside_status=302,
                  outside=[users.leader, users.orgdept, users.other_reporter, users.safety])
    interview.refresh_from_db()
    assert interview.scheduled_on == date(2026, 12, 21)


def test_the_leaders_workspace_shows_the_bundled_score_and_the_interview_waiting(users, units, interview, rf):
    published_scores(2026, {1: [(units.town, 70, "red")]})
    link_projects(interview.leader, ["green"], units.town)
    request = rf.get("/")
    request.user = users.office
    panels = registry.leader_panels(request, interview.leader)
    sprint_panel = next(p for p in panels if p["template"] == "sprint/_leader_panel.html")
    row = sprint_panel["context"]["row"]
    assert (row.unit_part, row.project_part, row.score, row.rank) == (70, 100, 85, 1)
    assert row.units[0].flags == [(1, "red")]
    assert [i.pk for i in sprint_panel["context"]["interviews"]] == [interview.pk]
    waiting = registry.waiting_on(request, interview.leader)
    assert [w["url"] for w in waiting if w["kind"] == "约谈"] == [
        reverse("sprint:interview_detail", args=[interview.pk])]


def test_the_honours_list_runs_the_same_queries_at_any_length(users, units, client):
    confirmed_case(units.dept, 2025, "no_awards", users.office)
    consequences.honour_propose(year=2025, unit=units.town, title="先进单位", user=users.office)

    def grow():
        for n in range(25):
            unit = UnitFactory(code=f"h{n}", name=f"推荐镇{n}")
            consequences.honour_propose(year=2025, unit=unit, title="先进单位", user=users.office)
            confirmed_case(UnitFactory(code=f"b{n}", name=f"后进镇{n}"), 2025, "no_awards", users.office)

    url = reverse("sprint:honour_list") + "?year=2025"
    assert_constant_queries(client, url, grow=grow, user=users.office)
    assert_constant_queries(client, url, grow=lambda: None, user=users.leader)
