"""Every write of the safety ledgers: cases, their workflow, inspections, items, overdue flags.

A case moves: disposition set (``decided``) → ``in_progress`` → ``submitted`` → ``closed_out``
(销号) or ``sent_back`` (then submitted again). A closed firm or shut workshop found operating
again by a later inspection is ``reopened`` and raised to the leaders. Views, the API, the Excel
import and the Celery tasks all call these functions.
"""

import logging

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import UniqueConstraint
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from gaoyou_portal.audit import save_audited
from gaoyou_portal.errors import DomainError, full_clean
from gaoyou_portal.roles import Role
from gaoyou_portal.scoping import is_editable
from gaoyou_portal.uploads import Purpose, check_uploads
from org.services import notify_unit, notify_users

from .choices import CLOSURE_DISPOSITIONS, CaseState, Verdict
from .models import ChemicalFirm, Inspection, InspectionPhoto, RectificationItem
from .permissions import is_bureau

logger = logging.getLogger(__name__)

# Fields a town's reporter may change on a case of their town; the bureau changes every field.
REPORTER_FIELDS = frozenset(
    {"address", "responsible_person", "note", "products", "operator", "workers", "hazards"}
)
BUREAU_FIELDS = REPORTER_FIELDS | {
    "name", "town", "credit_code", "hazard_category", "responsible_department", "is_public",
}

SETTABLE_FROM = {CaseState.UNDECIDED, CaseState.DECIDED, CaseState.IN_PROGRESS, CaseState.SENT_BACK,
                 CaseState.REOPENED}
START_FROM = {CaseState.DECIDED}
SUBMIT_FROM = {CaseState.IN_PROGRESS, CaseState.SENT_BACK, CaseState.REOPENED}
DECIDE_FROM = {CaseState.SUBMITTED}


# --- guards -----------------------------------------------------------------------------------------------
def _require_bureau(user):
    if not is_bureau(user):
        raise DomainError(_("Only the safety bureau may do this."))


def _require_editable(case, user):
    if not is_editable(case, user):
        raise DomainError(_("You may only change the cases of your own town."))


def _require_state(case, allowed):
    if case.state not in allowed:
        raise DomainError(
            _("This is not possible while the case is “%(state)s”.") % {"state": case.get_state_display()}
        )


def _lock(case):
    """Re-read the case under a row lock so two transitions cannot interleave."""
    return type(case).objects.select_for_update().get(pk=case.pk)


def _save(case, *, user, fields, reason):
    full_clean(case)
    save_audited(case, user=user, update_fields=[*fields, "updated_at"], reason=reason)
    return case


def _match_enterprises(cases):
    """Point each chemical firm at the enterprise record (leaders) with its credit code, or at none (one query for
    them all; the oldest record of a code wins). Returns the cases whose link changed (workshops have none)."""
    from leaders.models import Enterprise

    firms = [case for case in cases if hasattr(case, "enterprise_id")]
    codes = {case.credit_code for case in firms if case.credit_code}
    found = Enterprise.objects.filter(credit_code__in=codes).order_by("-pk") if codes else ()
    by_code = {enterprise.credit_code: enterprise for enterprise in found}
    changed = [case for case in firms if getattr(by_code.get(case.credit_code), "pk", None) != case.enterprise_id]
    for case in changed:
        case.enterprise = by_code.get(case.credit_code)
    return changed


# --- new cases: one set of rules for the form, the API and the Excel import -------------------------------
def case_build(*, model, data, checked=()):
    """A new case (not saved) from a form's, the API's or an import row's data, by the ledger's rules: only the
    bureau's fields; a disposition (dated today unless given) needs a deadline not before its date and makes the
    case ``decided``; each field's checks but those of ``checked`` (validated by the caller: the import's parsers).
    No query beyond the field checks (duplicates and enterprise links: ``cases_create``). Raises ``DomainError``."""
    case = model(**{k: v for k, v in data.items() if k in BUREAU_FIELDS})
    if data.get("disposition"):
        _apply_disposition(case, disposition=data["disposition"], disposition_date=data.get("disposition_date"),
                           deadline=data.get("deadline"))
    full_clean(case, exclude=[*checked], validate_unique=False, validate_constraints=False)
    return case


