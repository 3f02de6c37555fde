"""Cadre records (干部档案): the most confidential data in the portal.

Only the organisation department (组织部) and the users it grants access to (``CadreAccessGrant``)
read any row; everybody else, administrators and superusers included, sees nothing (404). Only
the department writes. Records are never deleted, only corrected with history; every read is
written to the append-only ``AccessLog``.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from gaoyou_portal.errors import DomainError
from gaoyou_portal.scoping import Scope, ScopedQuerySet
from org.models import Unit

from .choices import (
    AccessAction,
    CadreType,
    Campaign,
    CaseStatus,
    FaultDecision,
    FrontLine,
    IncentiveKind,
    InterviewKind,
    InterviewStatus,
    PostChangeKind,
    ProposalStatus,
    Rank,
    Sex,
)
from .permissions import is_department

MIN_AGE, MAX_AGE = 18, 70


def has_active_grant(user) -> bool:
    """Whether the department has granted this user read access today (cached on the user object)."""
    cached = getattr(user, "_cadre_grant", None)
    if cached is None:
        today = timezone.localdate()
        cached = CadreAccessGrant.objects.filter(
            Q(ends_on__isnull=True) | Q(ends_on__gte=today), user=user, revoked_at__isnull=True, starts_on__lte=today
        ).exists()
        user._cadre_grant = cached
    return cached


class CadreScope(Scope):
    """Confidential reads (department + granted users); writes by the department alone."""

    def write_q(self, user):
        return Q() if is_department(user) else None

    def can_create(self, user, unit=None):
        return is_department(user)


# Cadre records: the department and those it grants read; the department writes.
CADRE_SCOPE = CadreScope(confidential=True, grant_check=has_active_grant)
# The grants and the access log: the department alone, granted users included out.
DEPARTMENT_SCOPE = CadreScope(confidential=True)


def can_read_cadres(user) -> bool:
    return CADRE_SCOPE.read_q(user) is not None


def can_write_cadres(user) -> bool:
    return CADRE_SCOPE.can_create(user)


class NeverDeleted(DomainError):
    def __init__(self):
        super().__init__(_("Cadre records are never deleted; correct them instead."))


class RecordQuerySet(ScopedQuerySet):
    """Scoped reads; deleting in bulk is refused like deleting one row."""

    def delete(self):
        raise NeverDeleted()

    delete.queryset_only = True


class NeverDeletedModel(models.Model):
    class Meta:
        abstract = True

    def delete(self, *args, **kwargs):
        raise NeverDeleted()


def _check_dates(start, end, end_field, message=None):
    if start and end and end < start:
        raise DomainError({end_field: message or _("The end date cannot be before the start date.")})


class CadreQuerySet(RecordQuerySet):
    def leading_of(self, unit):
        return self.filter(unit=unit, is_leading=True, active=True)

    def with_rank_order(self):
        """``rank_order``: the rank as a number, lowest first, for sorting."""
        whens = [models.When(rank=value, then=models.Value(i)) for i, value in enumerate(Rank.values)]
        return self.annotate(rank_order=models.Case(*whens, default=models.Value(-1)))


class Cadre(NeverDeletedModel):
    """A cadre (干部) of a unit: post, rank, current type and front-line post."""

    name = models.CharField(pgettext_lazy("person", "name"), max_length=50)
    sex = models.CharField(_("sex"), max_length=6, choices=Sex.choices)
    year_of_birth = models.PositiveSmallIntegerField(_("year of birth"))
    unit = models.ForeignKey(Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="cadres")
    post = models.CharField(_("post"), max_length=100)
    rank = models.CharField(pgettext_lazy("cadre", "rank"), max_length=20, choices=Rank.choices)
    is_leading = models.BooleanField(
        _("leading cadre of the unit"), default=False,
        help_text=_("Principal leader (主要负责人) or member of the unit's leading group."),
    )
    specialist_field = models.CharField(_("specialist field"), max_length=100, blank=True)
    current_type = models.CharField(
        _("current type"), max_length=10, choices=CadreType.choices, blank=True,
        help_text=_("Set by the latest type assessment."),
    )
    front_line = models.CharField(_("front line"), max_length=20, choices=FrontLine.choices, blank=True)
    front_line_since = models.DateField(_("on the front line since"), null=True, blank=True)
    front_line_until = models.DateField(_("on the front line until"), null=True, blank=True)
    active = models.BooleanField(_("in service"), default=True)
    notes = models.TextField(_("notes"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    history = HistoricalRecords()
    objects = CadreQuerySet.as_manager()
    scope = CADRE_SCOPE

    class Meta:
        ordering = ["unit__order", "name", "id"]
        verbose_name = _("cadre")
        verbose_name_plural = _("cadres")
        constraints = [
            models.CheckConstraint(
                name="cadre_front_line_dates_in_order",
                condition=Q(front_line_until__isnull=True)
                | Q(front_line_since__isnull=True)
                | Q(front_line_until__gte=models.F("front_line_since")),
                violation_error_message=_("The end date cannot be before the start date."),
            ),
            models.CheckConstraint(
                name="cadre_year_of_birth_plausible",
                condition=Q(year_of_birth__gte=1900) & Q(year_of_birth__lte=2100),
                violation_error_message=_("The year of birth is not plausible."),
            ),
        ]

    def __str__(self):
        return f"{self.name}（{self.unit.short_name or self.unit.name} {self.post}）"

    @property
    def age(self):
        return timezone.localdate().year - self.year_of_birth if self.year_of_birth else None

    def clean(self):
        errors = {}
        age = self.age
        if age is not None and not MIN_AGE <= age <= MAX_AGE:
            errors["year_of_birth"] = _(
                "A cadre must be between %(min)d and %(max)d years old; year of birth %(year)d gives %(age)d."
            ) % {"min": MIN_AGE, "max": MAX_AGE, "year": self.year_of_birth, "age": age}
        if self.front_line and not self.front_line_since:
            errors["front_line_since"] = _("Give the date the cadre went to the front line.")
        if not self.front_line and (self.front_line_since or self.front_line_until):
            errors["front_line"] = _("Choose the front line, or leave its dates empty.")
        if errors:
            raise DomainError(errors)
        _check_dates(self.front_line_since, self.front_line_until, "front_line_until")


class CadreRecord(NeverDeletedModel):
    """Common to every record of a cadre: who recorded it and when; never deleted."""

    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = RecordQuerySet.as_manager()
    scope = CADRE_SCOPE
    # The date that places the record on the cadre's timeline.
    date_field = "created_at"

    class Meta:
        abstract = True

    @property
    def timeline_date(self):
        value = getattr(self, self.date_field)
        return value.date() if hasattr(value, "date") else value

    def summary(self):
        return str(self)


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


class ReassignmentProposal(NeverDeletedModel):
    """A proposal to reassign a unit's leaders after a confirmed "reassignment" consequence (组织调整).

    Sits in the department's queue until it accepts (then records post changes) or declines it.
    """

    unit = models.ForeignKey(Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="+")
    sprint_case_id = models.PositiveBigIntegerField(_("sprint consequence case"), unique=True)
    year = models.PositiveSmallIntegerField(_("year"))
    evidence = models.TextField(pgettext_lazy("cadres", "evidence"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=ProposalStatus.choices, default=ProposalStatus.PENDING
    )
    decision_note = models.TextField(_("decision note"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("decided by"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    history = HistoricalRecords()
    objects = RecordQuerySet.as_manager()
    scope = CADRE_SCOPE

    class Meta:
        ordering = ["status", "-created_at", "-id"]
        verbose_name = _("reassignment proposal")
        verbose_name_plural = _("reassignment proposals")

    def __str__(self):
        return f"{self.unit} · {self.year} · {self.get_status_display()}"


class CadreAccessGrant(NeverDeletedModel):
    """The department's grant of read access to cadre records to one user, for a period; revoked, never deleted."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.PROTECT, related_name="cadre_grants"
    )
    reason = models.CharField(pgettext_lazy("cadres", "reason"), max_length=200)
    starts_on = models.DateField(_("from"), default=timezone.localdate)
    ends_on = models.DateField(_("until"), null=True, blank=True)
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("granted by"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    history = HistoricalRecords()
    objects = RecordQuerySet.as_manager()
    scope = DEPARTMENT_SCOPE

    class Meta:
        ordering = ["revoked_at", "-starts_on", "-id"]
        verbose_name = _("cadre access grant")
        verbose_name_plural = _("cadre access grants")
        constraints = [
            models.CheckConstraint(
                name="cadreaccessgrant_dates_in_order",
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
                violation_error_message=_("The end date cannot be before the start date."),
            )
        ]

    def __str__(self):
        return f"{self.user} · {self.reason}"

    @property
    def is_active(self):
        today = timezone.localdate()
        return self.revoked_at is None and self.starts_on <= today and (self.ends_on is None or self.ends_on >= today)

    def clean(self):
        _check_dates(self.starts_on, self.ends_on, "ends_on")


class AccessLogQuerySet(ScopedQuerySet):
    """Append-only: no bulk update or delete."""

    def reads(self):
        from .choices import READ_ACTIONS

        return self.filter(action__in=READ_ACTIONS)

    def changes(self):
        from .choices import READ_ACTIONS

        return self.exclude(action__in=READ_ACTIONS)

    def update(self, **kwargs):
        raise DomainError(_("The access log is append-only."))

    def delete(self):
        raise DomainError(_("The access log is append-only."))

    update.queryset_only = True
    delete.queryset_only = True


class AccessLog(models.Model):
    """One read of cadre data (who, when, what page or endpoint, which cadre), or one change to who may
    read it (department membership, a member's password, token or active state, a grant: the changed
    user in ``object_type``/``object_id``). Append-only. No ``user``: made on the server's console."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="+",
    )
    at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)
    action = models.CharField(_("action"), max_length=10, choices=AccessAction.choices)
    path = models.CharField(_("page or endpoint"), max_length=300)
    cadre = models.ForeignKey(
        Cadre, verbose_name=_("cadre"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    object_type = models.CharField(_("record type"), max_length=60, blank=True)
    object_id = models.PositiveBigIntegerField(_("record"), null=True, blank=True)
    object_ids = models.JSONField(_("records shown"), default=list, blank=True)

    objects = AccessLogQuerySet.as_manager()
    scope = DEPARTMENT_SCOPE

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("access log entry")
        verbose_name_plural = _("access log")

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.user} {self.get_action_display()} {self.path}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise DomainError(_("The access log is append-only."))
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise DomainError(_("The access log is append-only."))
