"""Reads that cross models or apps: a cadre's timeline, the reports, the sprint-race context.

The sprint race is read through the hook cadres declares (``hooks.py``: the fields it needs, named): the
cadres app keeps no foreign key to it and loads none of its models; without it the context is empty.
"""

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count, Q
from django.utils import timezone

from . import hooks
from .choices import CadreType, Campaign, CaseStatus, FaultDecision, FrontLine, IncentiveKind, PostChangeKind
from .models import (
    Cadre,
    Clearance,
    FaultToleranceCase,
    Incentive,
    Interview,
    PostChange,
    ReassignmentProposal,
    WorkStyleCase,
)
from .records import RECORD_TYPES


def confirmed_consequence(*, unit_id, case_id=None):
    """The unit's confirmed sprint consequence (that case if ``case_id``) as a ``hooks.Consequence``, or None."""
    return hooks.confirmed_consequence(unit_id=unit_id, case_id=case_id)


@dataclass
class TimelineEntry:
    date: object
    type: object  # RecordType
    record: object


def cadre_timeline(cadre):
    """Every record of the cadre in time order, oldest first (one query per record type)."""
    entries = []
    for record_type in RECORD_TYPES.values():
        for record in record_type.model.objects.filter(cadre=cadre).select_related("recorded_by"):
            entries.append(TimelineEntry(record.timeline_date, record_type, record))
    entries.sort(key=lambda e: (e.date, e.record.created_at))
    return entries


def unit_sprint_context(unit):
    """The unit's standing in the sprint race (a ``hooks.SprintContext``: published standings with flags, the
    latest composite evaluation, the confirmed consequences); None where no sprint race is registered."""
    return hooks.sprint_context(unit_id=unit.pk)


def _open_q():
    return {
        "fault_tolerance": Q(decision="") | Q(correction_required=True, correction_done=False),
        "work_style": ~Q(status=CaseStatus.CLOSED),
        "interview": Q(status="pending"),
    }


def open_cases():
    """Open fault-tolerance cases, work-style cases and pending interviews, with their cadre."""
    opens = _open_q()
    return {
        "fault_tolerance": FaultToleranceCase.objects.filter(opens["fault_tolerance"]).select_related("cadre__unit"),
        "work_style": WorkStyleCase.objects.filter(opens["work_style"]).select_related("cadre__unit"),
        "interview": Interview.objects.filter(opens["interview"]).select_related("cadre__unit", "unit"),
        "proposal": ReassignmentProposal.objects.filter(status="pending").select_related("unit"),
    }


def _by(qs, field, choices):
    counts = dict(qs.values_list(field).annotate(n=Count("pk")).order_by())
    return [(label, counts.get(value, 0)) for value, label in choices]


def reports(*, year=None):
    """Figures for the department's report page (all cadres in service)."""
    year = year or timezone.localdate().year
    cadres = Cadre.objects.filter(active=True)
    today = timezone.localdate()
    on_front = cadres.exclude(front_line="").filter(
        Q(front_line_until__isnull=True) | Q(front_line_until__gte=today)
    ).select_related("unit").order_by("front_line", "unit__order", "name")
    front_lines = defaultdict(list)
    for cadre in on_front:
        front_lines[cadre.front_line].append(cadre)
    types = _by(cadres, "current_type", CadreType.choices)
    untyped = cadres.filter(current_type="").count()
    mechanisms = {
        "incentive": _by(Incentive.objects.filter(granted_on__year=year), "kind", IncentiveKind.choices),
        "fault_tolerance": _by(
            FaultToleranceCase.objects.filter(decided_on__year=year), "decision", FaultDecision.choices
        ),
        "up_down": _by(PostChange.objects.filter(effective_on__year=year), "kind", PostChangeKind.choices),
        "work_style": _by(WorkStyleCase.objects.filter(opened_on__year=year), "campaign", Campaign.choices),
    }
    opens = _open_q()
    open_counts = {
        "fault_tolerance": FaultToleranceCase.objects.filter(opens["fault_tolerance"]).count(),
        "work_style": WorkStyleCase.objects.filter(opens["work_style"]).count(),
        "interview": Interview.objects.filter(opens["interview"]).count(),
        "proposal": ReassignmentProposal.objects.filter(status="pending").count(),
    }
    return {
        "year": year,
        "total": cadres.count(),
        "types": types,
        "untyped": untyped,
        "front_lines": [(label, front_lines.get(value, [])) for value, label in FrontLine.choices],
        "mechanisms": mechanisms,
        "clearances": Clearance.objects.filter(cleared_on__year=year).count(),
        "interviews": Interview.objects.filter(created_at__year=year).count(),
        "open": open_counts,
    }


def dashboard_counts():
    """Four counts for the department's dashboard panel (no names: the dashboard is not logged)."""
    opens = _open_q()
    return {
        "cadres": Cadre.objects.filter(active=True).count(),
        "front_line": Cadre.objects.filter(active=True).exclude(front_line="").count(),
        "pending_interviews": Interview.objects.filter(opens["interview"]).count(),
        "pending_proposals": ReassignmentProposal.objects.filter(status="pending").count(),
        "open_cases": FaultToleranceCase.objects.filter(opens["fault_tolerance"]).count()
        + WorkStyleCase.objects.filter(opens["work_style"]).count(),
    }
