"""Fixed query counts at two scales (1 project, then 50) for the pages issue 16 lists that read projects."""

import pytest

from leaders.models import Leader
from tests.helpers.permissions import assert_constant_queries
from tests.projects.test_views import _grow, url

# Query counts do not change with the day: measured on one, a day of the reporting window (no rerun by date).
pytestmark = pytest.mark.clock("2026-11-26T10:00")


@pytest.mark.parametrize("query", ["", "?light=red", "?ordering=-behind", "?light=red&ordering=-behind", "?q=测试",
                                   "?ordering=light"])
def test_the_project_list_variants_run_a_fixed_number_of_queries(client, users, project, today, units, query):
    leader = Leader.objects.get(user=users.leader)
    assert_constant_queries(client, url("project_list") + query, grow=_grow(units.town, today, leader),
                            user=users.office)


def test_the_api_list_sorted_by_light_runs_a_fixed_number_of_queries(client, users, project, today, units):
    leader = Leader.objects.get(user=users.leader)
    assert_constant_queries(client, "/api/v1/projects/?ordering=light", grow=_grow(units.town, today, leader),
                            user=users.leader)


@pytest.mark.parametrize("role", ["reporter", "office", "leader", "admin", "safety", "orgdept"])
def test_the_dashboard_of_every_role_runs_a_fixed_number_of_queries(client, users, project, today, units, role):
    leader = Leader.objects.get(user=users.leader)
    assert_constant_queries(client, "/dashboard/", grow=_grow(units.town, today, leader), user=getattr(users, role))


def test_the_overview_runs_a_fixed_number_of_queries(client, users, project, today, units):
    leader = Leader.objects.get(user=users.leader)
    assert_constant_queries(client, url("overview"), grow=_grow(units.town, today, leader), user=users.leader)
