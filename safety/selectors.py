"""Reads across the ledgers: the progress board against the plan, the public summary, exports."""

from dataclasses import dataclass

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone

from org.choices import UnitKind
from org.models import Unit

from .charts import plan_chart, town_chart
from .choices import CLOSURE_DISPOSITIONS, OPEN_STATES, CaseState, FirmDisposition, WorkshopDisposition
from .models import ChemicalFirm, GarmentWorkshop

# The year's plan (the article): 57 firms and the 248 workshops with a decided disposition.
FIRM_PLAN = {FirmDisposition.CLOSE: 34, FirmDisposition.RECTIFY: 7, FirmDisposition.RELOCATE: 1,
             FirmDisposition.RETAIN_UPGRADE: 15}
WORKSHOP_PLAN = {WorkshopDisposition.SHUT: 161, WorkshopDisposition.RECTIFY: 87}


@dataclass
class PlanRow:
    disposition: str
    label: str
    planned: int
    decided: int = 0
    done: int = 0
    submitted: int = 0
    overdue: int = 0

    @property
    def remaining(self):
        return max(self.planned, self.decided) - self.done

    @property
    def percent(self):
        return round(100 * self.done / self.planned) if self.planned else 0


def _counts(today):
    overdue = Q(deadline__lt=today, state__in=OPEN_STATES)
    return {
        "total": Count("id"),
        "done": Count("id", filter=Q(state=CaseState.CLOSED_OUT)),
        "submitted": Count("id", filter=Q(state=CaseState.SUBMITTED)),
        "overdue": Count("id", filter=overdue),
    }


def plan_rows(queryset, plan, choices, today):
    """Planned and done per disposition (one query)."""
    rows = {d: PlanRow(d, str(choices(d).label), planned) for d, planned in plan.items()}
    undecided = 0
    for row in queryset.order_by().values("disposition").annotate(**_counts(today)):
        if not row["disposition"]:
            undecided += row["total"]
            continue
        target = rows[row["disposition"]]
        target.decided, target.done = row["total"], row["done"]
        target.submitted, target.overdue = row["submitted"], row["overdue"]
    return list(rows.values()), undecided


def town_rows(firms, workshops, today):
    """Per town: firms and workshops in total, struck off and overdue; the most overdue first (3 queries)."""
    towns = {u.pk: u for u in Unit.objects.filter(kind__in=[UnitKind.TOWN, UnitKind.PARK])}
    table = {}
    for prefix, qs in (("firms", firms), ("workshops", workshops)):
        for row in qs.order_by().values("town").annotate(**_counts(today)):
            entry = table.setdefault(row["town"], {"town": towns.get(row["town"]), "overdue": 0})
            entry[prefix] = row
            entry["overdue"] += row["overdue"]
    empty = {"total": 0, "done": 0, "submitted": 0, "overdue": 0}
    rows = []
    for entry in table.values():
        entry.setdefault("firms", empty)
        entry.setdefault("workshops", empty)
        entry["open"] = (entry["firms"]["total"] - entry["firms"]["done"] + entry["workshops"]["total"]
                         - entry["workshops"]["done"])
        rows.append(entry)
    rows.sort(key=lambda e: (-e["overdue"], -e["open"], getattr(e["town"], "order", 0)))
    return rows


def overdue_cases(firms, workshops, today, limit=30):
    """The open cases past their deadline, earliest deadline first, both ledgers (2 queries)."""
    cases = []
    for qs in (firms, workshops):
        cases.extend(qs.overdue(today).select_related("town").order_by("deadline", "id")[:limit])
    cases.sort(key=lambda c: (c.deadline, c.name))
    return cases[:limit]


def board(*, user, today=None):
    """Everything the progress board shows, in a fixed number of queries."""
    today = today or timezone.localdate()
    firms = ChemicalFirm.objects.visible_to(user)
    workshops = GarmentWorkshop.objects.visible_to(user)
    firm_rows, firm_undecided = plan_rows(firms, FIRM_PLAN, FirmDisposition, today)
    workshop_rows, workshop_undecided = plan_rows(workshops, WORKSHOP_PLAN, WorkshopDisposition, today)
    towns = town_rows(firms, workshops, today)
    reopened = [*firms.filter(raised_to_leaders=True).select_related("town"),
                *workshops.filter(raised_to_leaders=True).select_related("town")]
    return {
        "today": today,
        "firm_rows": firm_rows,
        "firm_undecided": firm_undecided,
        "workshop_rows": workshop_rows,
        "workshop_undecided": workshop_undecided,
        "town_rows": towns,
        "overdue_cases": overdue_cases(firms, workshops, today),
        "reopened": reopened,
        "charts": {
            "firms": plan_chart(firm_rows),
            "workshops": plan_chart(workshop_rows),
            "towns": town_chart(towns),
        },
        "town_links": {
            e["town"].name: f"{reverse('safety:workshop_list')}?town={e['town'].pk}&overdue=true"
            for e in towns if e["town"]
        },
    }


def public_counts():
    """Counts for the public: closed, rectified and remaining per ledger (2 queries, no firm detail)."""
    figures = {}
    for key, model in (("firms", ChemicalFirm), ("workshops", GarmentWorkshop)):
        counts = model.objects.aggregate(
            closed=Count("id", filter=Q(state=CaseState.CLOSED_OUT, disposition__in=CLOSURE_DISPOSITIONS)),
            rectified=Count("id", filter=Q(state=CaseState.CLOSED_OUT) & ~Q(disposition__in=CLOSURE_DISPOSITIONS)),
            remaining=Count("id", filter=Q(state__in=OPEN_STATES)),
        )
        figures[key] = counts
    return figures
