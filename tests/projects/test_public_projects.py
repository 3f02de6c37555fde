"""Issue 27: major projects in public. The office publishes a project and picks its public fields; the public
list and page show only those; the open data and the OC4IDS package carry them, valid against the schema."""

import json
import time
from datetime import date, datetime
from pathlib import Path

import pytest
from django.urls import reverse
from jsonschema import Draft4Validator
from referencing import Registry, Resource

from gaoyou_portal.errors import DomainError
from projects import services
from projects.choices import DEFAULT_PUBLIC_FIELDS, MilestoneKind
from projects.models import Milestone
from tests.helpers.permissions import assert_access
from tests.projects.factories import ProjectFactory

pytestmark = pytest.mark.django_db
SCHEMAS = Path(__file__).parent / "data" / "oc4ids"


@pytest.fixture
def published(units, users):
    project = ProjectFactory(name="高邮湖生态廊道", responsible_unit=units.town, responsible_phone="13905140000",
                             description="内部说明XYZ")
    Milestone.objects.filter(project=project, kind=MilestoneKind.SIGNED).update(
        planned_date=date(2025, 12, 1), actual_date=date(2025, 12, 3))
    Milestone.objects.filter(project=project, kind=MilestoneKind.STARTED).update(planned_date=date(2026, 3, 1))
    Milestone.objects.filter(project=project, kind=MilestoneKind.COMPLETED).update(planned_date=date(2027, 6, 30))
    return services.project_publication_set(project=project, public=True, fields=DEFAULT_PUBLIC_FIELDS,
                                            user=users.office)


def test_a_project_is_private_until_the_office_publishes_it(client, units):
    project = ProjectFactory(responsible_unit=units.town)
    assert not project.is_public and project.public_fields == DEFAULT_PUBLIC_FIELDS
    assert client.get(reverse("projects:public_detail", args=[project.code])).status_code == 404
    assert project.name not in client.get(reverse("projects:public_list")).content.decode()


def test_only_the_office_publishes_and_the_history_says_who(client, units, users):
    project = ProjectFactory(responsible_unit=units.town)
    with pytest.raises(DomainError):
        services.project_publication_set(project=project, public=True, fields=[], user=users.reporter)
    with pytest.raises(DomainError, match="responsible_phone"):
        services.project_publication_set(project=project, public=True, fields=["responsible_phone"], user=users.office)
    project.refresh_from_db()
    assert not project.is_public
    services.project_publication_set(project=project, public=True, fields=["status", "status"], user=users.office)
    project.refresh_from_db()
    assert project.is_public and project.public_fields == ["status"]
    assert project.history.first().history_user == users.office


def test_the_publication_page_is_the_offices(client, users, units):
    project = ProjectFactory(responsible_unit=units.town)
    url = reverse("projects:project_publication", args=[project.pk])
    assert_access(client, url, inside=[users.office], outside=[users.reporter, users.leader])
    client.force_login(users.office)
    response = client.post(url, {"public": "on", "fields": ["level", "status"]})
    assert response.status_code == 302
    project.refresh_from_db()
    assert project.is_public and project.public_fields == ["level", "status"]


def test_the_public_sees_the_published_fields_only(client, published):
    body = client.get(reverse("projects:public_detail", args=[published.code])).content.decode()
    assert "高邮湖生态廊道" in body and "扬州市级" in body and "测试甲镇" in body
    assert "2025-12-01" in body and "2025-12-03" in body and "2027-06-30" in body
    for secret in ("13905140000", "张三", "内部说明XYZ", "5000"):
        assert secret not in body
    listing = client.get(reverse("projects:public_list"))
    assert published.name in listing.content.decode() and not listing.cookies
    assert "public" in listing["Cache-Control"]


