"""Issue 27: open data with a catalogue: every public dataset with its data dictionary, one builder of the
CSV and JSON files, and the DCAT catalogue (JSON-LD and Turtle) whose every download answers."""

import csv
import io
import json
import time
from urllib.parse import urlsplit

import pytest
from django.utils import timezone

from gaoyou_portal import opendata
from livelihood import services
from projects.choices import DEFAULT_PUBLIC_FIELDS
from projects.services import project_publication_set
from tests.livelihood.conftest import task  # noqa: F401  (fixtures)
from tests.projects.factories import ProjectFactory
from tests.targets.conftest import households, make_target, plan, section, year  # noqa: F401  (fixtures)

pytestmark = pytest.mark.django_db
KEYS = ["livelihood-tasks", "livelihood-updates", "plan-targets", "plan-history", "public-projects"]
DCAT, DCT = "http://www.w3.org/ns/dcat#", "http://purl.org/dc/terms/"


@pytest.fixture
def public_data(task, users, units, households):  # noqa: F811
    project = ProjectFactory(responsible_unit=units.town, responsible_phone="13905140000")
    project_publication_set(project=project, public=True, fields=DEFAULT_PUBLIC_FIELDS, user=users.office)
    services.update_add(task=task, user=users.reporter, date=timezone.localdate(), percent=40, text="已铺设管网3公里")
    task.refresh_from_db()
    task.internal_note = "内部备注：预算紧张XYZ"
    task.save()
    return task


def test_the_open_data_page_lists_every_dataset_with_its_dictionary(client, public_data):
    response = client.get("/open-data/")
    body = response.content.decode()
    assert response.status_code == 200 and not response.cookies
    for key in KEYS:
        dataset = opendata.get_dataset(key)
        assert f'data-dataset="{key}"' in body and str(dataset.title) in body
        for field in dataset.fields:
            assert f"<code>{field.name}</code>" in body
    assert "民生实事完成情况" in body or "民生实事" in body
    assert "water（" in body  # the allowed values of a coded field
    assert "预算紧张XYZ" not in body


def test_every_field_of_every_file_is_in_its_dictionary(client, public_data):
    for key in KEYS:
        dataset = opendata.get_dataset(key)
        data = client.get(f"/open-data/{key}.json").json()
        assert data["count"] >= 1, key
        assert data["licence"] and data["publisher"] == "高邮市人民政府"
        documented = [f.name for f in dataset.fields]
        for item in data[dataset.items_key]:
            assert list(item) == documented, key
        rows = list(csv.reader(io.StringIO(client.get(f"/open-data/{key}.csv").content.decode("utf-8-sig"))))
        assert rows[0] == [str(f.label) for f in dataset.csv_fields()]
        assert len(rows) == data["count"] + 1


def test_no_internal_field_is_published(client, public_data):
    for key in KEYS:
        for fmt in ("csv", "json"):
            body = client.get(f"/open-data/{key}.{fmt}").content.decode("utf-8-sig")
            assert "预算紧张XYZ" not in body and "internal_note" not in body and "is_confidential" not in body
            assert "13905140000" not in body and "responsible_phone" not in body


def test_the_app_addresses_give_the_same_file_as_the_catalogue(client, public_data):
    assert client.get("/livelihood/open-data.json").json()["tasks"] == client.get(
        "/open-data/livelihood-tasks.json").json()["tasks"]
    assert client.get("/targets/public/open-data.csv").content == client.get("/open-data/plan-targets.csv").content


def test_a_malformed_year_is_refused_with_its_name(client, public_data):
    response = client.get("/open-data/livelihood-updates.json", {"year": "20x6"})
    assert response.status_code == 400 and response.json() == {"errors": {"year": ["请输入四位数的年份。"]}}
    assert client.get("/open-data/plan-targets.csv", {"year": "abc"}).status_code == 400
    assert client.get("/open-data/nothing.csv").status_code == 404


def _graph(client, url, fmt):
    rdflib = pytest.importorskip("rdflib")
    graph = rdflib.Graph()
    graph.parse(data=client.get(url).content.decode(), format=fmt, publicID="http://testserver/")
    return graph


def test_the_dcat_catalogue_parses_as_json_ld_and_every_download_answers(client, public_data):
    rdflib = pytest.importorskip("rdflib")  # a dev dependency (pyproject.toml)
    RDF, URIRef = rdflib.RDF, rdflib.URIRef  # noqa: N806

    graph = _graph(client, "/open-data/catalog.jsonld", "json-ld")
    dcat = lambda name: URIRef(DCAT + name)  # noqa: E731
    dct = lambda name: URIRef(DCT + name)  # noqa: E731
    catalogs = list(graph.subjects(RDF.type, dcat("Catalog")))
    assert len(catalogs) == 1
    datasets = list(graph.objects(catalogs[0], dcat("dataset")))
    assert len(datasets) == len(opendata.datasets()) == len(KEYS)
    downloads = []
    for dataset in datasets:
        for prop in ("title", "description", "publisher", "license", "accrualPeriodicity", "modified"):
            assert graph.value(dataset, dct(prop)) is not None, (dataset, prop)
        assert graph.value(graph.value(dataset, dct("publisher")), URIRef("http://xmlns.com/foaf/0.1/name"))
        distributions = list(graph.objects(dataset, dcat("distribution")))
        formats = {str(graph.value(d, dct("format"))) for d in distributions}
        assert {"CSV", "JSON"} <= formats
        downloads += [str(graph.value(d, dcat("downloadURL"))) for d in distributions]
    for url in downloads:
        response = client.get(urlsplit(url).path)
        assert response.status_code == 200, url


def test_the_turtle_catalogue_says_the_same(client, public_data):
    isomorphic = pytest.importorskip("rdflib.compare").isomorphic

    assert isomorphic(_graph(client, "/open-data/catalog.jsonld", "json-ld"),
                      _graph(client, "/open-data/catalog.ttl", "turtle"))


def test_the_catalogue_is_plain_json_ld_with_a_context(client, public_data):
    data = json.loads(client.get("/open-data/catalog.jsonld").content)
    assert data["@context"]["dcat"] == DCAT
    types = [node["@type"] for node in data["@graph"]]
    assert types.count("dcat:Dataset") == len(opendata.datasets()) and "dcat:Catalog" in types


def test_public_pages_announce_the_catalogue(client, public_data):
    for url in ("/", "/livelihood/", public_data.get_absolute_url(), "/targets/public/", "/open-data/"):
        body = client.get(url).content.decode()
        assert '<link rel="alternate" type="application/ld+json"' in body and 'href="/open-data/catalog.jsonld"' in body


def test_the_catalogue_answers_fast(client, public_data, django_assert_max_num_queries):
    with django_assert_max_num_queries(10):
        client.get("/open-data/catalog.jsonld")
    started = time.perf_counter()
    client.get("/open-data/catalog.ttl")
    assert time.perf_counter() - started < 0.2
