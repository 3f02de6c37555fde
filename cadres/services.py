"""Every write of cadre records. Only the organisation department writes (views and API check it
too); nothing is ever deleted, a correction is a change with a reason in the record's history.
"""

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from gaoyou_portal.audit import save_audited
from gaoyou_portal.errors import DomainError, full_clean
from org.models import Unit

from . import hooks, selectors
from .choices import AccessAction, InterviewKind, InterviewStatus, ProposalStatus
from .guard import record_change
from .models import (
    AccessLog,
    Cadre,
    CadreAccessGrant,
    CadreTypeAssessment,
    Incentive,
    Interview,
    PostChange,
    ReassignmentProposal,
    can_write_cadres,
)


def _require_writer(user):
    if user is None or not can_write_cadres(user):
        raise DomainError(_("Only the organisation department changes cadre records."))


def _assign(obj, data):
    for field, value in data.items():
        setattr(obj, field, value)


def _save(obj, *, user, reason="", update_fields=None):
    full_clean(obj)  # the model's own checks, raised as the domain's error
    try:
        with transaction.atomic():
            return save_audited(obj, user=user, update_fields=update_fields, reason=reason)
    except IntegrityError:
        # A race past full_clean (two identical submissions at once): same message as the check.
        raise DomainError(_("This record conflicts with an existing one; reload the page and try again."))


def _require_reason(reason):
    if not (reason or "").strip():
        raise DomainError({"reason": _("Say why the record is corrected: the reason is kept in its history.")})


# --- cadres ----------------------------------------------------------------------------------------------
@transaction.atomic
def cadre_create(*, data, user) -> Cadre:
    _require_writer(user)
    cadre = Cadre(**data)
    return _save(cadre, user=user, reason=_("Created"))


@transaction.atomic
def cadre_correct(*, cadre, data, user, reason) -> Cadre:
    """Correct a cadre's details (never delete: a cadre who leaves is marked not in service)."""
    _require_writer(user)
    _require_reason(reason)
    cadre = Cadre.objects.select_for_update().get(pk=cadre.pk)
    _assign(cadre, data)
    return _save(cadre, user=user, reason=reason)


def _refresh_current_type(cadre, user):
    latest = cadre.assessments.order_by("-assessed_on", "-id").values_list("cadre_type", flat=True).first() or ""
    if cadre.current_type != latest:
        cadre.current_type = latest
        _save(cadre, user=user, reason=_("Type assessment recorded"), update_fields=["current_type", "updated_at"])


def _apply_post_change(change, user):
    cadre = change.cadre
    cadre.post = change.to_post
    fields = ["post", "updated_at"]
    if change.new_rank:
        cadre.rank = change.new_rank
        fields.append("rank")
    _save(cadre, user=user, reason=str(change), update_fields=fields)


# --- records ---------------------------------------------------------------------------------------------
@transaction.atomic
def record_create(*, model, cadre, data, user):
    """Add a record of ``model`` (type assessment, incentive, fault-tolerance case, post change,
    clearance, work-style case or interview) to ``cadre``.

    1. Only the department writes; the cadre is locked so follow-on changes to it are serialised.
    2. Interviews for a unit's consequence need a confirmed sprint-race consequence of that unit.
    3. The record is validated and saved with its history; an assessment updates the cadre's
       current type, a post change its post and rank.
    """
    _require_writer(user)
    cadre = Cadre.objects.select_for_update().get(pk=cadre.pk)
    record = model(cadre=cadre, recorded_by=user, **data)
    if model is Interview:
        if not record.unit_id:
            record.unit = cadre.unit
        _attach_consequence(record)
    reason = _("Recorded")
    if model is Incentive:
        reason = _check_award_bar(record) or reason
    _save(record, user=user, reason=reason)
    if model is CadreTypeAssessment:
        _refresh_current_type(cadre, user)
    elif model is PostChange:
        _apply_post_change(record, user)
    return record


