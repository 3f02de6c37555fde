"""Major projects (重大项目): the project, its four milestones, monthly plans and reports, blockers.

Money is in 万元 (ten thousand yuan), Decimal; a month is stored as its first day.
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from gaoyou_portal.media import PrivateUploadTo
from gaoyou_portal.roles import Role
from gaoyou_portal.scoping import Scope, ScopedQuerySet
from leaders.models import LeaderLink
from org.models import Unit

from .choices import (
    DEFAULT_PUBLIC_FIELDS,
    BlockerStatus,
    MilestoneKind,
    ProjectCategory,
    ProjectLevel,
    ProjectStatus,
)

MONEY = {"max_digits": 14, "decimal_places": 2}


def default_public_fields():
    return list(DEFAULT_PUBLIC_FIELDS)


class ProjectQuerySet(ScopedQuerySet):
    def for_unit(self, unit):
        return self.filter(Q(responsible_unit=unit) | Q(service_units=unit)).distinct()

    def public(self):
        """The projects the office has published."""
        return self.filter(is_public=True)

    def lagging(self):
        """Projects with a red or yellow stored light."""
        return self.filter(light_rank__lt=2)


class Project(models.Model):
    """A major project tracked from signing to production, answerable to one town or park."""

    name = models.CharField(_("name"), max_length=200)
    code = models.CharField(_("project code"), max_length=40, unique=True)
    level = models.CharField(_("level"), max_length=12, choices=ProjectLevel.choices, default=ProjectLevel.CITY)
    category = models.CharField(_("category"), max_length=20, choices=ProjectCategory.choices)
    industry = models.CharField(_("industry"), max_length=50, blank=True)
    responsible_unit = models.ForeignKey(
        Unit, verbose_name=_("responsible unit"), on_delete=models.PROTECT, related_name="projects"
    )
    service_units = models.ManyToManyField(
        Unit, verbose_name=_("service departments"), blank=True, related_name="served_projects"
    )
    responsible_person = models.CharField(_("responsible person"), max_length=50)
    responsible_phone = models.CharField(_("phone"), max_length=30, blank=True)
    total_investment = models.DecimalField(
        _("total investment (10k yuan)"), **MONEY, validators=[MinValueValidator(0)]
    )
    year_planned_investment = models.DecimalField(
        _("planned investment this year (10k yuan)"), **MONEY, default=0, validators=[MinValueValidator(0)]
    )
    signing_date = models.DateField(_("signing date"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=ProjectStatus.choices, default=ProjectStatus.SIGNED)
    description = models.TextField(_("description"), blank=True)
    leader_links = GenericRelation(LeaderLink, related_query_name="project")
    is_public = models.BooleanField(
        _("shown to the public"), default=False,
        help_text=_("The office publishes the project on the public site and in the open data."))
    public_fields = models.JSONField(
        _("public fields"), default=default_public_fields, blank=True,
        help_text=_("What of the project the public sees besides its name."))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    # The stored warning light (``projects.lights``): derived, kept true by ``refresh_lights``, not audited.
    light_rank = models.PositiveSmallIntegerField(_("warning light"), default=2, editable=False)
    behind_points = models.FloatField(_("points behind plan"), default=0, editable=False)
    plan_to_date = models.DecimalField(_("plan to date (10k yuan)"), max_digits=16, decimal_places=2, default=0,
                                       editable=False)
    actual_to_date = models.DecimalField(_("actual this year (10k yuan)"), max_digits=16, decimal_places=2,
                                         default=0, editable=False)
    light_facts = models.JSONField(_("reasons for the light"), default=dict, blank=True, editable=False)
    light_date = models.DateField(_("light computed for"), null=True, blank=True, editable=False)

    history = HistoricalRecords(m2m_fields=[service_units], excluded_fields=[
        "light_rank", "behind_points", "plan_to_date", "actual_to_date", "light_facts", "light_date"])
    objects = ProjectQuerySet.as_manager()
    # Everyone on the staff reads every project; the responsible unit's reporters enter its data.
    scope = Scope(unit_field="responsible_unit", write_roles={Role.OFFICE})

    class Meta:
        ordering = ["code"]
        verbose_name = _("project")
        verbose_name_plural = _("projects")
        indexes = [
            # The lists' default order and the light filter; the sort by points behind.
            models.Index(fields=["light_rank", "code"], name="project_light_idx"),
            models.Index(fields=["light_rank", "-behind_points"], name="project_light_behind_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                name="project_investment_not_negative",
                condition=Q(total_investment__gte=0) & Q(year_planned_investment__gte=0),
                violation_error_message=_("Investment cannot be negative."),
            )
        ]

    def __str__(self):
        return f"{self.code} {self.name}"

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("projects:project_detail", args=[self.pk])

    @property
    def light(self):
        """"red", "yellow" or "green": the stored light."""
        rank = getattr(self, "light_rank", None)
        return None if rank is None else ("red", "yellow", "green")[rank]


class Milestone(models.Model):
    """One of a project's four milestones, with its planned and actual date and the evidence."""

    project = models.ForeignKey(Project, verbose_name=_("project"), on_delete=models.CASCADE, related_name="milestones")
    kind = models.CharField(_("milestone"), max_length=16, choices=MilestoneKind.choices)
    planned_date = models.DateField(_("planned date"), null=True, blank=True)
    actual_date = models.DateField(_("actual date"), null=True, blank=True)
    evidence = models.TextField(_("evidence"), blank=True)
    evidence_file = models.FileField(_("evidence file"), upload_to=PrivateUploadTo("milestones"), blank=True)

    history = HistoricalRecords()
    objects = ScopedQuerySet.as_manager()
    scope = Scope(unit_field="project__responsible_unit", write_roles={Role.OFFICE})

    class Meta:
        ordering = ["project", "planned_date"]
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        # The milestones reached in a period (the sprint race's counts) are read from this index alone.
        indexes = [models.Index(fields=["actual_date", "project", "kind"], name="milestone_reached_idx")]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "kind"],
                name="milestone_unique_kind_per_project",
                violation_error_message=_("This project already has this milestone."),
            )
        ]

    def __str__(self):
        return f"{self.project.code} {self.get_kind_display()}"


