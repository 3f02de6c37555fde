"""visible_to / editable_by, the unit pages and the units API, for every role."""

import pytest

from gaoyou_portal.scoping import is_editable
from leaders.models import Leader
from org.models import Unit
from tests.factories import UnitFactory
from tests.helpers.permissions import assert_access, assert_constant_queries

pytestmark = pytest.mark.django_db


def test_every_role_reads_units_but_only_admin_changes_them(users, units):
    for user in (users.reporter, users.office, users.leader, users.safety, users.orgdept, users.admin):
        assert Unit.objects.visible_to(user).count() == 4
    assert Unit.objects.editable_by(users.admin).count() == 4
    for user in (users.reporter, users.office, users.leader, users.safety, users.orgdept):
        assert Unit.objects.editable_by(user).count() == 0
    assert is_editable(units.town, users.admin)
    assert not is_editable(units.town, users.reporter)


def test_anonymous_and_roleless_users_see_nothing(users, units):
    from django.contrib.auth.models import AnonymousUser

    assert Unit.objects.visible_to(AnonymousUser()).count() == 0
    assert Unit.objects.visible_to(users.nobody).count() == 0
    assert Leader.objects.editable_by(users.nobody).count() == 0


def test_scope_with_unit_field_limits_reporters_to_their_units(users, units):
    from gaoyou_portal.roles import Role
    from gaoyou_portal.scoping import Scope

    scope = Scope(unit_field="pk", write_roles={Role.OFFICE}, reporter_reads="unit")
    assert list(Unit.objects.filter(scope.read_q(users.reporter))) == [units.town]
    assert list(Unit.objects.filter(scope.write_q(users.reporter))) == [units.town]
    assert scope.write_q(users.leader) is None
    assert Unit.objects.filter(scope.write_q(users.office)).count() == 4
    assert scope.can_create(users.reporter, units.town)
    assert not scope.can_create(users.reporter, units.other_town)
    assert not scope.can_create(users.leader, units.town)


def test_confidential_scope_excludes_administrators_without_a_grant(users):
    from gaoyou_portal.scoping import Scope

    scope = Scope(confidential=True)
    assert scope.read_q(users.admin) is None
    assert scope.read_q(users.leader) is None
    assert scope.read_q(users.orgdept) is not None
    granted = Scope(confidential=True, grant_check=lambda user: user.username == "t-admin")
    assert granted.read_q(users.admin) is not None


def test_unit_pages_answer_by_role(client, users, units):
    assert_access(client, "/units/", inside=[users.reporter, users.office, users.leader], outside=[users.nobody])
    assert_access(
        client, f"/units/{units.town.code}/", inside=[users.reporter, users.admin], outside=[users.nobody]
    )
    client.force_login(users.office)
    assert client.get("/units/no-such-unit/").status_code == 404


def test_the_unit_list_lists_and_filters_units(client, users, units):
    client.force_login(users.reporter)
    body = client.get("/units/").content.decode()
    for unit in (units.town, units.other_town, units.park, units.dept):
        assert unit.name in body
    body = client.get("/units/?kind=department").content.decode()
    assert units.dept.name in body and units.town.name not in body
    body = client.get("/units/?q=乙镇").content.decode()
    assert units.other_town.name in body and units.town.name not in body


def test_units_api_answers_by_role(client, users, units):
    responses = assert_access(client, "/api/v1/units/", inside=[users.reporter, users.leader], outside=[users.nobody],
                              anonymous=401)
    data = responses["t-reporter"].json()
    assert data["count"] == 4
    assert set(data["results"][0]) == {"id", "name", "short_name", "code", "kind", "active"}


def test_units_api_filters_and_refuses_writes(client, users, units):
    client.force_login(users.office)
    data = client.get("/api/v1/units/?kind=department").json()
    assert [u["code"] for u in data["results"]] == ["t-dept"]
    assert client.post("/api/v1/units/", {"name": "x"}).status_code == 405


def test_unit_list_runs_a_fixed_number_of_queries(client, users, units):
    def grow():
        for n in range(50):
            UnitFactory(code=f"grow-{n}", name=f"增长镇{n}")

    queries = assert_constant_queries(client, "/units/", grow=grow, user=users.office)
    assert queries > 0
    client.force_login(users.office)
    page_two = client.get("/units/?page=2").content.decode()
    assert "第 2 页，共 2 页" in page_two  # 54 units, 50 a page