def case_clashes(model, cases):
    """``(index, field, message)`` of each case already on the ledger (one query for them all), in the words of
    the ledger's unique rule: the form and the import refuse a duplicate alike."""
    constraint = next(c for c in model._meta.constraints if isinstance(c, UniqueConstraint))
    names = [model._meta.get_field(f).attname for f in constraint.fields]
    keys = [tuple(getattr(case, name) for name in names) for case in cases]
    taken = set(model.objects.filter(**{f"{names[-1]}__in": {key[-1] for key in keys}}).values_list(*names))
    return [(i, constraint.fields[-1], str(constraint.violation_error_message)) for i, key in enumerate(keys)
            if key in taken]


@transaction.atomic
def cases_create(*, model, cases, user, reason=None, one=False):
    """Put new cases (each from ``case_build``) on a ledger: the bureau only; a case already on it refuses them;
    chemical firms get their enterprise link; saved with history (``one``: the form's single case, fully checked
    again; else one bulk insert, the Excel import's batch). Returns the cases."""
    from simple_history.utils import bulk_create_with_history

    _require_bureau(user)
    for _index, field, message in case_clashes(model, cases)[:1]:
        raise DomainError({field: [message]})
    _match_enterprises(cases)
    if one:
        full_clean(cases[0])
        save_audited(cases[0], user=user, reason=reason or _("Added to the ledger"))
    else:
        bulk_create_with_history(cases, model, batch_size=500, default_user=user, default_change_reason=reason)
    return cases


def case_create(*, model, data, user):
    """Put a new case on a ledger (the bureau). With a disposition it starts as ``decided``."""
    _require_bureau(user)
    return cases_create(model=model, cases=[case_build(model=model, data=data)], user=user, one=True)[0]


@transaction.atomic
def case_update(*, case, data, user):
    """Change a case's particulars: a town's reporter only the working fields, the bureau all of them."""
    _require_editable(case, user)
    allowed = BUREAU_FIELDS if is_bureau(user) else REPORTER_FIELDS
    refused = sorted(set(data) - allowed)
    if refused:
        raise DomainError(_("You may not change: %(fields)s.") % {"fields": ", ".join(refused)})
    case = _lock(case)
    fields = []
    for key, value in data.items():
        if hasattr(case, key) and getattr(case, key) != value:
            setattr(case, key, value)
            fields.append(key)
    if "credit_code" in fields and _match_enterprises([case]):
        fields.append("enterprise")
    if not fields:
        return case
    return _save(case, user=user, fields=fields, reason=_("Particulars updated"))


def _apply_disposition(case, *, disposition, disposition_date, deadline):
    if not disposition:
        raise DomainError({"disposition": _("Choose a disposition.")})
    if not deadline:
        raise DomainError({"deadline": _("Set the deadline for the disposition.")})
    disposition_date = disposition_date or timezone.localdate()
    if deadline < disposition_date:
        raise DomainError({"deadline": _("The deadline cannot be before the disposition date.")})
    case.disposition = disposition
    case.disposition_date = disposition_date
    if case.deadline != deadline:
        case.deadline = deadline
        case.overdue_flagged_at = None  # a new deadline: flag it again once it passes
    if case.state == CaseState.UNDECIDED:
        case.state = CaseState.DECIDED


@transaction.atomic
def case_set_disposition(*, case, disposition, deadline, user, disposition_date=None):
    """The bureau decides (or changes) what happens to a case, and by when."""
    _require_bureau(user)
    case = _lock(case)
    _require_state(case, SETTABLE_FROM)
    _apply_disposition(case, disposition=disposition, disposition_date=disposition_date, deadline=deadline)
    return _save(
        case, user=user, fields=["disposition", "disposition_date", "deadline", "state", "overdue_flagged_at"],
        reason=_("Disposition set: %(d)s") % {"d": case.get_disposition_display()},
    )


@transaction.atomic
def case_start(*, case, user):
    """Work on the disposition has started (the town or the bureau)."""
    _require_editable(case, user)
    case = _lock(case)
    _require_state(case, START_FROM)
    case.state = CaseState.IN_PROGRESS
    return _save(case, user=user, fields=["state"], reason=_("Work started"))


