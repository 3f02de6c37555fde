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

from gaoyou_portal.errors import DomainError
from reporting.workdays import WorkingDays

from .correction_models import CONTACT_MAX, TEXT_MAX, Correction

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


@transaction.atomic
def correction_answer(*, user, correction, answer, publish):
    answer = _plain(answer)
    if not answer:
        raise DomainError({"answer": _("Please write the answer.")})
    if len(answer) > TEXT_MAX:
        raise DomainError({"answer": _("At most %(n)d characters, please.") % {"n": TEXT_MAX}})
    correction = Correction.objects.select_for_update().get(pk=correction.pk)
    correction.answer, correction.answer_public = answer, bool(publish)
    correction.answered_by, correction.answered_at = user, timezone.now()
    correction._history_user = user
    correction.save()
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
    rows = list(queryset.filter(answered_at__isnull=True).select_related("unit"))
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
    queryset = Correction.objects.filter(answer_public=True, answered_at__isnull=False)
    queryset = queryset.filter(task=task) if task is not None else queryset.filter(project=project)
    return list(queryset.order_by("-answered_at"))
