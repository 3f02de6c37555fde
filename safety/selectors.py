"""Reads across the ledgers: the progress board against the plan, the public summary, exports."""

from dataclasses import dataclass

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from org.choices import UnitKind
from org.models import Unit

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


def plan_chart(rows):
    labels = [r.label for r in rows]
    return {
        "tooltip": {"trigger": "axis"},
        "legend": {"top": 0},
        "grid": {"left": 8, "right": 8, "bottom": 8, "top": 36, "containLabel": True},
        "xAxis": {"type": "category", "data": labels},
        "yAxis": {"type": "value", "minInterval": 1},
        "series": [
            {"name": _("Planned"), "type": "bar", "data": [r.planned for r in rows]},
            {"name": _("Decided"), "type": "bar", "data": [r.decided for r in rows]},
            {"name": _("Struck off"), "type": "bar", "data": [r.done for r in rows],
             "label": {"show": True, "position": "top"}},
            {"name": _("Overdue"), "type": "bar", "data": [r.overdue for r in rows], "itemStyle": {"color": "#dc3545"}},
        ],
    }


def town_chart(rows):
    names = [e["town"].name if e["town"] else "—" for e in rows]
    done = [e["firms"]["done"] + e["workshops"]["done"] for e in rows]
    overdue = [e["overdue"] for e in rows]
    on_time = [e["open"] - e["overdue"] for e in rows]
    return {
        "tooltip": {"trigger": "axis", "axisPointer": {"type": "shadow"}},
        "legend": {"top": 0},
        "grid": {"left": 8, "right": 16, "bottom": 8, "top": 36, "containLabel": True},
        "xAxis": {"type": "value", "minInterval": 1},
        "yAxis": {"type": "category", "data": names, "inverse": True},
        "series": [
            {"name": _("Overdue"), "type": "bar", "stack": "all", "data": overdue, "itemStyle": {"color": "#dc3545"}},
            {"name": _("Open, on time"), "type": "bar", "stack": "all", "data": on_time,
             "itemStyle": {"color": "#ffc107"}},
            {"name": _("Struck off"), "type": "bar", "stack": "all", "data": done, "itemStyle": {"color": "#198754"}},
        ],
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
