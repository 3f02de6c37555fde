"""Hostile spreadsheets against every import (issue 15): a message naming the file, never a 500, nothing saved.

Every import the engine knows (``gaoyou_portal.imports.spec.registered_specs()``) is sent the set, on its own
upload page (``upload_url_name``) with what the page asks besides the file (``example_params``), by the first
test user allowed to run it: a new import is tested here without anyone listing it. "Nothing saved": no row
of the import's app changes. The files are built by ``tests/helpers/hostile_files.py`` (no binary is
committed). Each is answered in under 2 s; the 100,000-row sheet goes to the background job, whose check
refuses it without saving.
"""

import time

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import Http404
from django.urls import reverse

from gaoyou_portal.choices import ImportState
from gaoyou_portal.imports.engine import import_check
from gaoyou_portal.imports.spec import registered_specs
from gaoyou_portal.models import ImportJob
from tests.helpers.hostile_files import build

pytestmark = pytest.mark.django_db

SPECS = {spec.key: spec for spec in registered_specs()}
# What the page says for each file (the file's name is in every message but the formula's, which names
# the cell instead).
EXPECTED = {
    "empty": "“空文件.xlsx”是空文件。",
    "renamed_text": "“改名的文本.xlsx”不是可读取的 Excel 工作簿（.xlsx）。",
    "formulas": "第 2 行，",
    "billion_laughs": "“实体炸弹.xlsx”含有 XML 实体声明",
    "billion_laughs_deep": "“深藏实体炸弹.xlsx”不是可读取的 Excel 工作簿（.xlsx）。",
    "zip_bomb": "“压缩炸弹.xlsx”解压后的大小",
    "thirty_megabytes": "“三十兆.xlsx”大于 20 MB。",
}


@pytest.fixture
def world(users, units):
    """What an upload page may need to open: the current year's plan of targets (the values' page reads it)."""
    from django.utils import timezone

    from targets.models import Plan

    year = timezone.localdate().year
    Plan.objects.create(year=year, title=f"{year}年目标任务")
    return users


def app_rows(spec):
    """Row counts of every model of the import's app."""
    config = apps.get_containing_app_config(spec.__module__)
    return {model._meta.label: model._default_manager.count() for model in config.get_models()}


def allowed_user(client, users, spec):
    """The first test user whom the import's page admits and its spec lets run it, with the page's params."""
    url = reverse(spec.upload_url_name)
    for user in vars(users).values():
        instance = spec(user=user, params={})
        params = instance.example_params()
        try:
            spec(user=user, params=params).check_permission()
        except (ValidationError, Http404):
            continue
        client.force_login(user)
        if client.get(url).status_code == 200:
            return url, params
    pytest.fail(f"no test user may run the import {spec.key} on {url}")


def _post(client, users, key, kind):
    spec = SPECS[key]
    url, params = allowed_user(client, users, spec)
    name, content = build(kind, spec(user=None, params={}).headers)
    before = app_rows(spec)
    started = time.monotonic()
    response = client.post(url, {**params, "file": SimpleUploadedFile(name, content)})
    elapsed = time.monotonic() - started
    if response.status_code == 302:
        response = client.get(response["Location"])
    return response, elapsed, before


def test_every_import_is_here_with_an_upload_page():
    assert {"projects.ledger", "projects.reports", "livelihood.tasks", "safety.firms", "safety.workshops",
            "targets.values", "targets.plan"} <= set(SPECS)
    for spec in SPECS.values():
        assert reverse(spec.upload_url_name), spec.key


@pytest.mark.parametrize("key", SPECS)
@pytest.mark.parametrize("kind", EXPECTED)
def test_a_hostile_file_is_refused_quickly_with_a_message(client, world, key, kind):
    response, elapsed, before = _post(client, world, key, kind)
    body = response.content.decode()
    assert response.status_code in (200, 400)
    assert EXPECTED[kind] in body
    if kind == "formulas":
        assert "含有公式，请粘贴为数值" in body
    assert elapsed < 2, f"{kind} took {elapsed:.2f}s"
    assert app_rows(SPECS[key]) == before


def _refused_by_the_job(client, world, key, kind):
    response, elapsed, before = _post(client, world, key, kind)
    assert response.status_code == 200 and elapsed < 2  # queued, not read in the request
    job = ImportJob.objects.get()
    assert job.state == ImportState.VALIDATING and 'hx-trigger="every 1s"' in response.content.decode()
    import_check(job=job)  # what the Celery task runs
    job.refresh_from_db()
    assert job.state == ImportState.INVALID and len(job.errors) == 200
    assert job.error_lines[0].startswith("第 2 行，")
    assert app_rows(SPECS[key]) == before


def test_a_hundred_thousand_rows_go_to_the_job_which_refuses_them_saving_nothing(client, world):
    """At the real inline limit (512 KB), on the import with the fewest columns (the engine reads every row of
    every import the same way; the other imports are sent a smaller file past a lowered limit below)."""
    _refused_by_the_job(client, world, "projects.reports", "hundred_thousand_rows")


@pytest.mark.parametrize("key", SPECS)
def test_a_file_past_the_inline_limit_goes_to_the_job_which_refuses_it_saving_nothing(client, world, settings,
                                                                                     key):
    settings.PORTAL_IMPORT_INLINE_BYTES = 64 * 1024  # five thousand rows are "large"
    _refused_by_the_job(client, world, key, "five_thousand_rows")


def test_openpyxl_parses_with_defusedxml():
    import defusedxml.ElementTree
    from openpyxl.xml import DEFUSEDXML, functions

    assert DEFUSEDXML is True
    assert functions.iterparse is defusedxml.ElementTree.iterparse


def test_entities_past_the_prolog_are_refused_by_the_parser_itself():
    """The upload check reads only the prolog; an entity declared later meets defusedxml, not expansion."""
    import io

    from defusedxml import DTDForbidden, EntitiesForbidden
    from openpyxl import load_workbook

    _name, content = build("billion_laughs_deep", ["编号", "名称"])
    with pytest.raises(ValueError) as caught:
        workbook = load_workbook(io.BytesIO(content), read_only=True)
        list(workbook.worksheets[0].iter_rows(values_only=True))
    chain, error = [], caught.value
    while error is not None:
        chain.append(error)
        error = error.__cause__ or error.__context__
    assert any(isinstance(error, (DTDForbidden, EntitiesForbidden)) for error in chain), chain
