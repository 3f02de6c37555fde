"""Definition (口径) and data source (数据来源) on every target: required when a target is saved or imported,
shown on the staff and public pages, in the API and in the Excel and Word exports; the demo words all 40."""

import io
import re
from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from docx import Document
from openpyxl import load_workbook

from targets import demo, services
from targets.choices import TargetKind
from targets.demo_wording import WORDING
from targets.models import Target

DEFINITION = "本年1月1日起签约并入住集中居住点的零散农户户数，不含往年已签约户"
SOURCE = "各镇（街道）每月填报并附签约台账，自然资源和规划局核验"


@pytest.fixture
def worded(make_target):
    return make_target(code="B12", title="600户零散农户集中居住", figure=Decimal(600), definition=DEFINITION,
                       data_source=SOURCE)


def test_a_target_without_definition_or_source_is_refused_and_nothing_saved(plan, section, units, users):
    target = Target(plan=plan, section=section, code="X1", title="无口径", kind=TargetKind.REPORTED, figure=3,
                    measure="个", deadline=date(plan.year, 12, 31), lead_unit=units.dept)
    with pytest.raises(ValidationError) as exc:
        services.target_save(target=target, user=users.office)
    assert exc.value.message_dict["definition"] == ["请写明口径：统计什么、自何时起、不含什么。"]
    assert exc.value.message_dict["data_source"] == ["请写明数据来源：计入的记录，或填报单位及核验方式。"]
    assert not Target.objects.filter(code="X1").exists()


def test_the_pages_api_and_exports_carry_definition_and_source(client, users, worded, make_target):
    derived = make_target(code="E03", kind=TargetKind.DERIVED, metric="projects.prefecture_started", measure="个",
                          figure=Decimal(20), definition="本年开工的扬州市级项目个数",
                          data_source="重大项目台账中本年开工的扬州市级项目")
    client.force_login(users.office)
    page = client.get(derived.get_absolute_url()).content.decode()
    assert "重大项目台账中本年开工的扬州市级项目" in page and "projects.prefecture_started" not in page
    page = client.get(worded.get_absolute_url()).content.decode()
    assert re.search(r'data-testid="definition">' + DEFINITION, page)
    assert re.search(r'data-testid="data-source">' + SOURCE, page)
    public = client.get(worded.get_public_url()).content.decode()
    assert DEFINITION in public and SOURCE in public
    row = client.get(f"/api/v1/targets/{worded.pk}/").json()
    assert (row["definition"], row["data_source"]) == (DEFINITION, SOURCE)
    sheet = load_workbook(io.BytesIO(client.get(reverse("targets:board_export")).content)).active
    lines = list(sheet.iter_rows(values_only=True))
    assert lines[0][-2:] == ("口径", "数据来源")
    assert [line[-2:] for line in lines if line[0] == "B12"] == [(DEFINITION, SOURCE)]
    doc = Document(io.BytesIO(client.get(reverse("channels:document_export", args=["targets_board"])).content))
    cells = [[c.text for c in r.cells] for r in doc.tables[1].rows]
    assert cells[0] == ["编号", "目标任务", "口径", "数据来源"]
    assert ["B12", "600户零散农户集中居住", DEFINITION, SOURCE] in cells


def test_the_demo_words_every_target():
    codes = [row[1] for row in demo.TARGETS]
    assert len(codes) == 40 and set(WORDING) == set(codes)
    for code, (definition, source) in WORDING.items():
        assert len(definition) >= 20 and len(source) >= 10, code
