"""Livelihood tasks (民生实事): the 100 tasks pledged to the public each year, their progress updates
and the explanations owed to citizens for tasks not completed by year end.

Every task is public; progress updates only once published, explanations only once approved.
"""

import datetime
import secrets
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Case, IntegerField, Q, Value, When
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from gaoyou_portal.media import PrivateUploadTo
from gaoyou_portal.roles import Role
from gaoyou_portal.scoping import Scope, ScopedQuerySet
from leaders.models import Leader
from org.models import Unit

from .choices import ExplanationState, TaskCategory, TaskStatus

TASKS_PER_YEAR = 100
IMAGE_EXTENSIONS = {".jpg", ".jpeg", ".png", ".webp"}


class TaskQuerySet(ScopedQuerySet):
    def for_year(self, year):
        return self.filter(year=year)

    def for_unit(self, unit):
        """Tasks the unit leads or shares (no duplicate rows)."""
        return self.filter(Q(lead_unit=unit) | Q(pk__in=self.model.responsible_units.through.objects.filter(
            unit=unit).values("livelihoodtask_id")))

    def unfinished(self):
        return self.exclude(status=TaskStatus.COMPLETED)

    def overdue_first(self):
        """Overdue first, then tasks still open, then the rest, each by number."""
        rank = Case(
            When(status=TaskStatus.OVERDUE, then=Value(0)),
            When(status__in=[TaskStatus.NOT_STARTED, TaskStatus.IN_PROGRESS], then=Value(1)),
            default=Value(2),
            output_field=IntegerField(),
        )
        return self.annotate(status_rank=rank).order_by("status_rank", "-year", "number")

    def public_related(self):
        return self.select_related("lead_unit", "responsible_leader", "explanation").prefetch_related(
            "responsible_units"
        )