@transaction.atomic
def case_submit(*, case, user, note=""):
    """The town reports the case done and asks the bureau to accept it."""
    _require_editable(case, user)
    case = _lock(case)
    _require_state(case, SUBMIT_FROM)
    case.state = CaseState.SUBMITTED
    case.submitted_by = user
    case.submitted_at = timezone.now()
    fields = ["state", "submitted_by", "submitted_at"]
    if note:
        case.note = note
        fields.append("note")
    return _save(case, user=user, fields=fields, reason=_("Submitted for acceptance"))


def _accepting_verdict(case):
    return Verdict.CLOSURE_CONFIRMED if case.disposition in CLOSURE_DISPOSITIONS else Verdict.PASSED


@transaction.atomic
def case_close_out(*, case, user):
    """The bureau accepts a submitted case and strikes it off the ledger (销号).

    1. Only the bureau, and never the person who submitted it.
    2. The latest inspection must accept it: closure confirmed for a closure, passed otherwise.
    3. Every rectification item must be done and verified.
    """
    _require_bureau(user)
    case = _lock(case)
    _require_state(case, DECIDE_FROM)
    if case.submitted_by_id == user.pk:
        raise DomainError(_("You cannot accept your own submission: another member of the bureau must."))
    latest = case.inspections.order_by("-date", "-id").first()
    if latest is None or latest.verdict != _accepting_verdict(case):
        if case.disposition in CLOSURE_DISPOSITIONS:
            raise DomainError(_("A closure is struck off only after an inspection confirms it is closed."))
        raise DomainError(_("A case is struck off only after an inspection finds the rectification passed."))
    if case.rectificationitems.filter(verified_at__isnull=True).exists():
        raise DomainError(_("Every rectification item must be done and verified first."))
    case.state = CaseState.CLOSED_OUT
    case.closed_out_by = user
    case.closed_out_at = timezone.now()
    case.raised_to_leaders = False
    return _save(
        case, user=user, fields=["state", "closed_out_by", "closed_out_at", "raised_to_leaders"],
        reason=_("Accepted and struck off"),
    )


@transaction.atomic
def case_send_back(*, case, reason, user):
    """The bureau refuses a submission and says why; the town works on and submits again."""
    _require_bureau(user)
    reason = (reason or "").strip()
    if not reason:
        raise DomainError({"reason": _("Give the reasons for sending the case back.")})
    case = _lock(case)
    _require_state(case, DECIDE_FROM)
    case.state = CaseState.SENT_BACK
    case.sent_back_reason = reason
    return _save(case, user=user, fields=["state", "sent_back_reason"], reason=_("Sent back: %(r)s") % {"r": reason})


@transaction.atomic
def case_set_public(*, case, is_public, user):
    """The bureau publishes a case (or withdraws it) on the public site."""
    _require_bureau(user)
    case = _lock(case)
    case.is_public = bool(is_public)
    return _save(case, user=user, fields=["is_public"],
                 reason=pgettext("public site", "Published") if case.is_public else _("Withdrawn from the public site"))


def _reopen(case, *, inspection, user):
    case.state = CaseState.REOPENED
    case.reopened_at = timezone.now()
    case.raised_to_leaders = True
    case.closed_out_at = None
    case.closed_out_by = None
    _save(case, user=user, fields=["state", "reopened_at", "raised_to_leaders", "closed_out_at", "closed_out_by"],
          reason=_("Reopened: found operating again on %(date)s") % {"date": inspection.date})
    title = _("%(name)s (%(town)s), struck off as closed, was found operating again") % {
        "name": case.name, "town": case.town.name}
    body = _("Inspection of %(date)s by %(inspectors)s: %(findings)s") % {
        "date": inspection.date, "inspectors": inspection.inspectors, "findings": inspection.findings}
    recipients = get_user_model().objects.filter(
        groups__name__in=[Role.LEADER, Role.SAFETY], is_active=True
    ).distinct()
    notify_users(users=list(recipients), title=title, body=body, link=case.get_absolute_url(), kind="case_reopened")
    notify_unit(unit=case.town, title=title, body=body, link=case.get_absolute_url(), kind="case_reopened")


