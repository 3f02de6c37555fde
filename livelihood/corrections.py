"""Corrections from citizens (纠错, issue 27): the services.

1. ``challenge_new`` gives a small sum to solve and a signed token carrying its answer, the page it belongs to
   and a one-time nonce; ``correction_submit`` checks the token (signature, age, page, answer) and spends the
   nonce in the shared cache, so a token answers once (no replay). No third-party service.
2. The correction (plain text, at most ``TEXT_MAX`` characters, no more than two links, a honeypot field that
   must stay empty) goes to the lead unit's queue and the unit is told (``org.services.notify_unit``, its
   e-mail through the outbox).
3. ``correction_answer``: the unit (or the office) answers and may publish the answer: it shows as "答复" on
   the public page.
4. ``corrections_remind`` (daily, Celery beat): every unanswered correction older than three working days by
   the official calendar (``reporting.workdays``) reminds its unit once a day; the office sees them on its list.
5. The office only: ``correction_reassign`` hands an unanswered correction to the right lead unit (a reason,
   recorded in the history; the new unit is told; the three working days still count from the citizen's
   message), and ``correction_remove`` removes spam or abuse: soft, the row is hidden from the queues, the
   reminders, the API and the public page, and stays with its history (the office's "removed" list).
"""

import random
import re
import secrets
from datetime import timedelta

from django.core import signing
from django.core.cache import cache
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from gaoyou_portal.audit import save_audited
from gaoyou_portal.errors import DomainError
from gaoyou_portal.roles import is_office
from reporting.workdays import WorkingDays

from .correction_models import CONTACT_MAX, REASON_MAX, TEXT_MAX, Correction, RemovedAs

SALT = "livelihood.correction"
CHALLENGE_SECONDS = 2 * 3600  # a form's challenge is good for two hours
ANSWER_WORKING_DAYS = 3
MAX_LINKS = 2
_LINK = re.compile(r"https?://|www\.", re.I)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def subject_key(subject):
    return f"{subject._meta.model_name}:{subject.pk}"


def challenge_new(subject):
    """(question, token): "3 + 4 = ?" and the signed token that knows the answer and the page."""
    a, b = random.randint(1, 9), random.randint(1, 9)
    token = signing.dumps({"s": subject_key(subject), "r": a + b, "n": secrets.token_hex(8)}, salt=SALT)
    return _("%(a)d plus %(b)d equals?") % {"a": a, "b": b}, token


def _check_challenge(subject, token, answer):
    try:
        data = signing.loads(token or "", salt=SALT, max_age=CHALLENGE_SECONDS)
    except signing.SignatureExpired:
        raise DomainError({"answer": _("The form is too old. Please load the page again and retry.")})
    except signing.BadSignature:
        raise DomainError({"answer": _("The form is damaged. Please load the page again and retry.")})
    if not isinstance(data, dict) or data.get("s") != subject_key(subject):
        raise DomainError({"answer": _("The form is damaged. Please load the page again and retry.")})
    if str(answer or "").strip() != str(data.get("r")):
        raise DomainError({"answer": _("The answer to the question is wrong.")})
    if not cache.add(f"correction-nonce:{data.get('n')}", 1, timeout=CHALLENGE_SECONDS + 60):
        raise DomainError({"answer": _("This form was already sent. Please load the page again for a new one.")})


def _plain(value):
    """Plain text: control characters out, line ends unified, surrounding space trimmed. Markup is kept as the
    characters typed and always shown escaped."""
    return _CONTROL.sub("", (value or "").replace("\r\n", "\n").replace("\r", "\n")).strip()


@transaction.atomic
def correction_submit(*, subject, text, contact="", token="", answer="", honeypot=""):
    """Queue a citizen's correction of ``subject`` (a public task or project) for its lead unit."""
    text, contact = _plain(text), _plain(contact)
    errors = {}
    if not text:
        errors["text"] = _("Please write what is wrong.")
    elif len(text) > TEXT_MAX:
        errors["text"] = _("At most %(n)d characters, please.") % {"n": TEXT_MAX}
    elif len(_LINK.findall(text)) > MAX_LINKS or honeypot:
        errors["text"] = _("This message looks like advertising and was not accepted.")
    if len(contact) > CONTACT_MAX:
        errors["contact"] = _("At most %(n)d characters, please.") % {"n": CONTACT_MAX}
    if errors:
        raise DomainError(errors)
    _check_challenge(subject, token, answer)
    is_task = subject._meta.model_name == "livelihoodtask"
    unit = subject.lead_unit if is_task else subject.responsible_unit
    correction = Correction.objects.create(
        task=subject if is_task else None, project=None if is_task else subject, unit=unit, text=text,
        contact=contact)
    from org.services import notify_unit

    notify_unit(unit=unit, title=_("A citizen's correction: %(subject)s") % {"subject": _title(correction)},
                body=text[:500], link=correction.get_absolute_url())
    return correction


def _title(correction):
    subject = correction.subject
    return getattr(subject, "title", None) or getattr(subject, "name", "")


def _locked(correction):
    """The correction locked for the change; a removed one is refused (it is out of every queue)."""
    correction = Correction.objects.select_for_update().get(pk=correction.pk)
    if correction.removed_at is not None:
        raise DomainError(_("This correction was removed by the assessment office."))
    return correction


@transaction.atomic
def correction_answer(*, user, correction, answer, publish):
    answer = _plain(answer)
    if not answer:
        raise DomainError({"answer": _("Please write the answer.")})
    if len(answer) > TEXT_MAX:
        raise DomainError({"answer": _("At most %(n)d characters, please.") % {"n": TEXT_MAX}})
    correction = _locked(correction)
    correction.answer, correction.answer_public = answer, bool(publish)
    correction.answered_by, correction.answered_at = user, timezone.now()
    correction._history_user = user
    correction.save()
    _invalidate(correction)
    return correction