@transaction.atomic
def record_correct(*, record, data, user, reason):
    """Correct a record: the change and its reason go to the record's history."""
    _require_writer(user)
    _require_reason(reason)
    record = type(record).objects.select_for_update().get(pk=record.pk)
    _assign(record, data)
    if isinstance(record, Interview):
        _attach_consequence(record)
    if isinstance(record, Incentive):
        override = _check_award_bar(record)
        reason = f"{reason}（{override}）" if override else reason
    _save(record, user=user, reason=reason)
    if isinstance(record, CadreTypeAssessment):
        _refresh_current_type(record.cadre, user)
    return record


def _check_award_bar(incentive):
    """不得评优 reaches the cadres: a leading cadre of a unit barred from awards (the sprint race's
    confirmed "no awards" case, asked through the hook cadres declares, ``hooks.award_bar``)
    gets no incentive in the case's year or the next (when that year's honours are given), unless the
    department records why. Returns the history note of an override, or None."""
    cadre = incentive.cadre
    if not (cadre.is_leading and incentive.granted_on):
        return None
    year = incentive.granted_on.year
    citation = (hooks.award_bar(unit_id=cadre.unit_id, year=year)
                or hooks.award_bar(unit_id=cadre.unit_id, year=year - 1))
    if citation is None:
        return None
    if not (incentive.bar_override_reason or "").strip():
        raise DomainError({"bar_override_reason": _(
            "%(citation)s: a leading cadre of the unit cannot be given an incentive. The organisation "
            "department may still grant it by recording the reason."
        ) % {"citation": citation}})
    incentive.bar_override_reason = incentive.bar_override_reason.strip()
    return _("Granted despite the award bar (%(citation)s): %(reason)s") % {
        "citation": citation, "reason": incentive.bar_override_reason}


def _attach_consequence(interview):
    """An interview for a unit's consequence must rest on a confirmed sprint-race consequence case."""
    if interview.kind != InterviewKind.CONSEQUENCE:
        return
    case = selectors.confirmed_consequence(unit_id=interview.unit_id, case_id=interview.sprint_case_id)
    if case is None:
        raise DomainError(
            {
                "unit": _(
                    "%(unit)s has no confirmed sprint-race consequence: an interview for a unit needs one."
                )
                % {"unit": interview.unit}
            }
        )
    interview.sprint_case_id = case.id
    interview.sprint_year = case.year


@transaction.atomic
def interview_hold(*, interview, held_on, interviewer, notes, user) -> Interview:
    """Record that a pending interview was held (the queue's main action)."""
    _require_writer(user)
    interview = Interview.objects.select_for_update().get(pk=interview.pk)
    if interview.status != InterviewStatus.PENDING:
        raise DomainError(_("Only a pending interview can be recorded as held."))
    if held_on is None:
        raise DomainError({"held_on": _("Give the date the interview was held.")})
    interview.status, interview.held_on = InterviewStatus.HELD, held_on
    interview.interviewer = interviewer or interview.interviewer
    if notes:
        interview.notes = f"{interview.notes}\n{notes}".strip()
    return _save(interview, user=user, reason=_("Interview held"))


# --- the sprint-race link ----------------------------------------------------------------------------------
@transaction.atomic
def consequence_received(*, consequence, user):
    """A consequence case of the sprint race was confirmed for a unit (``hooks.consequence_confirmed``, with
    a ``hooks.Consequence``).

    1. Each active leading cadre of the unit gets a pending interview (once per case: idempotent).
    2. A "reassignment" consequence also puts a reassignment proposal in the department's queue.
    3. The department's users are notified (title only names the unit and the kind, no cadre data).
    Returns (interviews created, proposal or None).
    """
    unit = Unit.objects.get(pk=consequence.unit_id)
    kind, year, kind_label, case_id = consequence.kind, consequence.year, consequence.kind_label, consequence.id
    reason = _("Sprint race %(year)s: confirmed consequence \"%(kind)s\" for %(unit)s.") % {
        "year": year, "kind": kind_label, "unit": unit,
    }
    evidence = consequence.evidence
    created = []
    existing = set(Interview.objects.filter(sprint_case_id=case_id).values_list("cadre_id", flat=True))
    for cadre in Cadre.objects.leading_of(unit):
        if cadre.pk in existing:
            continue
        interview = Interview(
            cadre=cadre, unit=unit, kind=InterviewKind.CONSEQUENCE, reason=reason,
            sprint_case_id=case_id, sprint_year=year, status=InterviewStatus.PENDING, notes=evidence,
        )
        created.append(_save(interview, user=user, reason=_("Created from a confirmed sprint-race consequence")))
    proposal = None
    if kind == "reassignment":
        proposal = ReassignmentProposal.objects.filter(sprint_case_id=case_id).first()
        if proposal is None:
            proposal = _save(
                ReassignmentProposal(unit=unit, sprint_case_id=case_id, year=year,
                                     evidence=evidence),
                user=user, reason=_("Created from a confirmed sprint-race consequence"),
            )
    if created or proposal or not existing:
        _notify_department(unit=unit, kind_label=kind_label, proposal=proposal, interviews=len(created))
    return created, proposal


