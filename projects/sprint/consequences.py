"""Consequences that bite: the honours list and its bar (不得评优), the leaders' interviews (约谈) and the
half-year warning (半年过六成). Every write here runs in a transaction and is audited with its user.

- A unit with a confirmed "no awards" case for a year cannot be proposed for that year's honours, and
  its proposals still open are withdrawn when the case is confirmed. The same bar reaches the cadres
  app through the hook cadres declares (``cadres/hooks.py``; ``for_cadres.py`` registers it in ``apps.py``).
- A confirmed "interview" case becomes a ``LeaderInterview`` with the leader linked to the unit.
- When the Q2 race is published, each unit below the half-year share gets a proposed "half_year" case
  (the office confirms or dismisses it) and, once (``warned_at``), a warning to the unit and its linked leaders.
"""

from __future__ import annotations

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from gaoyou_portal.audit import save_audited
from gaoyou_portal.errors import DomainError, full_clean
from gaoyou_portal.roles import is_office
from leaders.choices import LinkKind
from leaders.models import Leader, LeaderLink
from org.services import notify_unit, notify_users

from . import scoring
from .bundle import active_in
from .choices import CaseStatus, ConsequenceKind, HonourStatus, InterviewStatus
from .models import ConsequenceCase, HonourProposal, LeaderInterview

HALF_YEAR_NOTICE = "half_year_warning"


# --- the bar on awards (不得评优) -------------------------------------------------------------------------
def no_awards_case(*, unit_id, year):
    """The unit's confirmed "no awards" case for ``year``, or None."""
    return (ConsequenceCase.objects.filter(unit_id=unit_id, year=year, kind=ConsequenceKind.NO_AWARDS,
                                           status=CaseStatus.CONFIRMED).select_related("unit").first())


def citation(case) -> str:
    """How a bar is cited: "高邮街道 2025年度已确认“不得评优”（2026-01-15决定）" (the day of the office's decision)."""
    return _("%(unit)s: \"barred from awards\" confirmed for %(year)s (decided on %(date)s)") % {
        "unit": case.unit.name, "year": case.year, "date": timezone.localdate(case.decided_at).isoformat()}


def award_bar(*, unit_id, year):
    """The cadres' ``SprintSource.award_bar``: the citation barring the unit from awards in ``year``."""
    case = no_awards_case(unit_id=unit_id, year=year)
    return citation(case) if case else None


def _refuse_if_barred(unit, year):
    case = no_awards_case(unit_id=unit.pk, year=year)
    if case:
        raise DomainError({"unit": _("%(citation)s: it cannot be proposed for awards and honours.")
                           % {"citation": citation(case)}})


@transaction.atomic
def honour_propose(*, year, unit, title, user, note="") -> HonourProposal:
    """Put a unit on the year's honours list. A barred unit is refused with its case cited."""
    title = (title or "").strip()
    errors = {}
    if unit is None:
        errors["unit"] = [_("Choose the unit proposed.")]
    if not title:
        errors["title"] = [_("Name the honour the unit is proposed for.")]
    if not year or year < 2000:
        errors["year"] = [_("Enter the year of the honours list.")]
    if errors:
        raise DomainError(errors)
    _refuse_if_barred(unit, year)
    proposal = HonourProposal.objects.select_for_update().filter(year=year, unit=unit, title=title).first()
    if proposal and proposal.status != HonourStatus.WITHDRAWN:
        raise DomainError({"title": [_("This unit is already proposed for this honour.")]})
    proposal = proposal or HonourProposal(year=year, unit=unit, title=title)
    proposal.status, proposal.note, proposal.proposed_by, proposal.decided_at = (
        HonourStatus.PROPOSED, (note or "").strip(), user, None)
    full_clean(proposal, validate_unique=False)
    return save_audited(proposal, user=user, reason=_("Proposed"))