class MonthlyPlan(models.Model):
    """The investment and workload planned for one project in one month (逐月明确工作量、投资进度)."""

    project = models.ForeignKey(Project, verbose_name=_("project"), on_delete=models.CASCADE, related_name="plans")
    month = models.DateField(_("month"), help_text=_("The first day of the month."))
    planned_investment = models.DecimalField(
        _("planned investment (10k yuan)"), **MONEY, validators=[MinValueValidator(0)]
    )
    planned_workload = models.TextField(_("planned workload"), blank=True)

    history = HistoricalRecords()
    objects = ScopedQuerySet.as_manager()
    scope = Scope(unit_field="project__responsible_unit", write_roles={Role.OFFICE})

    class Meta:
        ordering = ["project", "month"]
        verbose_name = _("monthly plan")
        verbose_name_plural = _("monthly plans")
        constraints = [
            models.UniqueConstraint(
                fields=["project", "month"],
                name="monthlyplan_unique_month",
                violation_error_message=_("This project already has a plan for this month."),
            ),
            models.CheckConstraint(
                name="monthlyplan_month_is_first_day",
                condition=Q(month__day=1),
                violation_error_message=_("A month is given by its first day."),
            ),
        ]

    def __str__(self):
        return f"{self.project.code} {self.month:%Y-%m}"