# --- inspections and photos -----------------------------------------------------------------------------
@transaction.atomic
def inspection_record(*, case, date, inspectors, findings, verdict, user, photos=()):
    """Record an inspection with its photos; a closed case found operating again is reopened."""
    _require_editable(case, user)
    check_uploads(photos, purpose=Purpose.PHOTO, field="photos")
    if date > timezone.localdate():
        raise DomainError({"date": _("The inspection date cannot be in the future.")})
    closure = case.disposition in CLOSURE_DISPOSITIONS
    if verdict in (Verdict.CLOSURE_CONFIRMED, Verdict.OPERATING_AGAIN) and not closure:
        raise DomainError({"verdict": _("This verdict applies only to a firm to be closed or a workshop to be shut.")})
    if verdict == Verdict.PASSED and closure:
        raise DomainError({"verdict": _("A closure is confirmed, not passed: choose “Closure confirmed”.")})
    case = _lock(case)
    inspection = Inspection(
        date=date, inspectors=inspectors, findings=findings, verdict=verdict, recorded_by=user,
        **{"firm" if isinstance(case, ChemicalFirm) else "workshop": case},
    )
    full_clean(inspection)
    save_audited(inspection, user=user, reason=_("Inspection recorded"))
    for photo in photos:
        save_audited(InspectionPhoto(inspection=inspection, image=photo), user=user)
    if verdict == Verdict.OPERATING_AGAIN and case.state == CaseState.CLOSED_OUT:
        _reopen(case, inspection=inspection, user=user)
    return inspection


# --- rectification items --------------------------------------------------------------------------------
@transaction.atomic
def item_add(*, case, hazard, measure, deadline, user):
    """Add a hazard found and what must be done about it (the town or the bureau)."""
    _require_editable(case, user)
    _require_state(case, SETTABLE_FROM)
    if case.disposition_date and deadline < case.disposition_date:
        raise DomainError({"deadline": _("The deadline cannot be before the disposition date.")})
    item = RectificationItem(
        hazard=hazard, measure=measure, deadline=deadline,
        **{"firm" if isinstance(case, ChemicalFirm) else "workshop": case},
    )
    full_clean(item)
    return save_audited(item, user=user, reason=_("Rectification item added"))


@transaction.atomic
def item_mark_done(*, item, done_on, user):
    """The town reports one item done."""
    _require_editable(item.case, user)
    if item.is_verified:
        raise DomainError(_("This item is already verified."))
    if done_on > timezone.localdate():
        raise DomainError({"done_on": _("The date done cannot be in the future.")})
    item.done_on = done_on
    full_clean(item)
    return save_audited(item, user=user, update_fields=["done_on"], reason=_("Reported done"))


@transaction.atomic
def item_verify(*, item, user):
    """The bureau verifies an item reported done."""
    _require_bureau(user)
    if item.done_on is None:
        raise DomainError(_("An item is verified only after it is reported done."))
    if item.is_verified:
        raise DomainError(_("This item is already verified."))
    item.verified_by = user
    item.verified_at = timezone.now()
    return save_audited(item, user=user, update_fields=["verified_by", "verified_at"], reason=_("Verified"))


# --- overdue --------------------------------------------------------------------------------------------
def flag_overdue(*, today=None):
    """Flag the open cases past their deadline that are not flagged yet and tell each responsible unit.

    One notice per unit lists its newly overdue cases. Returns the number of cases flagged.
    """
    from .models import GarmentWorkshop

    today = today or timezone.localdate()
    now = timezone.now()
    by_unit = {}
    flagged = 0
    for model in (ChemicalFirm, GarmentWorkshop):
        with transaction.atomic():
            cases = (model.objects.overdue(today).filter(overdue_flagged_at__isnull=True)
                     .select_related("town", "responsible_department").select_for_update(of=("self",)))
            for case in cases:
                case.overdue_flagged_at = now
                save_audited(case, user=None, update_fields=["overdue_flagged_at"], reason=_("Past its deadline"))
                by_unit.setdefault(case.notified_unit, []).append(case)
                flagged += 1
    for unit, cases in by_unit.items():
        deadline = pgettext("safety", "deadline")
        lines = [f"{c.name}（{c.town.name}，{deadline} {c.deadline}，{c.get_state_display()}）" for c in cases]
        notify_unit(
            unit=unit,
            title=_("%(count)d safety cases are past their deadline") % {"count": len(cases)},
            body="\n".join(lines),
            link=cases[0].get_absolute_url() if len(cases) == 1 else "/safety/",
            kind="case_overdue",
        )
    return flagged