def _decide_honour(proposal, *, user, status, note=""):
    proposal = HonourProposal.objects.select_for_update().select_related("unit").get(pk=proposal.pk)
    if proposal.status != HonourStatus.PROPOSED:
        raise DomainError(_("Only a proposal still open can be decided."))
    if status == HonourStatus.AWARDED:
        _refuse_if_barred(proposal.unit, proposal.year)
    proposal.status, proposal.decided_at = status, timezone.now()
    if note:
        proposal.note = f"{proposal.note}\n{note}".strip()
    return save_audited(proposal, user=user, update_fields=["status", "decided_at", "note"],
                        reason=proposal.get_status_display())


@transaction.atomic
def honour_award(*, proposal, user) -> HonourProposal:
    """The honour was given (refused if the unit was barred since it was proposed)."""
    return _decide_honour(proposal, user=user, status=HonourStatus.AWARDED)


@transaction.atomic
def honour_withdraw(*, proposal, user, reason) -> HonourProposal:
    if not (reason or "").strip():
        raise DomainError({"reason": [_("Say why the proposal is withdrawn.")]})
    return _decide_honour(proposal, user=user, status=HonourStatus.WITHDRAWN, note=reason.strip())


def _withdraw_barred_proposals(case, user):
    for proposal in HonourProposal.objects.filter(unit=case.unit, year=case.year, status=HonourStatus.PROPOSED):
        _decide_honour(proposal, user=user, status=HonourStatus.WITHDRAWN, note=citation(case))


# --- interviews by the city leaders (约谈) -----------------------------------------------------------------
def linked_leaders(unit, year):
    """The leaders linked to ``unit`` now (they hold the interview or hear the warning), else those linked
    to it at some time in ``year``; in the leaders' order."""
    links = LeaderLink.objects.filter(kind=LinkKind.UNIT, unit=unit)
    ids = links.active().values("leader_id")
    if not ids.exists():
        ids = links.filter(active_in(year)).values("leader_id")
    return Leader.objects.filter(pk__in=ids, active=True).order_by("order", "id")


def interview_from_case(*, case, user) -> LeaderInterview:
    """A confirmed "interview" case becomes an interview to schedule, with the unit's linked leader
    (the office may choose another when it schedules). Idempotent."""
    interview = LeaderInterview.objects.filter(case=case).first()
    if interview:
        return interview
    interview = LeaderInterview(case=case, unit=case.unit, leader=linked_leaders(case.unit, case.year).first())
    full_clean(interview)
    return save_audited(interview, user=user, reason=_("Created from a confirmed consequence case"))


def can_record(user, interview) -> bool:
    """The office records any interview; a leader the ones they hold."""
    return is_office(user) or bool(interview.leader_id and interview.leader.user_id == user.pk)


@transaction.atomic
def interview_schedule(*, interview, leader, scheduled_on, user) -> LeaderInterview:
    """The office sets who holds the interview and when."""
    interview = LeaderInterview.objects.select_for_update().get(pk=interview.pk)
    if interview.status == InterviewStatus.HELD:
        raise DomainError(_("This interview has been held: it cannot be rescheduled."))
    errors = {}
    if leader is None:
        errors["leader"] = [_("Choose the city leader who holds the interview.")]
    elif not leader.active:
        errors["leader"] = [_("This leader is no longer in office.")]
    if scheduled_on is None:
        errors["scheduled_on"] = [_("Give the date of the interview.")]
    if errors:
        raise DomainError(errors)
    interview.leader, interview.scheduled_on, interview.status = leader, scheduled_on, InterviewStatus.SCHEDULED
    full_clean(interview)
    return save_audited(interview, user=user, update_fields=["leader", "scheduled_on", "status"],
                        reason=_("Scheduled"))


