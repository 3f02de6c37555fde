"""Every write of the livelihood app. Forms, the API, the Excel import and Celery tasks call these.

Who may do what (checked here, so every interface applies the same rule):
- the assessment office (and administrators) keep the list of tasks;
- reporters of a task's lead unit or responsible units add progress updates;
- the lead unit confirms completion (nobody else can complete a task);
- the lead or responsible units write the explanation; the lead unit or the office approves it.
"""

import datetime

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from gaoyou_portal.audit import save_audited
from gaoyou_portal.errors import DomainError, full_clean
from gaoyou_portal.roles import unit_ids_of
from gaoyou_portal.uploads import Purpose, check_upload

from .choices import ExplanationState, TaskStatus
from .models import Explanation, LivelihoodTask, ProgressUpdate
from .permissions import can_approve, can_manage_tasks, can_report, is_lead

TASK_FIELDS = ["title", "category", "target", "responsible_leader", "lead_unit", "deadline", "internal_note"]


# --- status --------------------------------------------------------------------------------------------
def derive_status(task, *, today, explained=False):
    """The status a task should have today.

    1. Completed once the lead unit confirmed it (``completed_on`` set): final.
    2. After year end, unfinished with an approved explanation: not completed, explained.
    3. Deadline passed, unfinished: overdue.
    4. Otherwise in progress from the first published percent above 0, else not started.
    """
    if task.completed_on:
        return TaskStatus.COMPLETED
    if today > task.year_end and explained:
        return TaskStatus.EXPLAINED
    if task.deadline < today:
        return TaskStatus.OVERDUE
    return TaskStatus.IN_PROGRESS if task.percent > 0 else TaskStatus.NOT_STARTED


def _has_approved_explanation(task):
    return Explanation.objects.filter(task=task, state=ExplanationState.APPROVED).exists()


def _published_percent(task):
    last = task.updates.filter(published=True).order_by("-date", "-id").first()
    return last.percent if last else 0


def _refresh(task, *, user, today=None, reason=""):
    """Recompute percent (last published update) and status, and save the task if either changed.

    Callers pass the task as just read (or saved) inside their transaction, so its fields are the row's.
    """
    today = today or timezone.localdate()
    stored = (task.percent, task.status)
    if not task.completed_on:
        task.percent = _published_percent(task)
    status = derive_status(task, today=today, explained=_has_approved_explanation(task))
    if stored != (task.percent, status):
        task.status = status
        save_audited(task, user=user, update_fields=["percent", "status", "updated_at"], reason=reason)
    return task


# --- the list of tasks (office) ------------------------------------------------------------------------------
def _require_manager(user):
    if not can_manage_tasks(user):
        raise DomainError(_("Only the assessment office keeps the list of livelihood tasks."))


def _check_number_free(*, year, number, exclude_pk=None):
    clash = LivelihoodTask.objects.filter(year=year, number=number)
    if exclude_pk:
        clash = clash.exclude(pk=exclude_pk)
    if clash.exists():
        raise DomainError({"number": _("Task number %(number)s is already used in %(year)s.") % {
            "number": number, "year": year}})


def _check_number_range(number):
    if number is None or not 1 <= int(number) <= 100:
        raise DomainError({"number": _("A task number runs from 1 to 100.")})


@transaction.atomic
def task_create(*, user, year, number, responsible_units=(), **fields):
    """Add a task to a year's list (numbers 1 to 100, each once a year)."""
    _require_manager(user)
    _check_number_range(number)
    _check_number_free(year=year, number=number)
    task = LivelihoodTask(year=year, number=number, **{k: v for k, v in fields.items() if k in TASK_FIELDS})
    full_clean(task, validate_constraints=False)  # number range and uniqueness checked above, with their messages
    task.status = derive_status(task, today=timezone.localdate())
    save_audited(task, user=user, reason=_("Task added"))
    task.responsible_units.set(responsible_units)
    return task


@transaction.atomic
def task_update(*, task, user, responsible_units=None, number=None, **fields):
    """Change a task's description, units, leader or deadline (not its status: that follows the rules)."""
    _require_manager(user)
    task = LivelihoodTask.objects.select_for_update().get(pk=task.pk)
    if number is not None and int(number) != task.number:
        _check_number_range(number)
        _check_number_free(year=task.year, number=number, exclude_pk=task.pk)
        task.number = int(number)
    for name, value in fields.items():
        if name in TASK_FIELDS:
            setattr(task, name, value)
    full_clean(task, exclude=["status", "percent"], validate_constraints=False)
    save_audited(task, user=user, reason=_("Task changed"))
    if responsible_units is not None:
        task.responsible_units.set(responsible_units)
    return _refresh(task, user=user)


