"""Fixed query counts at two scales (1 project, then 50) for the pages issue 16 lists that read projects.

Every page is counted against one growth of the same 49 projects (a report, a plan and a leader's link each), so
the fifty-project database is built once for all of them; a failure names each page whose count grew."""

import pytest

from leaders.models import Leader
from tests.helpers.permissions import assert_constant_pages
from tests.projects.test_views import _grow, url

# Query counts do not change with the day: measured on one, a day of the reporting window (no rerun by date).
pytestmark = pytest.mark.clock("2026-11-26T10:00")

LIST_VARIANTS = ["", "?light=red", "?ordering=-behind", "?light=red&ordering=-behind", "?q=测试", "?ordering=light"]
ROLES = ["reporter", "office", "leader", "admin", "safety", "orgdept"]


def test_the_project_pages_run_a_fixed_number_of_queries(client, users, project, today, units):
    leader = Leader.objects.get(user=users.leader)
    pages = [(url("project_list") + query, users.office) for query in LIST_VARIANTS]
    pages.append(("/api/v1/projects/?ordering=light", users.leader))
    pages += [("/dashboard/", getattr(users, role)) for role in ROLES]
    pages.append((url("overview"), users.leader))
    counts = assert_constant_pages(client, pages, grow=_grow(units.town, today, leader))
    assert len(counts) == len(LIST_VARIANTS) + len(ROLES) + 2 and all(counts)
