"""The safety demo: the article's ledgers, unevenly over the towns, with findings that fit the site."""

import pytest

from leaders import demo as leaders_demo
from org import demo as org_demo
from safety import demo
from safety.models import ChemicalFirm, GarmentWorkshop, Inspection, RectificationItem

# The demo as seeded on 7 December 2026, the day these figures were written for (tests/portal/test_demo_in_time.py
# seeds it on other days of the year).
pytestmark = [pytest.mark.django_db, pytest.mark.clock("2026-12-07T10:00")]


def test_the_demo_ledgers_are_uneven_and_their_texts_fit_the_site():
    org_demo.seed()
    leaders_demo.seed()
    demo.seed()
    assert ChemicalFirm.objects.count() == 57 and GarmentWorkshop.objects.count() == 260
    dispositions = list(ChemicalFirm.objects.values_list("disposition", flat=True))
    assert [dispositions.count(d) for d in ("close", "rectify", "relocate", "retain_upgrade")] == [34, 7, 1, 15]
    shops = list(GarmentWorkshop.objects.values_list("disposition", flat=True))
    assert (shops.count("shut"), shops.count("rectify")) == (161, 87)
    per_town = {}
    for town in GarmentWorkshop.objects.values_list("town__code", flat=True):
        per_town[town] = per_town.get(town, 0) + 1
    assert len(per_town) == 13 and max(per_town.values()) >= 3 * min(per_town.values())
    assert per_town["longqiu"] > 0 and ChemicalFirm.objects.filter(town__code="longqiu").exists()
    assert len(set(ChemicalFirm.objects.values_list("name", flat=True))) == 57
    assert len(set(GarmentWorkshop.objects.values_list("town", "name"))) == 260
    assert not GarmentWorkshop.objects.filter(name__startswith="高邮记").exists()
    # A garment workshop is never "emptied of raw materials"; a chemical firm never gets workshop hazards.
    workshop_findings = set(Inspection.objects.filter(workshop__isnull=False).values_list("findings", flat=True))
    assert len(workshop_findings) >= 6 and not any("原料" in text for text in workshop_findings)
    firm_findings = set(Inspection.objects.filter(firm__isnull=False).values_list("findings", flat=True))
    assert len(firm_findings) >= 5 and not any("三合一" in text for text in firm_findings)
    assert not RectificationItem.objects.filter(firm__isnull=False, hazard__contains="布料").exists()
    counts = (ChemicalFirm.objects.count(), GarmentWorkshop.objects.count(), Inspection.objects.count())
    demo.seed()
    assert (ChemicalFirm.objects.count(), GarmentWorkshop.objects.count(), Inspection.objects.count()) == counts
