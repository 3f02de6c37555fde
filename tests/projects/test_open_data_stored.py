"""Issue 27, performance: the OC4IDS package and the public projects' files are stored builds. A request is
served the stored build; a committed change to a public project queues one job through the outbox that
rebuilds them, so the next request waits for no build; a file never asked for is not built."""

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from gaoyou_portal.models import Job
from gaoyou_portal.opendata import stored
from projects import services
from projects.choices import DEFAULT_PUBLIC_FIELDS
from tests.projects.factories import ProjectFactory

pytestmark = pytest.mark.django_db
FILES = ["/open-data/projects.oc4ids.json", "/open-data/public-projects.json", "/open-data/public-projects.csv"]


def _project_queries(client, url):
    """The request's answer and how many of its queries read the projects."""
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return response, sum("projects_project" in q["sql"] for q in ctx.captured_queries)


@pytest.fixture
def published(units, users):
    project = ProjectFactory(name="高邮湖生态廊道", responsible_unit=units.town)
    return services.project_publication_set(project=project, public=True, fields=DEFAULT_PUBLIC_FIELDS,
                                            user=users.office)


def _rename(project, name, capture):
    with capture(execute=True):
        with transaction.atomic():
            project.name = name
            project.save(update_fields=["name", "updated_at"])


@pytest.mark.parametrize("url", FILES)
def test_a_committed_change_rebuilds_the_stored_file_in_a_job_and_no_request_builds_it(
        client, published, django_capture_on_commit_callbacks, url):
    response, queries = _project_queries(client, url)  # the first request ever: builds and stores
    assert queries >= 1 and "高邮湖生态廊道" in response.content.decode("utf-8-sig")
    response, queries = _project_queries(client, url)
    assert queries == 0 and "高邮湖生态廊道" in response.content.decode("utf-8-sig")
    assert "public" in response["Cache-Control"] and not response.cookies

    jobs = Job.objects.filter(task="opendata.warm").count()
    _rename(published, "高邮湖生态廊道二期", django_capture_on_commit_callbacks)
    assert Job.objects.filter(task="opendata.warm").count() == jobs + 1  # one job through the outbox, run
    response, queries = _project_queries(client, url)
    assert queries == 0, "the request built the file: the job should have"
    assert "高邮湖生态廊道二期" in response.content.decode("utf-8-sig")


def test_many_changes_in_one_transaction_queue_one_job(client, published, units, django_capture_on_commit_callbacks):
    client.get("/open-data/projects.oc4ids.json")
    before = Job.objects.filter(task="opendata.warm").count()
    with django_capture_on_commit_callbacks(execute=True):
        with transaction.atomic():
            for n in range(5):
                published.name = f"改名{n}"
                published.save(update_fields=["name", "updated_at"])
    assert Job.objects.filter(task="opendata.warm").count() == before + 1
    assert client.get("/open-data/projects.oc4ids.json").json()["projects"][0]["title"] == "改名4"


def test_a_file_never_asked_for_is_not_built(published, django_capture_on_commit_callbacks):
    _rename(published, "无人下载", django_capture_on_commit_callbacks)
    assert not Job.objects.filter(task="opendata.warm").exists()


def test_while_a_rebuild_is_pending_the_previous_build_is_served_and_without_one_the_request_builds(
        client, published, users):
    client.get("/open-data/projects.oc4ids.json")
    published.name = "新名称"
    published.save(update_fields=["name", "updated_at"])  # in the test's transaction: no commit, no job yet
    from django.core.cache import cache

    from projects.cache import public_cache

    cache.set(stored._pending_key(public_cache), 1, 60)  # a rebuild is on its way
    response, queries = _project_queries(client, "/open-data/projects.oc4ids.json")
    assert queries == 0 and response.json()["projects"][0]["title"] == "高邮湖生态廊道"
    cache.delete(stored._pending_key(public_cache))  # none on its way (a worker down): the request builds
    response, queries = _project_queries(client, "/open-data/projects.oc4ids.json")
    assert queries >= 1 and response.json()["projects"][0]["title"] == "新名称"


def test_an_unpublished_project_leaves_the_files(client, published, users, django_capture_on_commit_callbacks):
    assert len(client.get("/open-data/projects.oc4ids.json").json()["projects"]) == 1
    with django_capture_on_commit_callbacks(execute=True):
        services.project_publication_set(project=published, public=False, fields=DEFAULT_PUBLIC_FIELDS,
                                         user=users.office)
    response, queries = _project_queries(client, "/open-data/projects.oc4ids.json")
    assert queries == 0 and response.json()["projects"] == []


def test_the_addresses_in_a_stored_build_are_the_requests_own(client, published):
    client.get("/open-data/projects.oc4ids.json")
    package = client.get("/open-data/projects.oc4ids.json", HTTP_HOST="localhost").json()
    assert package["uri"] == "http://localhost/open-data/projects.oc4ids.json"
    assert package["projects"][0]["documents"][0]["url"].startswith("http://localhost/projects/")
    assert stored.BASE not in client.get("/open-data/public-projects.csv").content.decode("utf-8-sig")
    # A query string (a cache-buster) gets the same stored file, never a build of its own.
    response, queries = _project_queries(client, "/open-data/projects.oc4ids.json?nocache=1")
    assert queries == 0
