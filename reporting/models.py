"""The official working-day calendar (holidays and make-up working days, editable by the office each year) and
the record of escalating reminders sent (each item and stage once)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from org.models import Unit

from .choices import DayKind, Stage


class CalendarDay(models.Model):
    """A day the State Council's holiday notice moves: a holiday on a weekday, or a weekend worked (调休).

    Every other day is a working day from Monday to Friday. The office enters each year's notice
    (``/reporting/calendar/``); 2025–2027 are seeded (migration 0002).
    """

    date = models.DateField(_("date"), unique=True)
    kind = models.CharField(_("kind"), max_length=10, choices=DayKind.choices)
    name = models.CharField(_("name"), max_length=50, help_text=_("For example 春节 or 国庆节."))

    history = HistoricalRecords()

    class Meta:
        ordering = ["date"]
        verbose_name = _("calendar day")
        verbose_name_plural = _("calendar days")

    def __str__(self):
        return f"{self.date:%Y-%m-%d} {self.name}（{self.get_kind_display()}）"


class Escalation(models.Model):
    """One escalating reminder sent: an owed item (``key``, e.g. ``project_report:12:2026-11``) at one stage.

    The unique pair is what makes each stage go out once, however often the job runs.
    """

    key = models.CharField(_("item"), max_length=120)
    stage = models.CharField(pgettext_lazy("escalation", "stage"), max_length=10, choices=Stage.choices)
    unit = models.ForeignKey(Unit, verbose_name=_("unit"), on_delete=models.CASCADE, related_name="+")
    deadline = models.DateField(pgettext_lazy("escalation", "deadline"))
    title = models.CharField(pgettext_lazy("escalation", "title"), max_length=200)
    recipients = models.PositiveIntegerField(_("people notified"), default=0)
    sent_at = models.DateTimeField(_("sent at"), auto_now_add=True)

    class Meta:
        ordering = ["-sent_at"]
        verbose_name = _("escalating reminder")
        verbose_name_plural = _("escalating reminders")
        constraints = [
            models.UniqueConstraint(fields=["key", "stage"], name="escalation_once_per_item_and_stage",
                                    violation_error_message=_("This reminder was already sent.")),
        ]

    def __str__(self):
        return f"{self.get_stage_display()} · {self.title}"
