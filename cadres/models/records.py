"""The records of a cadre: type assessments, incentives, fault tolerance, post changes, clearances, work style
and interviews."""
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from gaoyou_portal.errors import DomainError
from org.models import Unit

from ..choices import (
    CadreType,
    Campaign,
    CaseStatus,
    FaultDecision,
    IncentiveKind,
    InterviewKind,
    InterviewStatus,
    PostChangeKind,
    Rank,
)
from .cadre import Cadre, CadreRecord
from .scope import _check_dates


class CadreTypeAssessment(CadreRecord):
    """An assessment of a cadre as one of the three types, with the facts behind it."""

    cadre = models.ForeignKey(Cadre, verbose_name=_("cadre"), on_delete=models.PROTECT, related_name="assessments")
    cadre_type = models.CharField(_("type"), max_length=10, choices=CadreType.choices)
    facts = models.TextField(_("supporting facts"))
    assessed_by = models.CharField(_("assessed by"), max_length=100)
    assessed_on = models.DateField(_("assessed on"))

    history = HistoricalRecords()
    date_field = "assessed_on"

    class Meta:
        ordering = ["-assessed_on", "-id"]
        verbose_name = _("type assessment")
        verbose_name_plural = _("type assessments")

    def __str__(self):
        return f"{self.get_cadre_type_display()} · {self.assessed_by}"


class Incentive(CadreRecord):
    """A commendation or reward (激励)."""

    cadre = models.ForeignKey(Cadre, verbose_name=_("cadre"), on_delete=models.PROTECT, related_name="incentives")
    kind = models.CharField(_("kind"), max_length=20, choices=IncentiveKind.choices)
    reason = models.TextField(pgettext_lazy("cadres", "reason"))
    granted_on = models.DateField(_("date"))
    issuing_body = models.CharField(_("issuing body"), max_length=100)
    # A leading cadre of a unit barred from awards (不得评优) gets an incentive only if the department
    # records why (``services._check_award_bar``); the reason stays in the record and its history.
    bar_override_reason = models.TextField(
        _("reason for awarding despite the bar"), blank=True,
        help_text=_("Only for a leading cadre of a unit barred from awards this year."),
    )

    history = HistoricalRecords()
    date_field = "granted_on"

    class Meta:
        ordering = ["-granted_on", "-id"]
        verbose_name = _("incentive")
        verbose_name_plural = _("incentives")

    def __str__(self):
        return f"{self.get_kind_display()} · {self.issuing_body}"


class FaultToleranceCase(CadreRecord):
    """A fault-tolerance and correction case (容错纠错): what happened, the rule applied, the decision."""

    cadre = models.ForeignKey(
        Cadre, verbose_name=_("cadre"), on_delete=models.PROTECT, related_name="fault_tolerance_cases"
    )
    occurred_on = models.DateField(_("occurred on"))
    facts = models.TextField(_("what happened"))
    rule_applied = models.TextField(_("rule applied"), blank=True)
    decision = models.CharField(_("decision"), max_length=20, choices=FaultDecision.choices, blank=True)
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    correction_required = models.BooleanField(_("correction required"), default=False)
    correction_measures = models.TextField(_("correction measures"), blank=True)
    correction_done = models.BooleanField(_("correction done"), default=False)

    history = HistoricalRecords()
    date_field = "occurred_on"

    class Meta:
        ordering = ["-occurred_on", "-id"]
        verbose_name = _("fault-tolerance case")
        verbose_name_plural = _("fault-tolerance cases")
        constraints = [
            models.CheckConstraint(
                name="faulttolerance_decision_needs_rule",
                condition=Q(decision="") | ~Q(rule_applied=""),
                violation_error_message=_("A fault-tolerance decision must name the rule applied."),
            ),
            models.CheckConstraint(
                name="faulttolerance_decided_after_event",
                condition=Q(decided_on__isnull=True) | Q(decided_on__gte=models.F("occurred_on")),
                violation_error_message=_("The end date cannot be before the start date."),
            ),
        ]

    def __str__(self):
        return f"{self.get_decision_display() or _('Awaiting decision')} · {self.facts[:30]}"

    @property
    def is_open(self):
        return not self.decision or (self.correction_required and not self.correction_done)

    def clean(self):
        errors = {}
        if self.decision and not self.rule_applied.strip():
            errors["rule_applied"] = _("A fault-tolerance decision must name the rule applied.")
        if self.decision and not self.decided_on:
            errors["decided_on"] = _("Give the date of the decision.")
        if self.correction_done and not self.correction_required:
            errors["correction_done"] = _("A correction can only be done where one is required.")
        if errors:
            raise DomainError(errors)
        _check_dates(self.occurred_on, self.decided_on, "decided_on")


class PostChange(CadreRecord):
    """A promotion, demotion, transfer or reassignment (能上能下)."""

    cadre = models.ForeignKey(Cadre, verbose_name=_("cadre"), on_delete=models.PROTECT, related_name="post_changes")
    kind = models.CharField(_("kind"), max_length=20, choices=PostChangeKind.choices)
    from_post = models.CharField(_("from post"), max_length=100, blank=True)
    to_post = models.CharField(_("to post"), max_length=100)
    new_rank = models.CharField(_("new rank"), max_length=20, choices=Rank.choices, blank=True)
    reason = models.TextField(pgettext_lazy("cadres", "reason"))
    effective_on = models.DateField(_("effective on"))

    history = HistoricalRecords()
    date_field = "effective_on"

    class Meta:
        ordering = ["-effective_on", "-id"]
        verbose_name = _("post change")
        verbose_name_plural = _("post changes")

    def __str__(self):
        return f"{self.get_kind_display()} → {self.to_post}"


