"""The ledger itself: projects, their milestones (which move the status on) and monthly plans."""

from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gaoyou_portal.audit import save_audited
from gaoyou_portal.errors import DomainError, full_clean
from gaoyou_portal.uploads import Purpose, check_upload
from leaders.choices import LinkKind
from leaders.models import Leader, LeaderLink

from ..choices import MilestoneKind
from ..lights import refresh_lights
from ..models import Milestone, MonthlyPlan, Project
from .common import (
    PROJECT_FIELDS,
    STATUS_AFTER,
    STATUS_ORDER,
    _require_editable,
    _require_office,
    _today,
    parse_investment,
)


@transaction.atomic
def milestone_record(*, milestone, actual_date, user, evidence="", evidence_file=None, today=None) -> Milestone:
    """Record the date a milestone was reached, with its evidence; the project's status follows."""
    today = _today(today)
    project = milestone.project
    _require_editable(project, user)
    if actual_date is None:
        raise DomainError({"actual_date": _("Enter the date the milestone was reached.")})
    if actual_date > today:
        raise DomainError({"actual_date": _("The actual date cannot be in the future.")})
    if milestone.kind != MilestoneKind.SIGNED and project.signing_date and actual_date < project.signing_date:
        raise DomainError({"actual_date": _("The actual date cannot be before the signing date.")})
    evidence = (evidence or "").strip()
    if not evidence and not evidence_file and not milestone.evidence and not milestone.evidence_file:
        raise DomainError({"evidence": _("Describe the evidence or attach a file (photo, permit, minutes).")})
    if evidence_file is not None:
        check_upload(evidence_file, purpose=Purpose.DOCUMENT, field="evidence_file")
    milestone.actual_date = actual_date
    if evidence:
        milestone.evidence = evidence
    fields = ["actual_date", "evidence"]
    if evidence_file is not None:
        milestone.evidence_file = evidence_file
        fields.append("evidence_file")
    full_clean(milestone)
    save_audited(milestone, user=user, update_fields=fields, reason=_("Milestone reached"))
    _advance_status(project, milestone, user)
    refresh_lights([milestone.project_id], today=today)
    return milestone


def _advance_status(project, milestone, user):
    new = STATUS_AFTER[milestone.kind]
    changed = []
    if project.status in STATUS_ORDER and STATUS_ORDER.index(new) > STATUS_ORDER.index(project.status):
        project.status = new
        changed.append("status")
    if milestone.kind == MilestoneKind.SIGNED and project.signing_date != milestone.actual_date:
        project.signing_date = milestone.actual_date
        changed.append("signing_date")
    if changed:
        save_audited(project, user=user, update_fields=[*changed, "updated_at"],
                     reason=_("%(milestone)s reached") % {"milestone": milestone.get_kind_display()})


@transaction.atomic
def plans_save(*, project, year, rows, user, today=None) -> list[MonthlyPlan]:
    """Set a year's monthly plans: ``rows`` maps a month (first day) to (investment, workload).

    The project's planned investment for the current year becomes the sum of its monthly plans, so the
    warning light compares like with like.
    """
    today = _today(today)
    _require_editable(project, user)
    existing = {p.month: p for p in MonthlyPlan.objects.filter(project=project, month__year=year)}
    saved = []
    for month, (amount, workload) in sorted(rows.items()):
        if month.year != year:
            raise DomainError({"month": _("Plans are entered one year at a time.")})
        plan = existing.get(month)
        if amount in (None, "") and not workload:
            if plan is not None:
                plan._history_user = user
                plan.delete()
            continue
        investment = parse_investment(amount, field=f"plan_{month.month}")
        if plan is None:
            plan = MonthlyPlan(project=project, month=month)
        elif plan.planned_investment == investment and plan.planned_workload == (workload or ""):
            saved.append(plan)
            continue
        plan.planned_investment = investment
        plan.planned_workload = workload or ""
        full_clean(plan)
        save_audited(plan, user=user, reason=_("Monthly plan set"))
        saved.append(plan)
    if year == today.year:
        total = sum((p.planned_investment for p in saved), Decimal(0))
        if total != project.year_planned_investment:
            project.year_planned_investment = total
            save_audited(project, user=user, update_fields=["year_planned_investment", "updated_at"],
                         reason=_("Monthly plans changed"))
    refresh_lights([project], today=today)
    return saved


# --- projects -------------------------------------------------------------------------------------------------
def project_leaders(project):
    ct = ContentType.objects.get_for_model(Project)
    return Leader.objects.filter(links__kind=LinkKind.PROJECT, links__content_type=ct, links__object_id=project.pk,
                                 links__ended_on__isnull=True)


def _sync_leaders(project, leaders, user):
    """Links are never deleted (org): a leader taken off the project has the link ended today."""
    ct = ContentType.objects.get_for_model(Project)
    wanted = {leader.pk for leader in leaders}
    links = list(LeaderLink.objects.active().filter(kind=LinkKind.PROJECT, content_type=ct, object_id=project.pk))
    for link in links:
        if link.leader_id not in wanted:
            link.ended_on = max(timezone.localdate(), link.started_on)
            save_audited(link, user=user, update_fields=["ended_on"], reason=_("Link ended"))
    have = {link.leader_id for link in links}
    for leader in leaders:
        if leader.pk not in have:
            save_audited(LeaderLink(leader=leader, kind=LinkKind.PROJECT, content_type=ct, object_id=project.pk),
                         user=user)


@transaction.atomic
def project_save(*, user, data, project=None, service_units=None, leaders=None, milestones=None,
                 today=None) -> Project:
    """Create or change a project of the ledger (assessment office), with its four milestones.

    ``milestones`` maps a milestone kind to ``{"planned_date": d, "actual_date": d}`` (either optional).
    """
    _require_office(user)
    today = _today(today)
    creating = project is None
    project = project or Project()
    for field in PROJECT_FIELDS:
        if field in data:
            setattr(project, field, data[field])
    full_clean(project)
    save_audited(project, user=user, reason=_("Project created") if creating else _("Project changed"))
    if service_units is not None:
        project.service_units.set(service_units)
    if leaders is not None:
        _sync_leaders(project, leaders, user)
    current = {m.kind: m for m in project.milestones.all()}
    for kind in MilestoneKind.values:
        milestone = current.get(kind) or Milestone(project=project, kind=kind)
        dates = (milestones or {}).get(kind, {})
        fields = []
        for name in ("planned_date", "actual_date"):
            if name in dates and getattr(milestone, name) != dates[name]:
                if name == "actual_date" and dates[name] and dates[name] > today:
                    raise DomainError({f"{kind}_actual_date": _("The actual date cannot be in the future.")})
                setattr(milestone, name, dates[name])
                fields.append(name)
        if milestone.pk is None or fields:
            if "actual_date" in fields and milestone.actual_date and not milestone.evidence:
                milestone.evidence = _("Entered in the project ledger")
            save_audited(milestone, user=user, reason=_("Project ledger"))
            if "actual_date" in fields and milestone.actual_date:
                _advance_status(project, milestone, user)
    refresh_lights([project], today=today)
    return project