def _notify_department(*, unit, kind_label, proposal, interviews):
    from django.contrib.auth import get_user_model

    from gaoyou_portal.roles import Role
    from org.services import notify_users

    users = get_user_model().objects.filter(groups__name=Role.ORGDEPT.value, is_active=True).distinct()
    link = reverse("cadres:proposal_list" if proposal else "cadres:interview_list")
    notify_users(
        users=list(users),
        title=_("Cadre follow-up: %(unit)s, %(kind)s") % {"unit": unit, "kind": kind_label},
        body=(
            _("A sprint-race consequence was confirmed; interviews are waiting in the cadre queue.") if interviews
            else _("A sprint-race consequence was confirmed, but the unit has no leading cadre on record: "
                   "mark its leading cadres and schedule the interviews.")
        ),
        link=link,
        email=False,
        kind="consequence_confirmed",
    )


@transaction.atomic
def proposal_decide(*, proposal, status, note, user) -> ReassignmentProposal:
    _require_writer(user)
    proposal = ReassignmentProposal.objects.select_for_update().get(pk=proposal.pk)
    if proposal.status != ProposalStatus.PENDING:
        raise DomainError(_("This proposal has already been decided."))
    if status not in (ProposalStatus.ACCEPTED, ProposalStatus.DECLINED):
        raise DomainError({"status": _("Accept or decline the proposal.")})
    if not (note or "").strip():
        raise DomainError({"decision_note": _("Give the reason for the decision.")})
    proposal.status = status
    proposal.decision_note = note
    proposal.decided_by = user
    proposal.decided_at = timezone.now()
    return _save(proposal, user=user, reason=proposal.get_status_display())


# --- access grants and the access log -------------------------------------------------------------------------
@transaction.atomic
def grant_create(*, grantee, reason, starts_on, ends_on=None, user) -> CadreAccessGrant:
    _require_writer(user)
    grant = CadreAccessGrant(user=grantee, reason=reason, starts_on=starts_on, ends_on=ends_on, granted_by=user)
    grant = _save(grant, user=user, reason=_("Granted"))
    record_change(action=AccessAction.GRANT, subject=grantee, by=user, note=reason)
    return grant


@transaction.atomic
def grant_revoke(*, grant, user) -> CadreAccessGrant:
    _require_writer(user)
    grant = CadreAccessGrant.objects.select_for_update().get(pk=grant.pk)
    if grant.revoked_at is not None:
        raise DomainError(_("This grant has already been revoked."))
    grant.revoked_at = timezone.now()
    grant = _save(grant, user=user, reason=_("Revoked"), update_fields=["revoked_at"])
    record_change(action=AccessAction.REVOKE, subject=grant.user, by=user)
    return grant


def access_record(*, user, action, path, cadre=None, record=None, ids=()):
    """Append one read to the access log (who, when, what, which cadre)."""
    return AccessLog.objects.create(
        user=user,
        action=action,
        path=path[:300],
        cadre=cadre,
        object_type=record._meta.label_lower if record is not None else "",
        object_id=record.pk if record is not None else None,
        object_ids=list(ids),
    )