class Clearance(CadreRecord):
    """Clearing a falsely accused cadre (澄清正名): the accusation, the finding, how it was made known."""

    cadre = models.ForeignKey(Cadre, verbose_name=_("cadre"), on_delete=models.PROTECT, related_name="clearances")
    accusation = models.TextField(_("accusation"))
    finding = models.TextField(_("finding"))
    made_known = models.CharField(_("how it was made known"), max_length=200)
    cleared_on = models.DateField(_("cleared on"))

    history = HistoricalRecords()
    date_field = "cleared_on"

    class Meta:
        ordering = ["-cleared_on", "-id"]
        verbose_name = _("clearance")
        verbose_name_plural = _("clearances")

    def __str__(self):
        return f"{_('Clearance')} · {self.made_known}"


class WorkStyleCase(CadreRecord):
    """A case of one of the three campaigns against bad work style (三大整治)."""

    cadre = models.ForeignKey(
        Cadre, verbose_name=_("cadre"), on_delete=models.PROTECT, related_name="work_style_cases"
    )
    campaign = models.CharField(_("campaign"), max_length=20, choices=Campaign.choices)
    facts = models.TextField(_("facts"))
    handling = models.TextField(_("handling"), blank=True)
    outcome = models.TextField(_("outcome"), blank=True)
    status = models.CharField(_("status"), max_length=10, choices=CaseStatus.choices, default=CaseStatus.OPEN)
    opened_on = models.DateField(_("opened on"))
    closed_on = models.DateField(_("closed on"), null=True, blank=True)

    history = HistoricalRecords()
    date_field = "opened_on"

    class Meta:
        ordering = ["-opened_on", "-id"]
        verbose_name = _("work-style case")
        verbose_name_plural = _("work-style cases")
        constraints = [
            models.CheckConstraint(
                name="workstylecase_closed_after_opened",
                condition=Q(closed_on__isnull=True) | Q(closed_on__gte=models.F("opened_on")),
                violation_error_message=_("The end date cannot be before the start date."),
            )
        ]

    def __str__(self):
        return f"{self.get_campaign_display()} · {self.get_status_display()}"

    @property
    def is_open(self):
        return self.status != CaseStatus.CLOSED

    def clean(self):
        if self.status == CaseStatus.CLOSED and not (self.closed_on and self.outcome.strip()):
            raise DomainError({"closed_on": _("A closed case needs its closing date and outcome.")})
        _check_dates(self.opened_on, self.closed_on, "closed_on")


class Interview(CadreRecord):
    """An interview (约谈): of a unit's leading cadre for a sprint-race consequence, or on conduct.

    ``sprint_case_id`` is the id of the confirmed sprint ``ConsequenceCase`` (no foreign key, so the
    cadres app does not depend on the sprint app's migrations).
    """

    cadre = models.ForeignKey(Cadre, verbose_name=_("cadre"), on_delete=models.PROTECT, related_name="interviews")
    unit = models.ForeignKey(Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("kind"), max_length=20, choices=InterviewKind.choices)
    reason = models.TextField(pgettext_lazy("cadres", "reason"))
    sprint_case_id = models.PositiveBigIntegerField(_("sprint consequence case"), null=True, blank=True)
    sprint_year = models.PositiveSmallIntegerField(_("sprint year"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=InterviewStatus.choices, default=InterviewStatus.PENDING
    )
    scheduled_on = models.DateField(_("scheduled on"), null=True, blank=True)
    held_on = models.DateField(_("held on"), null=True, blank=True)
    interviewer = models.CharField(_("interviewer"), max_length=100, blank=True)
    notes = models.TextField(_("notes"), blank=True)

    history = HistoricalRecords()
    date_field = "created_at"

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("interview")
        verbose_name_plural = _("interviews")
        constraints = [
            models.UniqueConstraint(
                fields=["cadre", "sprint_case_id"],
                condition=Q(sprint_case_id__isnull=False),
                name="interview_once_per_cadre_and_case",
                violation_error_message=_("This cadre already has an interview for this consequence."),
            )
        ]

    def __str__(self):
        return f"{_('Interview')} · {self.get_status_display()}"

    @property
    def timeline_date(self):
        return self.held_on or self.scheduled_on or timezone.localdate(self.created_at)

    @property
    def is_open(self):
        return self.status == InterviewStatus.PENDING

    def clean(self):
        if self.status == InterviewStatus.HELD and not self.held_on:
            raise DomainError({"held_on": _("Give the date the interview was held.")})
        consequence = self.kind == InterviewKind.CONSEQUENCE
        if consequence and self.cadre_id and self.unit_id and self.cadre.unit_id != self.unit_id:
            raise DomainError({"cadre": _("The cadre does not belong to this unit.")})
