"""A cadre (干部) and the base of every record about one."""
from django.conf import settings
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
    FrontLine,
    Rank,
    Sex,
)
from .scope import CADRE_SCOPE, MAX_AGE, MIN_AGE, CadreQuerySet, NeverDeletedModel, RecordQuerySet, _check_dates


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
