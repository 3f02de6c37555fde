"""The safety ledgers' part of the reporting ledger: every chemical firm or garment workshop case whose
deadline falls in a month is an item its unit (the responsible department, else the town) owes that month.

On time: struck off (销号) by the deadline; late: struck off after it; pending: open, deadline not yet past;
missing: open past its deadline. One query per ledger for any number of units and months.
"""

from django.db.models import Count, F, Q
from django.db.models.functions import Coalesce, TruncMonth
from django.utils import timezone

from gaoyou_portal.reporting import add_months

from .models import ChemicalFirm, GarmentWorkshop


def compliance(*, months, today=None, unit_ids=None):
    today = today or timezone.localdate()
    counts = {}
    for model in (ChemicalFirm, GarmentWorkshop):
        cases = model.objects.filter(deadline__gte=min(months), deadline__lt=add_months(max(months), 1))
        if unit_ids is not None:
            cases = cases.filter(Q(responsible_department__in=unit_ids) | Q(responsible_department__isnull=True,
                                                                              town__in=unit_ids))
        rows = (cases.order_by()
                .values(unit_id=Coalesce("responsible_department", "town"), month=TruncMonth("deadline"))
                .annotate(expected=Count("pk"),
                          on_time=Count("pk", filter=Q(closed_out_at__date__lte=F("deadline"))),
                          late=Count("pk", filter=Q(closed_out_at__date__gt=F("deadline"))),
                          pending=Count("pk", filter=Q(closed_out_at__isnull=True, deadline__gte=today))))
        for row in rows:
            entry = counts.setdefault((row["unit_id"], row["month"]), dict.fromkeys(
                ("expected", "on_time", "late", "pending"), 0))
            for key in entry:
                entry[key] += row[key]
    return [{"unit_id": unit_id, "month": month, **entry} for (unit_id, month), entry in counts.items()]


NAMES = {ChemicalFirm: "化工企业", GarmentWorkshop: "服装小作坊"}  # the notices' wording, as the ledgers name them


def items_due(*, today, since, until):
    """Cases still open whose deadline lies from ``since`` to ``until``: the items the ledger counts (a case due,
    struck off or not), less those submitted for acceptance (the unit has done its part: the bureau acts next).
    Each links to the case's page, where the unit records its work and submits. One query per ledger."""
    from .choices import OPEN_STATES, CaseState

    items = []
    for model in (ChemicalFirm, GarmentWorkshop):
        cases = (model.objects.filter(deadline__gte=since, deadline__lte=until,
                                      state__in=OPEN_STATES - {CaseState.SUBMITTED})
                 .only("id", "name", "deadline", "town_id", "responsible_department_id").order_by("deadline", "id"))
        for case in cases:
            items.append({"key": f"safety_case:{model.ledger}:{case.pk}:{case.deadline:%Y-%m-%d}",
                          "unit_id": case.responsible_department_id or case.town_id, "deadline": case.deadline,
                          "url": case.get_absolute_url(),
                          "text": f"{NAMES[model]}「{case.name}」整改销号"})
    return items
