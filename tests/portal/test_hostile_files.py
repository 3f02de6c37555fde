"""Hostile spreadsheets against every import (issue 15): a message naming the file, never a 500, nothing saved.

The files are built by ``tests/helpers/hostile_files.py`` (no binary is committed). Each is answered in
under 2 s; the 100,000-row sheet goes to the background job, whose check refuses it without saving.
"""

import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from gaoyou_portal.choices import ImportState
from gaoyou_portal.imports.engine import import_check
from gaoyou_portal.models import ImportJob
from livelihood.imports import COLUMNS as TASK_COLUMNS
from livelihood.models import LivelihoodTask
from projects.excel import LEDGER_COLUMNS, REPORT_COLUMNS
from projects.models import MonthlyReport, Project
from safety.imports import FIRM_COLUMNS, WORKSHOP_COLUMNS
from safety.models import ChemicalFirm, GarmentWorkshop
from tests.helpers.hostile_files import build

pytestmark = pytest.mark.django_db

IMPORTS = {
    "project ledger": ("/projects/import/", "office", {}, list(LEDGER_COLUMNS), Project),
    "unit monthly reports": ("/projects/reports/upload/", "reporter", {}, list(REPORT_COLUMNS), MonthlyReport),
    "livelihood tasks": ("/livelihood/staff/import/", "office", {"year": 2027}, [c.header for c in TASK_COLUMNS],
                         LivelihoodTask),
    "chemical firms": ("/safety/firms/import/", "safety", {}, list(FIRM_COLUMNS), ChemicalFirm),
    "workshops": ("/safety/workshops/import/", "safety", {}, list(WORKSHOP_COLUMNS), GarmentWorkshop),
}
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


def _post(client, users, target, kind):
    url, role, params, headers, model = IMPORTS[target]
    client.force_login(getattr(users, role))
    name, content = build(kind, headers)
    started = time.monotonic()
    response = client.post(url, {**params, "file": SimpleUploadedFile(name, content)})
    elapsed = time.monotonic() - started
    if response.status_code == 302:
        response = client.get(response["Location"])
    return response, elapsed, model


@pytest.mark.parametrize("target", IMPORTS)
@pytest.mark.parametrize("kind", EXPECTED)
def test_a_hostile_file_is_refused_quickly_with_a_message(client, users, target, kind):
    response, elapsed, model = _post(client, users, target, kind)
    body = response.content.decode()
    assert response.status_code in (200, 400)
    assert EXPECTED[kind] in body
    if kind == "formulas":
        assert "含有公式，请粘贴为数值" in body
    assert elapsed < 2, f"{kind} took {elapsed:.2f}s"
    assert model.objects.count() == 0


@pytest.mark.parametrize("target", IMPORTS)
def test_a_hundred_thousand_rows_go_to_the_job_which_refuses_them_saving_nothing(client, users, target):
    response, elapsed, model = _post(client, users, target, "hundred_thousand_rows")
    assert response.status_code == 200 and elapsed < 2  # queued, not read in the request
    job = ImportJob.objects.get()
    assert job.state == ImportState.VALIDATING and 'hx-trigger="every 1s"' in response.content.decode()
    import_check(job=job)  # what the Celery task runs
    job.refresh_from_db()
    assert job.state == ImportState.INVALID and len(job.errors) == 200
    assert job.error_lines[0].startswith("第 2 行，")
    assert model.objects.count() == 0


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