def test_a_field_the_office_withdraws_disappears(client, published, users):
    services.project_publication_set(project=published, public=True, fields=["status"], user=users.office)
    body = client.get(reverse("projects:public_detail", args=[published.code])).content.decode()
    assert "2025-12-01" not in body and "测试甲镇" not in body
    services.project_publication_set(project=published, public=False, fields=["status"], user=users.office)
    assert client.get(reverse("projects:public_detail", args=[published.code])).status_code == 404


def test_the_open_data_carries_the_published_projects(client, published, units):
    ProjectFactory(responsible_unit=units.town, name="未公开项目")
    data = client.get("/open-data/public-projects.json").json()
    assert [p["name"] for p in data["projects"]] == ["高邮湖生态廊道"]
    row = data["projects"][0]
    assert row["town"] == "测试甲镇" and row["signed_actual"] == "2025-12-03" and row["total_investment"] is None
    assert "13905140000" not in json.dumps(data, ensure_ascii=False)


def _validator():
    package = json.loads((SCHEMAS / "project-package-schema.json").read_text())
    project = json.loads((SCHEMAS / "project-schema.json").read_text())
    registry = Registry().with_resources([
        ("project-package-schema.json", Resource.from_contents(package)),
        ("project-schema.json", Resource.from_contents(project)),
    ])
    return Draft4Validator(package, registry=registry, format_checker=Draft4Validator.FORMAT_CHECKER)


def test_the_oc4ids_package_is_valid_against_the_schema(client, published, users):
    services.project_publication_set(project=published, public=True,
                                     fields=[*DEFAULT_PUBLIC_FIELDS, "category", "total_investment"], user=users.office)
    package = client.get("/open-data/projects.oc4ids.json").json()
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in _validator().iter_errors(package)]
    assert not errors, errors
    project = package["projects"][0]
    assert project["id"] == f"oc4ids-gaoyou-{published.code}" and project["title"] == "高邮湖生态廊道"
    assert project["status"] == "implementation"
    assert project["period"] == {"startDate": "2026-03-01T00:00:00+08:00", "endDate": "2027-06-30T00:00:00+08:00"}
    assert project["locations"][0]["description"] == "测试甲镇"
    assert project["budget"]["amount"] == {"amount": 50000000.0, "currency": "CNY"}
    assert [o["id"] for o in project["forecasts"][0]["observations"]] == ["signed", "started", "completed"]
    assert [o["id"] for o in project["metrics"][0]["observations"]] == ["signed"]
    assert package["license"] and package["publicationPolicy"] and package["publisher"]["name"] == "高邮市人民政府"
    for stamp in (package["publishedDate"], project["updated"]):
        datetime.fromisoformat(stamp)


def test_the_validator_refuses_a_broken_package():
    broken = {"uri": "x", "publisher": {}, "publishedDate": "now", "version": "zero", "projects": [{"status": "?"}]}
    messages = " ".join(e.message for e in _validator().iter_errors(broken))
    assert "'name' is a required property" in messages and "'id' is a required property" in messages
    assert "is not one of" in messages and "does not match" in messages


def test_the_catalogue_lists_the_projects_with_their_oc4ids_package(client, published):
    data = json.loads(client.get("/open-data/catalog.jsonld").content)
    urls = [n["dcat:downloadURL"]["@id"] for n in data["@graph"] if n["@type"] == "dcat:Distribution"]
    assert "http://testserver/open-data/projects.oc4ids.json" in urls


def test_the_package_and_the_list_keep_their_queries_at_any_size(client, units, users, django_assert_max_num_queries):
    for _ in range(30):
        project = ProjectFactory(responsible_unit=units.town)
        services.project_publication_set(project=project, public=True, fields=DEFAULT_PUBLIC_FIELDS, user=users.office)
    with django_assert_max_num_queries(6):
        client.get("/open-data/projects.oc4ids.json")
    with django_assert_max_num_queries(6):
        client.get(reverse("projects:public_list"))
    started = time.perf_counter()
    client.get("/open-data/projects.oc4ids.json")  # from the cache
    assert time.perf_counter() - started < 0.2
