"""Safety rectification ledgers (台账): chemical firms and garment workshops, their inspections,
rectification items and the Excel import jobs that fill the ledgers.

A case (a firm or a workshop) moves: disposition set → in progress → submitted for acceptance →
accepted and struck off (销号, ``closed_out``) or sent back with reasons. The rules live in
``services.py``; the rules one row can check (deadline after the disposition date, a unique
credit code) live here.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from gaoyou_portal.credit_codes import validate_credit_code
from gaoyou_portal.media import PrivateUploadTo
from gaoyou_portal.roles import Role
from gaoyou_portal.scoping import Scope, ScopedQuerySet
from leaders.models import Enterprise
from org.choices import UnitKind
from org.models import Unit

from .choices import (
    CLOSURE_DISPOSITIONS,
    OPEN_STATES,
    CaseState,
    FirmDisposition,
    Hazard,
    HazardCategory,
    Ledger,
    Verdict,
    WorkshopDisposition,
)

STATE_BADGES = {
    CaseState.UNDECIDED: "light text-dark border",
    CaseState.DECIDED: "secondary",
    CaseState.IN_PROGRESS: "primary",
    CaseState.SUBMITTED: "info text-dark",
    CaseState.SENT_BACK: "warning text-dark",
    CaseState.CLOSED_OUT: "success",
    CaseState.REOPENED: "danger",
}
TOWN_CHOICES = {"kind__in": [UnitKind.TOWN, UnitKind.PARK]}


class CaseQuerySet(ScopedQuerySet):
    def overdue(self, today=None):
        today = today or timezone.localdate()
        return self.filter(deadline__lt=today, state__in=OPEN_STATES)

    def closed_out(self):
        return self.filter(state=CaseState.CLOSED_OUT)

    def open(self):
        return self.filter(state__in=OPEN_STATES)

    def public(self):
        return self.filter(is_public=True)


def _case_scope():
    # Every staff user reads the ledgers; the bureau changes every case, a town's reporters the
    # cases of their town (the services narrow what a reporter may do to a case).
    return Scope(unit_field="town", write_roles={Role.SAFETY})


class Case(models.Model):
    """What a chemical firm and a garment workshop have in common: town, disposition, deadline, state."""

    name = models.CharField(_("name"), max_length=200)
    town = models.ForeignKey(
        Unit, verbose_name=_("town"), on_delete=models.PROTECT, related_name="+", limit_choices_to=TOWN_CHOICES
    )
    address = models.CharField(_("address"), max_length=300, blank=True)
    disposition_date = models.DateField(_("disposition date"), null=True, blank=True)
    deadline = models.DateField(pgettext_lazy("safety", "deadline"), null=True, blank=True)
    state = models.CharField(_("state"), max_length=20, choices=CaseState.choices, default=CaseState.UNDECIDED)
    responsible_department = models.ForeignKey(
        Unit,
        verbose_name=_("responsible department"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    responsible_person = models.CharField(_("responsible person"), max_length=50, blank=True)
    is_public = models.BooleanField(
        _("shown to the public"), default=False, help_text=_("Only the safety bureau publishes a case.")
    )
    note = models.TextField(_("note"), blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    closed_out_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("accepted by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    closed_out_at = models.DateTimeField(_("struck off at"), null=True, blank=True)
    sent_back_reason = models.TextField(_("reasons for sending back"), blank=True)
    reopened_at = models.DateTimeField(_("reopened at"), null=True, blank=True)
    raised_to_leaders = models.BooleanField(_("raised to the leaders"), default=False)
    overdue_flagged_at = models.DateTimeField(_("flagged overdue at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = CaseQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["town__order", "name", "id"]

    def __str__(self):
        return self.name

    ledger = None  # Ledger value, set on the concrete models

    @property
    def is_overdue(self):
        return bool(self.deadline and self.state in OPEN_STATES and self.deadline < timezone.localdate())

    @property
    def state_badge(self):
        """The Bootstrap colour of the state badge."""
        return STATE_BADGES.get(self.state, "secondary")

    @property
    def is_closure(self):
        return self.disposition in CLOSURE_DISPOSITIONS

    @property
    def notified_unit(self):
        """The unit told about this case (overdue notices): its responsible department, else its town."""
        return self.responsible_department or self.town

    @classmethod
    def case_constraints(cls, prefix):
        return [
            models.CheckConstraint(
                name=f"{prefix}_deadline_after_disposition",
                condition=Q(deadline__isnull=True) | Q(disposition_date__isnull=True) | Q(deadline__gte=models.F(
                    "disposition_date")),
                violation_error_message=_("The deadline cannot be before the disposition date."),
            ),
            models.CheckConstraint(
                name=f"{prefix}_decided_has_disposition",
                condition=Q(state=CaseState.UNDECIDED) | ~Q(disposition=""),
                violation_error_message=_("A case past “not yet decided” needs a disposition."),
            ),
        ]


class ChemicalFirm(Case):
    """A chemical firm on the safety and environment ledger, with its disposition (关闭/限期整改/搬迁/保留提升)."""

    credit_code = models.CharField(
        _("unified social credit code"), max_length=18, validators=[validate_credit_code]
    )
    products = models.CharField(_("main products"), max_length=300, blank=True)
    hazard_category = models.CharField(
        _("hazard category"), max_length=12, choices=HazardCategory.choices, default=HazardCategory.GENERAL
    )
    disposition = models.CharField(_("disposition"), max_length=20, choices=FirmDisposition.choices, blank=True)
    # The same firm as an enterprise record (org), where it is one: a leader linked to the enterprise sees
    # this case on their workspace. Set from the credit code when the firm is saved.
    enterprise = models.ForeignKey(
        Enterprise, verbose_name=_("enterprise"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="chemical_firms",
    )

    history = HistoricalRecords()
    scope = _case_scope()
    ledger = Ledger.FIRMS

    class Meta(Case.Meta):
        verbose_name = _("chemical firm")
        verbose_name_plural = _("chemical firms")
        constraints = [
            models.UniqueConstraint(
                fields=["credit_code"],
                name="chemicalfirm_unique_credit_code",
                violation_error_message=_("A firm with this unified social credit code is already on the ledger."),
            ),
            *Case.case_constraints("chemicalfirm"),
        ]
        indexes = [
            models.Index(fields=["state", "deadline"], name="chemicalfirm_state_deadline"),
            # The plan's derived targets count the cases struck off by a date, per disposition, from this alone.
            models.Index(fields=["state", "disposition", "closed_out_at"], name="chemicalfirm_closed_out"),
        ]

    def get_absolute_url(self):
        return reverse("safety:firm_detail", args=[self.pk])


class GarmentWorkshop(Case):
    """A small garment workshop (服装小作坊) found with fire hazards, to be shut or rectified."""

    operator = models.CharField(_("operator"), max_length=50, blank=True)
    workers = models.PositiveIntegerField(_("workers"), default=0)
    hazards = models.CharField(
        _("hazards found"), max_length=200, blank=True, help_text=_("Codes of the hazards, separated by commas.")
    )
    disposition = models.CharField(
        _("disposition"), max_length=20, choices=WorkshopDisposition.choices, blank=True
    )

    history = HistoricalRecords()
    scope = _case_scope()
    ledger = Ledger.WORKSHOPS

    class Meta(Case.Meta):
        verbose_name = _("garment workshop")
        verbose_name_plural = _("garment workshops")
        constraints = [
            models.UniqueConstraint(
                fields=["town", "name"],
                name="garmentworkshop_unique_town_name",
                violation_error_message=_("A workshop of this name is already on this town's ledger."),
            ),
            *Case.case_constraints("garmentworkshop"),
        ]
        indexes = [
            models.Index(fields=["state", "deadline"], name="garmentworkshop_state_deadline"),
            # The plan's derived targets count the cases struck off by a date, per disposition, from this alone.
            models.Index(fields=["state", "disposition", "closed_out_at"], name="garmentworkshop_closed_out"),
        ]

    def get_absolute_url(self):
        return reverse("safety:workshop_detail", args=[self.pk])

    @property
    def hazard_list(self):
        return [h for h in self.hazards.split(",") if h]

    @cached_property
    def hazard_labels(self):
        labels = dict(Hazard.choices)
        return [str(labels.get(h, h)) for h in self.hazard_list]


class CaseChild(models.Model):
    """A row that belongs to one case: a firm or a workshop (exactly one)."""

    firm = models.ForeignKey(
        ChemicalFirm, verbose_name=_("chemical firm"), null=True, blank=True, on_delete=models.CASCADE,
        related_name="%(class)ss",
    )
    workshop = models.ForeignKey(
        GarmentWorkshop, verbose_name=_("garment workshop"), null=True, blank=True, on_delete=models.CASCADE,
        related_name="%(class)ss",
    )

    class Meta:
        abstract = True

    @property
    def case(self):
        return self.firm or self.workshop

    @classmethod
    def one_case_constraint(cls, name):
        return models.CheckConstraint(
            name=name,
            condition=Q(firm__isnull=False, workshop__isnull=True) | Q(firm__isnull=True, workshop__isnull=False),
            violation_error_message=_("It belongs to exactly one firm or workshop."),
        )


CHILD_SCOPE = {"unit_field": ["firm__town", "workshop__town"], "write_roles": {Role.SAFETY}}


class Inspection(CaseChild):
    """An on-site inspection of a case: who went, what they found, photos and the verdict."""

    date = models.DateField(_("inspection date"))
    inspectors = models.CharField(_("inspectors"), max_length=200)
    findings = models.TextField(_("findings"))
    verdict = models.CharField(_("verdict"), max_length=20, choices=Verdict.choices)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), null=True, on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    history = HistoricalRecords()
    objects = ScopedQuerySet.as_manager()
    scope = Scope(**CHILD_SCOPE)

    class Meta:
        ordering = ["-date", "-id"]
        verbose_name = _("inspection")
        verbose_name_plural = _("inspections")
        constraints = [CaseChild.one_case_constraint("inspection_one_case")]

    def __str__(self):
        return f"{self.date} {self.get_verdict_display()}"


class InspectionPhoto(models.Model):
    """A photo taken during an inspection (checked to be an image within the size limit)."""

    inspection = models.ForeignKey(
        Inspection, verbose_name=_("inspection"), on_delete=models.CASCADE, related_name="photos"
    )
    image = models.ImageField(_("photo"), upload_to=PrivateUploadTo("safety/inspections"))
    caption = models.CharField(_("caption"), max_length=200, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["id"]
        verbose_name = _("inspection photo")
        verbose_name_plural = _("inspection photos")

    def __str__(self):
        return self.caption or self.image.name


class RectificationItem(CaseChild):
    """One hazard found on a case, what must be done about it, by when, and its verification."""

    hazard = models.CharField(_("hazard found"), max_length=300)
    measure = models.TextField(_("what must be done"))
    deadline = models.DateField(pgettext_lazy("safety", "deadline"))
    done_on = models.DateField(_("done on"), null=True, blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("verified by"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    verified_at = models.DateTimeField(_("verified at"), null=True, blank=True)

    history = HistoricalRecords()
    objects = ScopedQuerySet.as_manager()
    scope = Scope(**CHILD_SCOPE)

    class Meta:
        ordering = ["deadline", "id"]
        verbose_name = _("rectification item")
        verbose_name_plural = _("rectification items")
        constraints = [CaseChild.one_case_constraint("rectificationitem_one_case")]

    def __str__(self):
        return self.hazard

    @property
    def is_verified(self):
        return self.verified_at is not None


CASE_MODELS = {Ledger.FIRMS: ChemicalFirm, Ledger.WORKSHOPS: GarmentWorkshop}

