"""The API keeps its schema: schemathesis against the WSGI app, anonymously and as a reporter.

Every operation the caller's own schema lists is called with a few generated requests (derandomized,
so a run is repeatable) and must answer without a server error, with a status the schema documents
and a body that conforms to it. Seeded rows give the list and detail operations real objects to return.
"""

import contextlib
import datetime
import json

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from rest_framework.authtoken.models import Token
from schemathesis import checks as st_checks

from gaoyou_portal.wsgi import application

EXAMPLES = 6
# A server error, or an answer the schema does not describe (status, content type, headers, body).
# (Not "positive data acceptance": a well-formed filter for a unit that does not exist is a documented 400.)
CHECKS = [st_checks.not_a_server_error, st_checks.status_code_conformance, st_checks.content_type_conformance,
          st_checks.response_headers_conformance, st_checks.response_schema_conformance]


@pytest.fixture
def api_data(users, units):
    """A little of everything the API returns, including the rows issue 14 found mismatched."""
    from leaders.models import Leader
    from livelihood import services as livelihood_services
    from safety import services as safety_services
    from tests.projects.factories import ProjectFactory, report
    from tests.safety.factories import ChemicalFirmFactory, GarmentWorkshopFactory, InspectionFactory, ItemFactory
    from tests.sprint.factories import add_project, make_scheme, office_value

    task = livelihood_services.task_create(
        user=users.office, year=2026, number=7, title="区域供水管网改造", category="water", target="8 公里",
        responsible_leader=Leader.objects.get(name="测试领导"), lead_unit=units.town,
        responsible_units=[units.dept], deadline=datetime.date(2026, 12, 31),
    )
    livelihood_services.update_add(task=task, user=users.reporter, percent=30, text="推进", published=True)
    project = ProjectFactory(responsible_unit=units.town)
    report(project, datetime.date(2026, 10, 1), 120)
    firm = ChemicalFirmFactory(town=units.town)
    workshop = GarmentWorkshopFactory(town=units.town, disposition="", state="undecided", disposition_date=None)
    for case in ({"firm": firm}, {"workshop": workshop}):
        InspectionFactory(**case)
        ItemFactory(**case)
    safety_services  # noqa: B018  (the cases above are rows as the services leave them)

    from projects.sprint import services as sprint_services

    scheme = make_scheme([units.town, units.other_town, units.park, units.dept])
    add_project(units.town, reports=[(datetime.date(2026, 1, 1), 400)])
    office_value(scheme, units.town, 1, 30)
    sprint_services.race_score(year=2026, quarter=1, today=datetime.date(2026, 11, 28))


@contextlib.contextmanager
def keeping_the_test_connection():
    """The WSGI handler closes the database connection after each request, which would end the test's
    transaction on PostgreSQL; Django's test client switches this off the same way (and switches it
    back on after each of its own requests, so this wraps the schemathesis calls only)."""
    from django.core import signals
    from django.db import close_old_connections

    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


def _load(client, user=None):
    if user is not None:
        client.force_login(user)
    response = client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert response.status_code == 200
    client.logout()
    loaded = schemathesis.openapi.from_dict(json.loads(response.content))
    loaded.app = application
    return loaded


@pytest.fixture
def anonymous_schema(client, api_data):
    return _load(client)


@pytest.fixture
def reporter_schema(client, api_data, users):
    return _load(client, users.reporter)


@pytest.fixture
def reporter_headers(users):
    token, _created = Token.objects.get_or_create(user=users.reporter)
    return {"Authorization": f"Token {token.key}"}


CONFIG = settings(max_examples=EXAMPLES, derandomize=True, deadline=None, database=None,
                  phases=[Phase.explicit, Phase.generate], suppress_health_check=list(HealthCheck))


def check_every_operation(schema, headers=None):
    """Run each operation's examples and collect every failure (not only the first) for the report.

    (Each operation is driven with Hypothesis directly: schemathesis' pytest plugin does not run
    under pytest 9.)"""
    failures = []
    for result in schema.get_all_operations():
        operation = result.ok()

        @CONFIG
        @given(case=operation.as_strategy())
        def check(case):
            case.call_and_validate(headers=headers, checks=CHECKS)

        try:
            with keeping_the_test_connection():
                check()
        except (Exception, BaseExceptionGroup) as exc:  # a failure report, collected for all operations
            failures.append(f"{operation.label}: {str(exc)[:1500]}")
    assert not failures, "\n\n".join(failures)
    return failures


def test_the_public_api_keeps_its_schema(anonymous_schema):
    check_every_operation(anonymous_schema)


def test_the_staff_api_keeps_its_schema_for_a_reporter(reporter_schema, reporter_headers):
    check_every_operation(reporter_schema, reporter_headers)


# --- who sees which schema ------------------------------------------------------------------------------------
def _paths(client, user=None):
    if user is not None:
        client.force_login(user)
    return set(json.loads(client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").content)["paths"])


def test_the_anonymous_schema_lists_only_public_endpoints(client, users):
    schema = json.loads(client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").content)
    paths = set(schema["paths"])
    # The public API: the pledged livelihood tasks and the public targets of the plan, read only.
    assert "/api/v1/livelihood/tasks/" in paths and "/api/v1/targets/" in paths
    assert all(p.startswith(("/api/v1/livelihood/", "/api/v1/targets/")) for p in paths), paths
    methods = {m for ops in schema["paths"].values() for m in ops if m not in ("parameters", "summary")}
    assert methods == {"get"}, methods
    docs = client.get("/api/docs/")
    assert docs.status_code == 200


def test_staff_see_the_staff_api_and_only_the_department_sees_cadres(client, users):
    for user in (users.reporter, users.admin, users.office):
        paths = _paths(client, user)
        assert "/api/v1/projects/" in paths and "/api/v1/safety/chemical-firms/" in paths
        assert not any("cadres" in p for p in paths), user
    paths = _paths(client, users.orgdept)
    assert sum("cadres" in p for p in paths) >= 10


def test_a_junk_filter_value_is_a_400(client, users):
    client.force_login(users.reporter)
    response = client.get("/api/v1/units/", {"active": "maybe"})
    assert response.status_code == 400
    assert "active" in response.json()