class LivelihoodTask(models.Model):
    """One of the year's 100 livelihood tasks (民生实事) pledged to the public.

    ``status`` and ``percent`` are kept by the services: ``percent`` is the last published update's,
    ``status`` follows the rules in ``services.derive_status`` (overdue and year end included).
    """

    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    number = models.PositiveSmallIntegerField(
        _("number"), validators=[MinValueValidator(1), MaxValueValidator(TASKS_PER_YEAR)]
    )
    title = models.CharField(pgettext_lazy("livelihood", "title"), max_length=200)
    category = models.CharField(_("category"), max_length=20, choices=TaskCategory.choices)
    target = models.TextField(
        _("what will be delivered"), help_text=_("With a measurable target where there is one.")
    )
    responsible_leader = models.ForeignKey(
        Leader, verbose_name=_("responsible leader"), on_delete=models.PROTECT, related_name="livelihood_tasks"
    )
    lead_unit = models.ForeignKey(
        Unit, verbose_name=_("lead unit"), on_delete=models.PROTECT, related_name="led_livelihood_tasks"
    )
    responsible_units = models.ManyToManyField(
        Unit, verbose_name=_("responsible units"), blank=True, related_name="livelihood_tasks"
    )
    deadline = models.DateField(pgettext_lazy("livelihood", "deadline"))
    status = models.CharField(
        _("status"), max_length=12, choices=TaskStatus.choices, default=TaskStatus.NOT_STARTED, db_index=True
    )
    percent = models.PositiveSmallIntegerField(
        _("percent complete"), default=0, validators=[MinValueValidator(0), MaxValueValidator(100)]
    )
    completed_on = models.DateField(_("completed on"), null=True, blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("completion confirmed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    explanation_requested_on = models.DateField(
        _("explanation requested on"),
        null=True,
        blank=True,
        help_text=_("When the lead unit was told, after year end, that this task owes citizens an explanation."),
    )
    internal_note = models.TextField(_("internal note"), blank=True, help_text=_("Staff only, never public."))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    history = HistoricalRecords(m2m_fields=[responsible_units])
    objects = TaskQuerySet.as_manager()
    # The list is pledged publicly: everyone reads every task. The office edits the list; the lead and
    # responsible units' reporters report on their tasks (the services decide who may do what).
    scope = Scope(
        unit_field=["lead_unit", "responsible_units"], write_roles={Role.OFFICE}, public=Q(), multi_valued=True
    )

    class Meta:
        ordering = ["-year", "number"]
        verbose_name = _("livelihood task")
        verbose_name_plural = _("livelihood tasks")
        constraints = [
            models.UniqueConstraint(
                fields=["year", "number"],
                name="livelihood_task_unique_year_number",
                violation_error_message=_("This task number is already used in this year."),
            ),
            models.CheckConstraint(
                name="livelihood_task_number_1_to_100",
                condition=Q(number__gte=1) & Q(number__lte=TASKS_PER_YEAR),
                violation_error_message=_("A task number runs from 1 to 100."),
            ),
            models.CheckConstraint(
                name="livelihood_task_percent_0_to_100",
                condition=Q(percent__gte=0) & Q(percent__lte=100),
                violation_error_message=_("Percent complete runs from 0 to 100."),
            ),
        ]

    def __str__(self):
        return f"{self.year}-{self.number:03d} {self.title}"

    def get_absolute_url(self):
        return reverse("livelihood:public_detail", kwargs={"year": self.year, "number": self.number})

    @property
    def explanation_owed(self):
        """After its year has ended, a task not completed owes citizens an explanation until one is approved
        (the same rule as ``services.needs_explanation_q``, for one task already in hand)."""
        from django.core.exceptions import ObjectDoesNotExist
        from django.utils import timezone

        if self.year >= timezone.localdate().year or self.completed_on is not None:
            return False
        try:
            return self.explanation.state != "approved"
        except ObjectDoesNotExist:
            return True

    @property
    def code(self):
        return f"{self.year}-{self.number:03d}"

    def get_staff_url(self):
        return reverse("livelihood:task_detail", kwargs={"pk": self.pk})

    @property
    def year_end(self):
        return datetime.date(self.year, 12, 31)

    def clean(self):
        super().clean()
        if self.deadline and self.year and self.deadline.year != self.year:
            raise ValidationError({"deadline": _("The deadline must fall within the task's year.")})


def _attachment_path(instance, filename):
    """The guessable path of the first uploads (kept for migration 0001; files now get random names)."""
    return f"livelihood/{instance.task.year}/{instance.task.number:03d}/{filename}"


class ProgressUpdate(models.Model):
    """An entry in a task's progress timeline. Append-only: only its publication can change later."""

    task = models.ForeignKey(
        LivelihoodTask, verbose_name=_("task"), on_delete=models.CASCADE, related_name="updates"
    )
    date = models.DateField(_("date"))
    percent = models.PositiveSmallIntegerField(
        _("percent complete"), validators=[MinValueValidator(0), MaxValueValidator(100)]
    )
    text = models.TextField(_("what was done"))
    reason = models.TextField(
        _("reason for a lower percent"),
        blank=True,
        help_text=_("Required when the percent is lower than the last published one."),
    )
    # Kind, size and content are checked by the shared upload check in the service (Purpose.DOCUMENT).
    attachment = models.FileField(_("photo or document"), upload_to=PrivateUploadTo("livelihood"), blank=True)
    unit = models.ForeignKey(
        Unit, verbose_name=_("reporting unit"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("entered by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    published = models.BooleanField(_("published"), default=True)
    published_at = models.DateTimeField(pgettext_lazy("public site", "published at"), null=True, blank=True)
    created_at = models.DateTimeField(_("entered at"), auto_now_add=True)

    history = HistoricalRecords()
    objects = ScopedQuerySet.as_manager()
    scope = Scope(
        unit_field=["task__lead_unit", "task__responsible_units"],
        write_roles={Role.OFFICE},
        public=Q(published=True),
        multi_valued=True,
    )

    # Fields that may change once the entry exists (publishing it or taking it back).
    MUTABLE_FIELDS = frozenset({"published", "published_at"})

    class Meta:
        ordering = ["-date", "-id"]
        verbose_name = _("progress update")
        verbose_name_plural = _("progress updates")
        indexes = [models.Index(fields=["task", "published", "-date"])]
        constraints = [
            models.CheckConstraint(
                name="livelihood_update_percent_0_to_100",
                condition=Q(percent__gte=0) & Q(percent__lte=100),
                violation_error_message=_("Percent complete runs from 0 to 100."),
            )
        ]

    def __str__(self):
        return f"{self.task.code} {self.date} {self.percent}%"

    def save(self, *args, update_fields=None, **kwargs):
        if self.pk and not self._state.adding and (
            update_fields is None or not set(update_fields) <= self.MUTABLE_FIELDS
        ):
            raise ValidationError(_("Progress updates cannot be changed once entered; add a new one."))
        return super().save(*args, update_fields=update_fields, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValidationError(_("Progress updates cannot be deleted; add a new one."))

    @property
    def is_image(self):
        return bool(self.attachment) and Path(self.attachment.name).suffix.lower() in IMAGE_EXTENSIONS

    @property
    def attachment_name(self):
        return Path(self.attachment.name).name if self.attachment else ""


class Explanation(models.Model):
    """The explanation to citizens for a task not completed: why, what happens next, the new date.

    Public once approved by the lead unit (or the assessment office).
    """

    task = models.OneToOneField(
        LivelihoodTask, verbose_name=_("task"), on_delete=models.CASCADE, related_name="explanation"
    )
    reason = models.TextField(_("why the task was not completed"))
    next_steps = models.TextField(_("what happens next"))
    new_date = models.DateField(_("new completion date"), null=True, blank=True)
    state = models.CharField(
        _("state"), max_length=10, choices=ExplanationState.choices, default=ExplanationState.DRAFT
    )
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("written by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("approved by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    history = HistoricalRecords()
    objects = ScopedQuerySet.as_manager()
    scope = Scope(
        unit_field=["task__lead_unit", "task__responsible_units"],
        write_roles={Role.OFFICE},
        public=Q(state=ExplanationState.APPROVED),
        multi_valued=True,
    )

    class Meta:
        verbose_name = _("explanation")
        verbose_name_plural = _("explanations")

    def __str__(self):
        return f"{self.task.code} {self.get_state_display()}"

    @property
    def is_public(self):
        return self.state == ExplanationState.APPROVED


def _nonce():
    return secrets.token_hex(8)


class Subscription(models.Model):
    """An e-mail address that follows a task, without an account (double opt-in).

    The address is kept for this purpose only and deleted when its owner unsubscribes; so the row has no
    history (a history would keep the address). The office sees counts, never addresses. ``nonce`` is in
    every signed link, so a link of a deleted subscription never works for a new one of the same address.
    """

    task = models.ForeignKey(LivelihoodTask, verbose_name=_("task"), on_delete=models.CASCADE,
                             related_name="subscriptions")
    email = models.EmailField(_("e-mail address"), max_length=254)
    nonce = models.CharField(max_length=16, default=_nonce, editable=False)
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    last_sent_on = models.DateField(_("last message on"), null=True, blank=True)  # at most one message a day
    news_since = models.DateTimeField(_("news since"), null=True, blank=True)  # updates published after this
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("follower by e-mail")
        verbose_name_plural = _("followers by e-mail")
        constraints = [models.UniqueConstraint(fields=["task", "email"], name="livelihood_subscription_unique")]

    def __str__(self):
        return f"{self.task} · {self._meta.verbose_name}"

from .correction_models import Correction  # noqa: E402,F401
