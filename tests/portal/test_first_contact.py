"""Issue 10, "first contact": what a newcomer sees on the first screens of every role."""

import pytest
from django.urls import reverse

from cadres.models import Cadre
from projects.sprint.models import ConsequenceCase
from tests.cadres.factories import CadreFactory
from tests.projects.factories import ProjectFactory

pytestmark = pytest.mark.django_db


# --- finding 1: no query string means the default filter, never nothing ---------------------------------------
def test_project_list_without_a_query_string_lists_the_projects(client, users, units):
    ProjectFactory(name="甲镇新能源项目", responsible_unit=units.town)
    client.force_login(users.reporter)
    response = client.get(reverse("projects:project_list"))
    assert response.status_code == 200
    assert "甲镇新能源项目" in response.content.decode()
    assert response.context["paginator"].count == 1


def test_consequence_case_list_without_a_query_string_lists_the_cases(client, users, units):
    ConsequenceCase.objects.create(unit=units.town, year=2026, kind="no_awards", evidence="两次黄旗")
    client.force_login(users.office)
    response = client.get(reverse("sprint:case_list"))
    assert response.status_code == 200
    assert list(response.context["object_list"]) == list(ConsequenceCase.objects.all())


def test_cadre_list_without_a_query_string_lists_the_cadres(client, users, units):
    CadreFactory(unit=units.town)
    client.force_login(users.orgdept)
    response = client.get(reverse("cadres:cadre_list"))
    assert response.status_code == 200
    assert response.context["paginator"].count == Cadre.objects.count() == 1
