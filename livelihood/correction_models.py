"""Corrections from citizens (纠错, issue 27): a message about a public task or a public project, queued for the
lead unit (the task's lead unit, the project's responsible unit), answered by the unit and, if it chooses,
published on the public page as "答复". Imported by ``livelihood.models``."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from gaoyou_portal.roles import Role
from gaoyou_portal.scoping import Scope, ScopedQuerySet
from org.models import Unit

TEXT_MAX = 2000
CONTACT_MAX = 100
REASON_MAX = 200


class RemovedAs(models.TextChoices):
    SPAM = "spam", _("spam or advertising")
    OTHER = "other", _("other (see the reason)")


class CorrectionQuerySet(ScopedQuerySet):
    def kept(self):
        """The corrections not removed by the office (a removed one stays only in the history and the office's
        list of removed messages)."""
        return self.filter(removed_at__isnull=True)

    def removed(self):
        return self.filter(removed_at__isnull=False)


class Correction(models.Model):
    task = models.ForeignKey("livelihood.LivelihoodTask", verbose_name=_("task"), null=True, blank=True,
                             on_delete=models.CASCADE, related_name="corrections")
    project = models.ForeignKey("projects.Project", verbose_name=_("project"), null=True, blank=True,
                                on_delete=models.CASCADE, related_name="corrections")
    unit = models.ForeignKey(Unit, verbose_name=_("lead unit"), on_delete=models.PROTECT,
                             related_name="corrections")
    text = models.TextField(_("what is wrong"), max_length=TEXT_MAX)
    contact = models.CharField(_("contact (optional)"), max_length=CONTACT_MAX, blank=True)
    received_at = models.DateTimeField(_("received at"), default=timezone.now)
    answer = models.TextField(_("answer"), max_length=TEXT_MAX, blank=True)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    answered_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("answered by"), null=True,
                                    blank=True, on_delete=models.SET_NULL, related_name="+")
    answer_public = models.BooleanField(_("publish the answer"), default=False)
    reminded_on = models.DateField(_("reminded on"), null=True, blank=True)
    # Removed by the office (spam, abuse): hidden from the queues, the reminders, the API and the public page;
    # the row and its history stay.
    removed_at = models.DateTimeField(_("removed at"), null=True, blank=True)
    removed_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("removed by"), null=True,
                                   blank=True, on_delete=models.SET_NULL, related_name="+")
    removed_as = models.CharField(_("removed as"), max_length=10, choices=RemovedAs.choices, blank=True)
    removal_reason = models.CharField(_("reason for the removal"), max_length=REASON_MAX, blank=True)

    history = HistoricalRecords()
    objects = CorrectionQuerySet.as_manager()
    # The office (and administrators) read every correction; a unit's reporters their own unit's; no one else.
    scope = Scope(unit_field="unit", write_roles={Role.OFFICE}, read_roles={Role.OFFICE, Role.ADMIN},
                  reporter_reads="unit")

    class Meta:
        verbose_name = _("correction from a citizen")
        verbose_name_plural = _("corrections from citizens")
        ordering = ["-received_at", "-id"]
        constraints = [models.CheckConstraint(
            condition=models.Q(task__isnull=False, project__isnull=True) | models.Q(task__isnull=True,
                                                                                    project__isnull=False),
            name="livelihood_correction_one_subject")]

    def __str__(self):
        return f"{self._meta.verbose_name} · {self.subject}"

    def get_absolute_url(self):
        return reverse("corrections:staff_detail", args=[self.pk])

    @property
    def subject(self):
        return self.task if self.task_id else self.project

    def public_url(self):
        if self.task_id:
            return self.task.get_absolute_url()
        return reverse("projects:public_detail", args=[self.project.code])