@transaction.atomic
def correction_publish(*, user, correction, publish):
    """Publish (or withdraw) an answer already written: it shows on the public page as "答复" or no more."""
    correction = _locked(correction)
    if correction.answered_at is None:
        raise DomainError({"publish": _("Answer the correction before publishing the answer.")})
    if correction.answer_public != bool(publish):
        correction.answer_public = bool(publish)
        save_audited(correction, user=user, update_fields=["answer_public"])
        _invalidate(correction)
    return correction


def _reason(reason, *, required_message):
    reason = _plain(reason)
    if not reason:
        raise DomainError({"reason": required_message})
    if len(reason) > REASON_MAX:
        raise DomainError({"reason": _("At most %(n)d characters, please.") % {"n": REASON_MAX}})
    return reason


def _office_only(user):
    if not is_office(user):
        raise DomainError(_("Only the assessment office reassigns or removes a citizen's correction."))


@transaction.atomic
def correction_reassign(*, user, correction, unit, reason):
    """The office hands an unanswered correction to another lead unit, which is told."""
    _office_only(user)
    reason = _reason(reason, required_message=_("Please say why the correction goes to another unit."))
    if unit is None or not unit.active:
        raise DomainError({"unit": _("Choose an active unit.")})
    correction = _locked(correction)
    if correction.answered_at is not None:
        raise DomainError({"unit": _("This correction is already answered: it stays with the unit that answered.")})
    if unit.pk == correction.unit_id:
        raise DomainError({"unit": _("The correction is already with this unit.")})
    before = correction.unit
    correction.unit, correction.reminded_on = unit, None
    save_audited(correction, user=user, update_fields=["unit", "reminded_on"],
                 reason=_("Reassigned from %(old)s to %(new)s: %(reason)s") % {
                     "old": before.name, "new": unit.name, "reason": reason})
    from org.services import notify_unit

    notify_unit(unit=unit, title=_("A citizen's correction reassigned to your unit: %(subject)s") % {
        "subject": _title(correction)},
        body=_("Reason: %(reason)s") % {"reason": reason} + "\n\n" + correction.text[:500],
        link=correction.get_absolute_url())
    return correction


@transaction.atomic
def correction_remove(*, user, correction, removed_as, reason=""):
    """The office removes a correction (spam, abuse): hidden everywhere, kept with its history."""
    _office_only(user)
    if removed_as not in RemovedAs.values:
        raise DomainError({"removed_as": _("Choose why the correction is removed.")})
    if removed_as == RemovedAs.OTHER:
        reason = _reason(reason, required_message=_("Please say why the correction is removed."))
    else:
        reason = _plain(reason)[:REASON_MAX]
    correction = _locked(correction)
    correction.removed_at, correction.removed_by = timezone.now(), user
    correction.removed_as, correction.removal_reason = removed_as, reason
    save_audited(correction, user=user,
                 update_fields=["removed_at", "removed_by", "removed_as", "removal_reason"],
                 reason=_("Removed: %(why)s") % {"why": reason or RemovedAs(removed_as).label})
    if correction.answer_public:
        _invalidate(correction)
    return correction


def _invalidate(correction):
    """The public page shows published answers: drop its cached copy."""
    if correction.task_id:
        from .cache import invalidate

        invalidate()
    else:
        from projects.cache import public_cache

        public_cache.invalidate()


def answer_due(received_at, calendar=None):
    """The last day to answer: three working days after the day it came in (official calendar)."""
    day = timezone.localdate(received_at)
    calendar = calendar or WorkingDays(day, day + timedelta(days=40))
    return calendar.after(day, ANSWER_WORKING_DAYS)


def calendar_for(moments):
    """One calendar (one query) for the due dates of corrections received at ``moments``."""
    if not moments:
        return None
    first = min(timezone.localdate(m) for m in moments)
    return WorkingDays(first, max(timezone.localdate(m) for m in moments) + timedelta(days=40))


def overdue(queryset, *, today=None):
    """The unanswered corrections of ``queryset`` whose three working days are over, with ``due`` set."""
    today = today or timezone.localdate()
    rows = list(queryset.kept().filter(answered_at__isnull=True).select_related("unit"))
    if not rows:
        return []
    first = min(timezone.localdate(r.received_at) for r in rows)
    calendar = WorkingDays(first, today + timedelta(days=40))
    late = []
    for row in rows:
        row.due = answer_due(row.received_at, calendar)
        if today > row.due:
            late.append(row)
    return late


@transaction.atomic
def corrections_remind(*, today=None):
    """Remind each unit, once a day, of its corrections unanswered after three working days."""
    from org.services import notify_unit

    today = today or timezone.localdate()
    late = [r for r in overdue(Correction.objects.select_for_update(of=("self",)), today=today)
            if r.reminded_on != today]
    by_unit = {}
    for row in late:
        by_unit.setdefault(row.unit, []).append(row)
    for unit, rows in by_unit.items():
        notify_unit(unit=unit, title=_("%(n)d citizens' corrections unanswered after three working days") % {
            "n": len(rows)}, body="\n".join(f"{timezone.localtime(r.received_at):%Y-%m-%d} {_title(r)}" for r in rows),
            link=reverse("corrections:staff_list") + "?late=1")
        Correction.objects.filter(pk__in=[r.pk for r in rows]).update(reminded_on=today)
    return len(late)


def published_answers(*, task=None, project=None):
    queryset = Correction.objects.kept().filter(answer_public=True, answered_at__isnull=False)
    queryset = queryset.filter(task=task) if task is not None else queryset.filter(project=project)
    return list(queryset.order_by("-answered_at"))