# --- progress ---------------------------------------------------------------------------------------------------
@transaction.atomic
def update_add(*, task, user, percent, text, date=None, reason="", attachment=None, published=True, unit=None):
    """Append a progress update to a task; the task's percent follows its last published update."""
    task = LivelihoodTask.objects.select_for_update().get(pk=task.pk)
    if not can_report(user, task):
        raise DomainError(_("Only the lead unit and the responsible units report progress on this task."))
    if task.completed_on:
        raise DomainError(_("This task is already completed; no further updates are taken."))
    if attachment:
        check_upload(attachment, purpose=Purpose.DOCUMENT, field="attachment")
    if percent is None or not 0 <= int(percent) <= 100:
        raise DomainError({"percent": _("Percent complete runs from 0 to 100.")})
    today = timezone.localdate()
    if date and date > today:
        raise DomainError({"date": _("The date of an update cannot be in the future.")})
    last = _published_percent(task)
    if int(percent) < last and not (reason or "").strip():
        raise DomainError({"reason": _(
            "The percent is lower than the last published one (%(last)s%%): give the reason."
        ) % {"last": last}})
    if unit is None:
        mine = unit_ids_of(user)
        unit = task.lead_unit if task.lead_unit_id in mine else next(
            (u for u in task.responsible_units.all() if u.pk in mine), None
        )
    update = ProgressUpdate(
        task=task,
        date=date or today,
        percent=int(percent),
        text=text,
        reason=reason or "",
        attachment=attachment or "",
        unit=unit,
        entered_by=user,
        published=bool(published),
        published_at=timezone.now() if published else None,
    )
    full_clean(update, exclude=["task", "unit", "entered_by"], validate_constraints=False)  # checked above
    save_audited(update, user=user, reason=_("Progress reported"))
    _refresh(task, user=user, reason=_("Progress reported"))
    return update


@transaction.atomic
def update_set_published(*, update, user, published):
    """Publish an update or take it back from the public timeline (its content never changes)."""
    task = LivelihoodTask.objects.select_for_update().get(pk=update.task_id)
    if not can_approve(user, task):
        raise DomainError(_("Only the lead unit or the assessment office publishes progress updates."))
    if task.completed_on and not published:
        raise DomainError(_("The updates of a completed task stay published."))
    update.published = bool(published)
    update.published_at = timezone.now() if published else None
    save_audited(
        update,
        user=user,
        update_fields=["published", "published_at"],
        reason=pgettext("public site", "Published") if published else _("Unpublished"),
    )
    _refresh(task, user=user, reason=_("Progress published"))
    return update


@transaction.atomic
def task_confirm_completion(*, task, user, note, date=None):
    """The lead unit confirms that the task is completed: it is final and public at 100%."""
    task = LivelihoodTask.objects.select_for_update().get(pk=task.pk)
    if not is_lead(user, task):
        raise DomainError(_("Only the lead unit (%(unit)s) can confirm that a task is completed.") % {
            "unit": task.lead_unit.name})
    if task.completed_on:
        raise DomainError(_("This task is already completed."))
    if not (note or "").strip():
        raise DomainError({"note": _("Say what was delivered.")})
    today = timezone.localdate()
    date = date or today
    if date > today:
        raise DomainError({"date": _("The completion date cannot be in the future.")})
    ProgressUpdate.objects.create(
        task=task, date=date, percent=100, text=note, entered_by=user, unit=task.lead_unit,
        published=True, published_at=timezone.now(),
    )
    task.completed_on = date
    task.confirmed_by = user
    task.percent = 100
    task.status = TaskStatus.COMPLETED
    save_audited(task, user=user, reason=_("Completion confirmed by the lead unit"))
    return task


