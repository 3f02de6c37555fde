"""Stages reached, incidents and the year-end explanation."""

from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gaoyou_portal.audit import save_audited
from gaoyou_portal.errors import full_clean
from gaoyou_portal.uploads import Purpose, check_upload

from .. import selectors
from ..choices import ExplanationState, Status, TargetKind
from ..models import Explanation, Incident, Stage
from ..permissions import enters_for_unit, may_change_target
from .common import TargetError, _require_change, _today


# --- milestones and incidents ------------------------------------------------------------------------------
@transaction.atomic
def stage_reach(*, stage, reached_on, user, evidence="", evidence_file=None, today=None) -> Stage:
    """Record that a stage was reached, with evidence (the lead unit or the office); not a future date."""
    today = _today(today)
    stage = Stage.objects.select_for_update().select_related("target__lead_unit", "target__plan").get(pk=stage.pk)
    if not enters_for_unit(user, stage.target, stage.target.lead_unit):
        raise TargetError(_("Only the lead unit or the assessment office records a stage."))
    if not isinstance(reached_on, date):
        raise TargetError({"reached_on": _("Enter a date.")})
    if reached_on > today:
        raise TargetError({"reached_on": _("A stage cannot be reached in the future.")})
    if not (evidence or "").strip() and not evidence_file:
        raise TargetError({"evidence": _("Say or attach what shows the stage was reached.")})
    stage.reached_on = reached_on
    stage.evidence = (evidence or "").strip()
    fields = ["reached_on", "evidence"]
    if evidence_file:
        stage.evidence_file = check_upload(evidence_file, purpose=Purpose.DOCUMENT, field="evidence_file")
        fields.append("evidence_file")
    full_clean(stage)
    save_audited(stage, user=user, update_fields=fields, reason=_("Stage reached"))
    return stage


@transaction.atomic
def stage_plan(*, target, name, planned_date, user, order=0) -> Stage:
    _require_change(user, target)
    if target.kind != TargetKind.MILESTONE:
        raise TargetError(_("Only a milestone target has stages."))
    stage = Stage(target=target, name=(name or "").strip(), planned_date=planned_date, order=order)
    full_clean(stage)
    save_audited(stage, user=user, reason=_("Stage planned"))
    return stage


@transaction.atomic
def incident_report(*, target, occurred_on, description, user, unit=None, today=None) -> Incident:
    """Report an incident against a zero target (the units concerned or the office)."""
    today = _today(today)
    if target.kind != TargetKind.ZERO:
        raise TargetError(_("Incidents are reported only against zero targets."))
    if not enters_for_unit(user, target, unit or target.lead_unit):
        raise TargetError({"unit": _("You may only report for your own unit.")})
    if occurred_on > today:
        raise TargetError({"occurred_on": _("An incident cannot be dated in the future.")})
    if occurred_on.year != target.plan.year:
        raise TargetError({"occurred_on": _("The date is outside the plan's year.")})
    if not (description or "").strip():
        raise TargetError({"description": _("Describe the incident.")})
    incident = Incident(target=target, occurred_on=occurred_on, description=description.strip(), unit=unit,
                        reported_by=user)
    full_clean(incident, exclude=["reported_by"])
    save_audited(incident, user=user, reason=_("Incident reported"))
    return incident


# --- year-end explanation -----------------------------------------------------------------------------------
def explanation_needed(target, *, today=None) -> bool:
    """A target not met by its deadline (once the deadline has passed) needs an explanation."""
    today = _today(today)
    if today <= target.deadline:
        return False
    row = selectors.evaluate_targets([target], today=today)[0]
    return row.evaluation.status == Status.MISSED


@transaction.atomic
def explanation_draft(*, target, text, user, today=None) -> Explanation:
    """The lead unit (or the office) drafts why the target was not met; a new draft awaits approval again."""
    today = _today(today)
    if not enters_for_unit(user, target, target.lead_unit):
        raise TargetError(_("Only the lead unit or the assessment office drafts the explanation."))
    if not explanation_needed(target, today=today):
        raise TargetError(_("Only a target missed at its deadline needs an explanation."))
    if not (text or "").strip():
        raise TargetError({"text": _("Write the explanation.")})
    explanation = Explanation.objects.select_for_update().filter(target=target).first() or Explanation(target=target)
    explanation.text = text.strip()
    explanation.state = ExplanationState.DRAFT
    explanation.drafted_by = user
    explanation.approved_by, explanation.approved_at = None, None
    save_audited(explanation, user=user, reason=_("Explanation drafted"))
    return explanation


@transaction.atomic
def explanation_approve(*, explanation, user) -> Explanation:
    if not may_change_target(user, explanation.target):
        raise TargetError(_("Only the assessment office approves an explanation."))
    if explanation.state == ExplanationState.APPROVED:
        raise TargetError(_("This explanation is already approved."))
    explanation.state = ExplanationState.APPROVED
    explanation.approved_by, explanation.approved_at = user, timezone.now()
    save_audited(explanation, user=user, update_fields=["state", "approved_by", "approved_at", "updated_at"],
                 reason=_("Explanation approved"))
    return explanation
