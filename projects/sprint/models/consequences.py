"""What the results bring: consequence cases, the honours list and the leaders' interviews."""

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from gaoyou_portal.roles import Role
from gaoyou_portal.scoping import Scope, ScopedQuerySet
from leaders.models import Leader
from org.models import Unit

from ..choices import (
    CaseStatus,
    ConsequenceKind,
    HonourStatus,
    InterviewStatus,
)
from ..permissions import CASE_READERS


class ConsequenceCase(models.Model):
    """A consequence the system proposes for a unit, with the evidence; the office confirms or dismisses it.

    Confirming sends ``projects.sprint.signals.consequence_confirmed`` (the cadres app listens).
    """

    unit = models.ForeignKey(Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="consequence_cases")
    year = models.PositiveIntegerField(_("year"))
    kind = models.CharField(_("consequence"), max_length=14, choices=ConsequenceKind.choices)
    status = models.CharField(_("status"), max_length=10, choices=CaseStatus.choices, default=CaseStatus.PROPOSED)
    evidence = models.TextField(pgettext_lazy("sprint", "evidence"))
    reason = models.TextField(_("reason for the decision"), blank=True)
    proposed_at = models.DateTimeField(_("proposed at"), auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("decided by"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    # The half-year rule warns the unit and its leaders once per case (``consequences.half_year_warn``).
    warned_at = models.DateTimeField(_("warning sent at"), null=True, blank=True)

    history = HistoricalRecords()
    objects = ScopedQuerySet.as_manager()
    scope = Scope(unit_field="unit", write_roles={Role.OFFICE}, reporter_writes=False,
                  read_roles=CASE_READERS, reporter_reads="unit")

    class Meta:
        ordering = ["-year", "status", "unit__order", "kind"]
        verbose_name = _("consequence case")
        verbose_name_plural = _("consequence cases")
        constraints = [
            models.UniqueConstraint(fields=["unit", "year", "kind"], name="consequencecase_unique",
                                    violation_error_message=_("This unit already has this case for this year.")),
            models.CheckConstraint(
                name="consequencecase_decision_has_reason",
                condition=Q(status=CaseStatus.PROPOSED) | (~Q(reason="") & Q(decided_at__isnull=False)),
                violation_error_message=_("A decision on a case gives its reason."),
            ),
        ]

    def __str__(self):
        return f"{self.year} {self.unit} · {self.get_kind_display()}"


class HonourProposal(models.Model):
    """A unit proposed for the year's awards and honours (评优评先), kept by the assessment office.

    A unit with a confirmed "no awards" case (不得评优) for the year cannot be proposed: the service refuses
    with the case cited (``consequences.honour_bar``). Proposals are never deleted: withdrawn or awarded.
    """

    year = models.PositiveIntegerField(_("year"), validators=[MinValueValidator(2000)])
    unit = models.ForeignKey(Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="+")
    title = models.CharField(_("honour"), max_length=100)
    status = models.CharField(_("status"), max_length=10, choices=HonourStatus.choices,
                              default=HonourStatus.PROPOSED)
    note = models.TextField(_("note"), blank=True)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("proposed by"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )
    proposed_at = models.DateTimeField(_("proposed at"), auto_now_add=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)

    history = HistoricalRecords()
    objects = ScopedQuerySet.as_manager()
    scope = Scope(unit_field="unit", write_roles={Role.OFFICE}, reporter_writes=False,
                  read_roles=CASE_READERS, reporter_reads="unit")

    class Meta:
        ordering = ["-year", "unit__order", "title", "id"]
        verbose_name = _("honours proposal")
        verbose_name_plural = _("honours proposals")
        constraints = [
            models.UniqueConstraint(fields=["year", "unit", "title"], name="honourproposal_unique",
                                    violation_error_message=_("This unit is already proposed for this honour.")),
        ]

    def __str__(self):
        return f"{self.year} {self.unit} · {self.title}"


class LeaderInterview(models.Model):
    """约谈: the talk a city leader holds with a unit after a confirmed "interview" consequence case.

    Created when the office confirms the case, with the leader linked to the unit (the office may choose
    another); the office schedules it (leader and date); the leader or the office records the talk (its
    date and record required) and the follow-up. It names the unit and the leader only: the unit's cadres
    and their interview records stay in the cadres app, with the organisation department.
    """

    case = models.OneToOneField(ConsequenceCase, verbose_name=_("consequence case"), on_delete=models.PROTECT,
                                related_name="leader_interview")
    unit = models.ForeignKey(Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="+")
    leader = models.ForeignKey(Leader, verbose_name=_("leader"), null=True, blank=True, on_delete=models.PROTECT,
                               related_name="interviews")
    status = models.CharField(_("status"), max_length=12, choices=InterviewStatus.choices,
                              default=InterviewStatus.TO_SCHEDULE)
    scheduled_on = models.DateField(_("scheduled on"), null=True, blank=True)
    held_on = models.DateField(_("held on"), null=True, blank=True)
    record = models.TextField(_("record of the talk"), blank=True)
    follow_up = models.TextField(_("follow-up"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    history = HistoricalRecords()
    objects = ScopedQuerySet.as_manager()
    scope = Scope(unit_field="unit", write_roles={Role.OFFICE}, reporter_writes=False,
                  read_roles=CASE_READERS, reporter_reads="unit")

    class Meta:
        ordering = ["status", "scheduled_on", "id"]
        verbose_name = _("interview by a city leader")
        verbose_name_plural = _("interviews by city leaders")
        constraints = [
            models.CheckConstraint(
                name="leaderinterview_scheduled_has_leader_and_date",
                condition=Q(status=InterviewStatus.TO_SCHEDULE)
                | Q(leader__isnull=False, scheduled_on__isnull=False),
                violation_error_message=_("A scheduled interview names its leader and its date."),
            ),
            models.CheckConstraint(
                name="leaderinterview_held_has_date_and_record",
                condition=~Q(status=InterviewStatus.HELD) | (Q(held_on__isnull=False) & ~Q(record="")),
                violation_error_message=_("A held interview has its date and its record."),
            ),
        ]

    def __str__(self):
        return _("Interview of %(unit)s (%(year)s)") % {"unit": self.unit, "year": self.case.year}

    @property
    def is_open(self):
        return self.status != InterviewStatus.HELD
