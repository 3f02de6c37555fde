"""factory_boy factories of the safety ledgers."""

import datetime as dt

import factory

from gaoyou_portal.credit_codes import make_credit_code
from safety.choices import CaseState, FirmDisposition, Verdict, WorkshopDisposition
from safety.models import ChemicalFirm, GarmentWorkshop, Inspection, RectificationItem
from tests.factories import UnitFactory

TODAY = dt.date(2026, 11, 28)


class ChemicalFirmFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ChemicalFirm

    name = factory.Sequence(lambda n: f"测试化工有限公司{n}")
    credit_code = factory.Sequence(lambda n: make_credit_code(500000 + n))
    town = factory.SubFactory(UnitFactory)
    address = "测试地址1号"
    disposition = FirmDisposition.RECTIFY
    disposition_date = dt.date(2026, 3, 1)
    deadline = dt.date(2026, 12, 31)
    state = CaseState.IN_PROGRESS


class GarmentWorkshopFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GarmentWorkshop

    name = factory.Sequence(lambda n: f"测试服装加工点{n}")
    operator = "王某"
    town = factory.SubFactory(UnitFactory)
    workers = 6
    hazards = "three_in_one"
    disposition = WorkshopDisposition.RECTIFY
    disposition_date = dt.date(2026, 3, 1)
    deadline = dt.date(2026, 12, 31)
    state = CaseState.IN_PROGRESS


class InspectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Inspection

    date = dt.date(2026, 11, 20)
    inspectors = "应急局 钱明"
    findings = "整改到位"
    verdict = Verdict.PASSED


class ItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RectificationItem

    hazard = "电气线路私拉乱接"
    measure = "重新敷设线路"
    deadline = dt.date(2026, 12, 31)


from tests.helpers.files import photo  # noqa: E402, F401  (the tests import it from here)