class MonthlyReport(models.Model):
    """What a project actually did in one month: investment completed, workload, narrative."""

    project = models.ForeignKey(Project, verbose_name=_("project"), on_delete=models.CASCADE, related_name="reports")
    month = models.DateField(_("month"), help_text=_("The first day of the month."))
    investment = models.DecimalField(
        _("investment completed (10k yuan)"), **MONEY, validators=[MinValueValidator(0)]
    )
    workload = models.TextField(_("workload done"), blank=True)
    narrative = models.TextField(_("narrative"), blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("submitted by"), null=True, on_delete=models.SET_NULL,
        related_name="+",
    )
    submitted_at = models.DateTimeField(_("submitted at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    reopened_until = models.DateField(
        _("reopened until"), null=True, blank=True, help_text=_("Set by the assessment office to allow late edits.")
    )

    history = HistoricalRecords()
    objects = ScopedQuerySet.as_manager()
    scope = Scope(unit_field="project__responsible_unit", write_roles={Role.OFFICE})

    class Meta:
        ordering = ["project", "-month"]
        verbose_name = _("monthly report")
        verbose_name_plural = _("monthly reports")
        constraints = [
            models.UniqueConstraint(
                fields=["project", "month"],
                name="monthlyreport_unique_month",
                violation_error_message=_("This project already has a report for this month."),
            ),
            models.CheckConstraint(
                name="monthlyreport_month_is_first_day",
                condition=Q(month__day=1),
                violation_error_message=_("A month is given by its first day."),
            ),
            models.CheckConstraint(
                name="monthlyreport_investment_not_negative",
                condition=Q(investment__gte=0),
                violation_error_message=_("Investment cannot be negative."),
            ),
        ]
        indexes = [models.Index(fields=["month"])]

    def __str__(self):
        return f"{self.project.code} {self.month:%Y-%m}"


class ReportAttachment(models.Model):
    """A site photo or document attached to a monthly report."""

    report = models.ForeignKey(
        MonthlyReport, verbose_name=_("report"), on_delete=models.CASCADE, related_name="attachments"
    )
    file = models.FileField(_("file"), upload_to=PrivateUploadTo("reports"))
    caption = models.CharField(_("caption"), max_length=200, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("uploaded by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self):
        return self.caption or self.file.name


class Blocker(models.Model):
    """A problem holding a project back, raised for a city leader to coordinate (高位协调)."""

    project = models.ForeignKey(Project, verbose_name=_("project"), on_delete=models.CASCADE, related_name="blockers")
    title = models.CharField(_("problem"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("raised by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    # A default rather than auto_now_add so the demo can show problems raised weeks ago (days open).
    raised_at = models.DateTimeField(_("raised at"), default=timezone.now, editable=False)
    assigned_leader = models.ForeignKey(
        "leaders.Leader", verbose_name=_("assigned leader"), on_delete=models.PROTECT, related_name="blockers"
    )
    deadline = models.DateField(_("deadline"))
    status = models.CharField(_("status"), max_length=10, choices=BlockerStatus.choices, default=BlockerStatus.OPEN)
    resolution = models.TextField(_("resolution"), blank=True)
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("resolved by"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )

    history = HistoricalRecords()
    objects = ScopedQuerySet.as_manager()
    scope = Scope(unit_field="project__responsible_unit", write_roles={Role.OFFICE})

    class Meta:
        ordering = ["status", "deadline"]
        verbose_name = _("blocker")
        verbose_name_plural = _("blockers")
        constraints = [
            models.CheckConstraint(
                name="blocker_resolved_has_resolution",
                condition=~Q(status=BlockerStatus.RESOLVED) | ~Q(resolution=""),
                violation_error_message=_("A resolved blocker says how it was resolved."),
            )
        ]

    def __str__(self):
        return self.title


class ProjectSettings(models.Model):
    """The warning-light thresholds and the report deadline, set by the assessment office (one row)."""

    yellow_points = models.DecimalField(
        _("yellow light: points behind plan"), max_digits=5, decimal_places=1, default=10,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
        help_text=_("A project this many percentage points (or more) behind its plan to date gets a yellow light."),
    )
    red_points = models.DecimalField(
        _("red light: points behind plan"), max_digits=5, decimal_places=1, default=30,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
        help_text=_("A project more than this many percentage points behind its plan to date gets a red light."),
    )
    report_deadline_day = models.PositiveSmallIntegerField(
        _("report deadline day"), default=5, validators=[MinValueValidator(1), MaxValueValidator(28)],
        help_text=_("A month's report is due by this day of the next month and locked after it."),
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("project settings")
        verbose_name_plural = _("project settings")
        constraints = [
            models.CheckConstraint(
                name="projectsettings_yellow_below_red",
                condition=Q(yellow_points__lte=models.F("red_points")),
                violation_error_message=_("The yellow threshold cannot be above the red threshold."),
            )
        ]

    def __str__(self):
        return str(_("Project settings"))

    @property
    def calendar(self):
        """The reporting calendar (``gaoyou_portal.reporting``) for this deadline day."""
        from gaoyou_portal.reporting import ReportingCalendar

        return ReportingCalendar(deadline_day=self.report_deadline_day)

    @classmethod
    def load(cls):
        """The one settings row (created with the defaults on first use)."""
        obj, _created = cls.objects.get_or_create(pk=1)
        return obj