# --- explanations -----------------------------------------------------------------------------------------------------
@transaction.atomic
def explanation_write(*, task, user, reason, next_steps, new_date=None):
    """Write (or rewrite) why a task was not completed. A rewrite needs approval again."""
    task = LivelihoodTask.objects.select_for_update().get(pk=task.pk)
    if not can_report(user, task):
        raise DomainError(_("Only the lead unit and the responsible units write this task's explanation."))
    if task.completed_on:
        raise DomainError(_("A completed task needs no explanation."))
    if new_date and new_date <= task.deadline:
        raise DomainError({"new_date": _("The new date must be after the original deadline.")})
    explanation = Explanation.objects.filter(task=task).first() or Explanation(task=task)
    explanation.reason = reason
    explanation.next_steps = next_steps
    explanation.new_date = new_date
    explanation.written_by = user
    explanation.state = ExplanationState.DRAFT
    explanation.approved_by = None
    explanation.approved_at = None
    full_clean(explanation)
    save_audited(explanation, user=user, reason=_("Explanation written"))
    _refresh(task, user=user, reason=_("Explanation written"))
    return explanation


@transaction.atomic
def explanation_approve(*, task, user):
    """Approve the explanation: it becomes public, and after year end the task is 'not completed, explained'."""
    task = LivelihoodTask.objects.select_for_update().get(pk=task.pk)
    if not can_approve(user, task):
        raise DomainError(_("Only the lead unit or the assessment office approves the explanation."))
    explanation = Explanation.objects.filter(task=task).first()
    if explanation is None:
        raise DomainError(_("There is no explanation to approve yet."))
    if explanation.state == ExplanationState.APPROVED:
        raise DomainError(_("The explanation is already approved."))
    explanation.state = ExplanationState.APPROVED
    explanation.approved_by = user
    explanation.approved_at = timezone.now()
    save_audited(explanation, user=user, reason=_("Explanation approved"))
    _refresh(task, user=user, reason=_("Explanation approved"))
    return explanation


# --- the daily job ---------------------------------------------------------------------------------------------------
def tasks_refresh_statuses(*, today=None):
    """Mark tasks overdue once their deadline passes (telling the lead unit), and after year end list
    the unfinished tasks that still owe citizens an explanation (telling each lead unit once).

    Idempotent: run daily by Celery beat. Returns the codes of the tasks newly overdue and of those
    needing an explanation.
    """
    from org.services import notify_unit

    today = today or timezone.localdate()
    newly_overdue, explanation_due = [], []
    open_tasks = (
        LivelihoodTask.objects.filter(completed_on__isnull=True, year__lte=today.year)
        .select_related("lead_unit")
        .order_by("year", "number")
    )
    for task in open_tasks:
        with transaction.atomic():
            before = task.status
            _refresh(task, user=None, today=today, reason=_("Status updated by the daily check"))
            if task.status == TaskStatus.OVERDUE and before != TaskStatus.OVERDUE:
                newly_overdue.append(task.code)
                notify_unit(
                    unit=task.lead_unit,
                    title=_("Livelihood task %(code)s is overdue") % {"code": task.code},
                    body=_("%(title)s: the deadline %(deadline)s has passed at %(percent)s%%.") % {
                        "title": task.title, "deadline": task.deadline, "percent": task.percent},
                    link=reverse("livelihood:update_create", args=[task.pk]),  # the form of what is owed
                    kind="task_overdue",
                )
            if today > task.year_end and task.status != TaskStatus.EXPLAINED:
                explanation_due.append(task.code)
                if task.explanation_requested_on is None:
                    task.explanation_requested_on = today
                    save_audited(task, user=None, update_fields=["explanation_requested_on"],
                                 reason=_("Explanation requested"))
                    notify_unit(
                        unit=task.lead_unit,
                        title=_("Livelihood task %(code)s needs a public explanation") % {"code": task.code},
                        body=_("%(title)s was not completed in %(year)s: write why, what happens next and the "
                               "new date, and approve it so citizens can read it.") % {
                            "title": task.title, "year": task.year},
                        link=reverse("livelihood:explanation_edit", args=[task.pk]),
                        kind="explanation_due",
                    )
    return {"overdue": newly_overdue, "explanation_due": explanation_due}


def needs_explanation_q(today=None):
    """Tasks of a finished year, not completed, whose explanation is not approved."""
    from django.db.models import Q

    today = today or timezone.localdate()
    return Q(year__lt=today.year, completed_on__isnull=True) & ~Q(explanation__state=ExplanationState.APPROVED)


def year_end(year):
    return datetime.date(year, 12, 31)


# --- Excel import (declared in imports.py, run by the engine in gaoyou_portal.imports) --------------------------
def require_manager(user):
    _require_manager(user)
