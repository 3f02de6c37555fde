"""The leaders' bundled assessment (捆绑考核): the formula on constructed data, ties, leaders with nothing
linked, the scheme's weights (and weights that do not add up), and the year page's table."""

from decimal import Decimal

import pytest
from django.urls import reverse

from gaoyou_portal.errors import DomainError
from projects.sprint import services
from projects.sprint.bundle import bundle_for, bundle_score, bundle_table
from projects.sprint.models import SprintScheme
from tests.factories import LeaderFactory
from tests.helpers.permissions import assert_access, assert_constant_queries

from .consequence_helpers import link_projects, link_unit, published_scores

pytestmark = pytest.mark.django_db


@pytest.fixture
def leaders(units):
    """Two leaders linked to the same towns and projects (a tie), one to the park alone, one to nothing."""
    published_scores(2026, {1: [(units.town, 80, None), (units.other_town, 120, None), (units.park, 50, "red")],
                            2: [(units.town, 90, "yellow"), (units.park, 50, None)]})
    first, second = LeaderFactory(name="甲领导", order=1), LeaderFactory(name="乙领导", order=2)
    park_only, unlinked = LeaderFactory(name="丙领导", order=3), LeaderFactory(name="丁领导", order=4)
    for leader in (first, second):
        link_unit(leader, units.town)
        link_unit(leader, units.other_town)
        link_projects(leader, ["green", "green", "red"], units.town)
    link_unit(park_only, units.park)
    return first, second, park_only, unlinked


def test_the_formula_weighs_the_linked_units_composites_and_the_projects_on_schedule(leaders, units):
    first = bundle_for(leader=leaders[0], year=2026)
    # A: town (80 + 90) / 2 = 85, other town 120 taken as 100 → 92.50; B: 2 of 3 green → 66.67.
    assert [(u.unit, u.composite) for u in first.units] == [(units.town, Decimal("85.00")),
                                                            (units.other_town, Decimal("120.00"))]
    assert (first.unit_part, first.project_part, first.on_schedule) == (Decimal("92.50"), Decimal("66.67"), 2)
    assert first.score == Decimal("79.59")  # (50 × 92.50 + 50 × 66.67) / 100 = 79.585


def test_equal_scores_share_a_rank_and_a_leader_with_nothing_linked_has_no_score(leaders):
    table = bundle_table(year=2026)
    by_name = {row.leader.name: row for row in table}
    assert [(by_name[n].score, by_name[n].rank) for n in ("甲领导", "乙领导", "丙领导")] == [
        (Decimal("79.59"), 1), (Decimal("79.59"), 1), (Decimal("50.00"), 3)]
    assert (by_name["丁领导"].score, by_name["丁领导"].rank, by_name["丁领导"].has_links) == (None, None, False)
    assert table[-1].leader.name == "丁领导"  # unscored leaders last


def test_a_part_with_nothing_behind_it_is_left_out_not_counted_as_zero():
    assert bundle_score(unit_composites=[Decimal(70)], project_lights=[]) == (Decimal("70.00"), None,
                                                                             Decimal("70.00"))
    assert bundle_score(unit_composites=[], project_lights=["green", "red"]) == (None, Decimal("50.00"),
                                                                              Decimal("50.00"))
    assert bundle_score(unit_composites=[], project_lights=[]) == (None, None, None)


def test_the_schemes_weights_change_the_score(leaders, users):
    scheme = SprintScheme.objects.get(year=2026)
    services.scheme_save(user=users.office, scheme=scheme,
                         data={"bundle_weight_units": Decimal(70), "bundle_weight_projects": Decimal(30)})
    assert bundle_for(leader=leaders[0], year=2026).score == Decimal("84.75")  # 64.75 + 20.001
    assert scheme.history.first().history_user == users.office


def test_weights_that_do_not_add_up_are_refused_and_nothing_is_saved(leaders, users, client):
    scheme = SprintScheme.objects.get(year=2026)
    with pytest.raises(DomainError) as error:
        services.scheme_save(user=users.office, scheme=scheme,
                             data={"bundle_weight_units": Decimal(60), "bundle_weight_projects": Decimal(30)})
    assert error.value.message_dict["bundle_weight_projects"] == ["捆绑考核的两项权重之和为90，不是100。"]
    scheme.refresh_from_db()
    assert (scheme.bundle_weight_units, scheme.bundle_weight_projects) == (Decimal(50), Decimal(50))
    client.force_login(users.office)
    response = client.post(reverse("sprint:scheme_edit", args=[2026]), {
        **{f: getattr(scheme, f) for f in services.SCHEME_FIELDS},
        "bundle_weight_units": "60", "bundle_weight_projects": "30"})
    assert response.status_code == 200
    assert "捆绑考核的两项权重之和为90，不是100。" in response.content.decode()
    scheme.refresh_from_db()
    assert scheme.bundle_weight_units == Decimal(50)


def test_the_year_page_ranks_the_leaders_with_the_breakdown(leaders, users, client):
    client.force_login(users.leader)
    page = client.get(reverse("sprint:year", args=[2026])).content.decode()
    assert "2026年市领导捆绑考核" in page
    assert "79.59" in page and "92.50" in page and "66.67%" in page and "（2/3）" in page
    assert "无挂钩单位" in page


def test_the_year_page_is_for_the_insiders_and_the_organisation_department(leaders, users, client):
    assert_access(client, reverse("sprint:year", args=[2026]),
                  inside=[users.office, users.leader, users.admin, users.orgdept],
                  outside=[users.reporter, users.safety, users.nobody])


def test_the_year_page_runs_the_same_queries_with_many_leaders_and_links(leaders, users, units, client):
    def grow():
        for n in range(20):
            leader = LeaderFactory(name=f"增领导{n}", order=10 + n)
            link_unit(leader, units.park)
            link_unit(leader, units.town)
            link_projects(leader, ["green", "yellow"], units.park)

    assert_constant_queries(client, reverse("sprint:year", args=[2026]), grow=grow, user=users.office)
