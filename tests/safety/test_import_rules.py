"""The Excel import puts cases on the ledgers by the form's rules (``services.case_build`` / ``cases_create``):
an imported chemical firm is linked to its enterprise as one added by the form, and a row the form would refuse
is refused in the same words."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from gaoyou_portal.credit_codes import make_credit_code
from gaoyou_portal.imports.engine import run_file
from leaders.choices import LinkKind
from leaders.models import Enterprise, Leader, LeaderLink
from safety.choices import Ledger
from safety.imports import SPECS
from safety.models import ChemicalFirm

from .sheets import FIRM_HEADERS, firm_rows, workbook_bytes

pytestmark = pytest.mark.django_db

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def run_import(rows, user):
    upload = SimpleUploadedFile("台账.xlsx", workbook_bytes(FIRM_HEADERS, rows), content_type=XLSX)
    return run_file(spec=SPECS[Ledger.FIRMS], upload=upload, user=user)


def test_an_imported_firm_gets_its_enterprise_link_and_reaches_the_linked_leaders_workspace(client, users, units):
    enterprise = Enterprise.objects.create(name="示范化工有限公司1", credit_code=make_credit_code(800001),
                                           town=units.town)
    leader = Leader.objects.get(user=users.leader)
    LeaderLink.objects.create(leader=leader, kind=LinkKind.ENTERPRISE, enterprise=enterprise,
                              started_on=dt.date(2025, 1, 1))
    result = run_import(firm_rows(3), users.safety)
    assert result.errors == [] and result.created == 3
    linked = ChemicalFirm.objects.get(credit_code=make_credit_code(800001))
    assert linked.enterprise == enterprise
    assert ChemicalFirm.objects.filter(enterprise__isnull=True).count() == 2  # no record of their codes
    client.force_login(users.leader)
    page = client.get(f"/leaders/{leader.pk}/").content.decode()
    assert "示范化工有限公司1" in page and linked.get_absolute_url() in page
    assert "示范化工有限公司2" not in page


@pytest.mark.parametrize("change, message", [
    ({"deadline": "2026-01-01"}, "整改期限不能早于处置日期。"),
    ({"deadline": ""}, "请设定处置的整改期限。"),
    ({"credit_code": make_credit_code(700001)}, "该统一社会信用代码的企业已在台账中。"),
])
def test_the_same_invalid_row_is_refused_in_the_same_words_by_the_form_and_the_import(
        change, message, client, users, units):
    ChemicalFirm.objects.create(name="已在台账", credit_code=make_credit_code(700001), town=units.town)
    row = {"name": "新化工", "credit_code": make_credit_code(700002), "town": units.town.name,
           "hazard_category": "一般危化品", "disposition": "关闭", "disposition_date": "2026-03-01",
           "deadline": "2026-12-31", **change}
    form = {**row, "town": units.town.pk, "hazard_category": "general", "disposition": "close"}
    client.force_login(users.safety)
    response = client.post("/safety/firms/new/", form)
    assert response.status_code in (200, 400) and message in response.content.decode()

    cells = [row.get(column.key) or None for column in SPECS[Ledger.FIRMS].columns]
    result = run_import([cells], users.safety)
    assert len(result.errors) == 1 and result.errors[0].endswith(message), result.errors
    assert ChemicalFirm.objects.count() == 1