@transaction.atomic
def interview_record(*, interview, held_on, record, follow_up="", user) -> LeaderInterview:
    """The talk was held: its date and record are required; the follow-up may come later (a held
    interview's record and follow-up can be completed, each change in its history)."""
    interview = LeaderInterview.objects.select_for_update().get(pk=interview.pk)
    if not can_record(user, interview):
        raise DomainError(_("Only the assessment office or the leader holding the interview records it."))
    if interview.status == InterviewStatus.TO_SCHEDULE:
        raise DomainError(_("Schedule the interview (leader and date) before recording it."))
    errors = {}
    if held_on is None:
        errors["held_on"] = [_("Give the date the interview was held.")]
    elif held_on > timezone.localdate():
        errors["held_on"] = [_("An interview cannot be recorded as held on a future date.")]
    if not (record or "").strip():
        errors["record"] = [_("Write the record of the talk.")]
    if errors:
        raise DomainError(errors)
    interview.held_on, interview.record = held_on, record.strip()
    interview.follow_up, interview.status = (follow_up or "").strip(), InterviewStatus.HELD
    full_clean(interview)
    return save_audited(interview, user=user, update_fields=["held_on", "record", "follow_up", "status"],
                        reason=_("Interview recorded"))


def on_case_confirmed(case, user):
    """What a confirmed case changes in the sprint app itself (called by ``services.case_confirm``)."""
    if case.kind == ConsequenceKind.INTERVIEW:
        interview_from_case(case=case, user=user)
    elif case.kind == ConsequenceKind.NO_AWARDS:
        _withdraw_barred_proposals(case, user)


# --- the half-year rule (半年过六成) ----------------------------------------------------------------------------
def half_year_evidence(score, share):
    return _("%(year)s Q2 race: %(completion)s%% of the year's targets done by 30 June (the rule: %(share)s%%); "
             "score %(score)s, rank %(rank)d in its group.") % {
        "year": score.race.year, "completion": scoring.half_year_completion(score.breakdown),
        "share": format(share.normalize(), "f"), "score": score.score, "rank": score.rank}


@transaction.atomic
def half_year_warn(*, race, user, notify=True) -> dict:
    """After the Q2 race is published: a proposed "half_year" case for each unit below the half-year
    share (with the figures as evidence) and, once per case, a warning to the unit and its linked
    leaders. Proposed cases of units now meeting the rule (after a reopened race is rescored) are
    withdrawn; decided cases stay as they are. Idempotent: a case already warned is not warned again."""
    if race.quarter != 2:
        return {"cases": 0, "warned": 0}
    share = race.scheme.q2_share
    missed = list(race.scores.filter(half_year_met=False).select_related("unit", "race"))
    existing = {c.unit_id: c for c in ConsequenceCase.objects.filter(year=race.year, kind=ConsequenceKind.HALF_YEAR)}
    created = warned = 0
    for score in missed:
        case = existing.get(score.unit_id)
        evidence = half_year_evidence(score, share)
        if case is None or (case.status == CaseStatus.PROPOSED and case.evidence != evidence):
            case = case or ConsequenceCase(unit=score.unit, year=race.year, kind=ConsequenceKind.HALF_YEAR)
            created += case.pk is None
            case.evidence = evidence
            full_clean(case, validate_unique=False)
            save_audited(case, user=user, reason=_("Proposed by the half-year rule"))
        if notify and _warn(case, user):
            warned += 1
    still = {s.unit_id for s in missed}
    for unit_id, case in existing.items():
        if unit_id not in still and case.status == CaseStatus.PROPOSED:
            case._history_user, case._change_reason = user, _("The half-year rule is met after rescoring")
            case.delete()
    return {"cases": created, "warned": warned}


def _warn(case, user):
    """Warn the unit and its linked leaders, once per case (``warned_at``)."""
    if case.warned_at:
        return False
    link = reverse("sprint:case_detail", args=[case.pk])
    title = _("Half-year warning: %(unit)s is below 60%% of its %(year)s targets") % {
        "unit": case.unit.name, "year": case.year}
    notify_unit(unit=case.unit, title=title, body=case.evidence, link=link, kind=HALF_YEAR_NOTICE)
    leaders = [leader.user for leader in linked_leaders(case.unit, case.year).select_related("user") if leader.user]
    if leaders:
        notify_users(users=leaders, title=title, body=case.evidence, link=link, unit=case.unit,
                     kind=HALF_YEAR_NOTICE, channels=False)
    case.warned_at = timezone.now()
    save_audited(case, user=user, update_fields=["warned_at"], reason=_("Half-year warning sent"))
    return True
