"""The ledger's own pages: a project's particulars, its monthly plans and milestones, the light settings."""

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gaoyou_portal.mixins import StaffRequiredMixin
from gaoyou_portal.scoping import is_editable
from gaoyou_portal.views import ServiceFormView

from .. import services
from ..choices import MilestoneKind
from ..forms import MilestoneForm, PlansForm, ProjectForm, PublicationForm, SettingsForm
from ..models import Milestone, MonthlyPlan, Project, ProjectSettings
from ..permissions import OFFICE_ROLES
from .base import ProjectFormView


class ProjectEditView(StaffRequiredMixin, ServiceFormView):
    """Create or change a project of the ledger (assessment office)."""

    template_name = "projects/project_form.html"
    form_class = ProjectForm
    required_roles = OFFICE_ROLES
    success_message = gettext_lazy("Project saved.")

    def get_project(self):
        return get_object_or_404(Project, pk=self.kwargs["pk"]) if "pk" in self.kwargs else None

    def get(self, request, *args, **kwargs):
        self.project = self.get_project()  # after the role check: a 404 for anyone but the office
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        self.project = self.get_project()
        return super().post(request, *args, **kwargs)

    def get_form_kwargs(self):
        leaders, milestones = [], {}
        if self.project:
            leaders = list(services.project_leaders(self.project))
            milestones = {m.kind: m.planned_date for m in self.project.milestones.all()}
        return {**super().get_form_kwargs(), "instance": self.project, "leaders": leaders, "milestones": milestones}

    def get_context_data(self, **kwargs):
        heading = _("Edit project") if self.project else _("New project")
        return super().get_context_data(project=self.project, heading=heading, **kwargs)

    def call_service(self, form):
        data = form.cleaned_data
        return services.project_save(
            user=self.request.user, project=self.project, data={k: data[k] for k in services.PROJECT_FIELDS},
            service_units=data["service_units"], leaders=data["leaders"],
            milestones={k: {"planned_date": data[f"{k}_planned_date"]} for k in MilestoneKind.values},
        )

    def get_success_url(self):
        return self.saved.get_absolute_url()


class PlansEditView(ProjectFormView):
    template_name = "projects/plans_form.html"
    form_class = PlansForm
    heading = gettext_lazy("Monthly plans")
    success_message = gettext_lazy("Monthly plans saved.")

    def get_form_kwargs(self):
        year = timezone.localdate().year
        plans = {p.month: p for p in MonthlyPlan.objects.filter(project=self.project, month__year=year)}
        return {**super().get_form_kwargs(), "year": year, "plans": plans}

    def call_service(self, form):
        return services.plans_save(project=self.project, year=form.year, rows=form.rows(), user=self.request.user)


class MilestoneRecordView(StaffRequiredMixin, ServiceFormView):
    template_name = "projects/milestone_form.html"
    form_class = MilestoneForm
    success_message = gettext_lazy("Milestone recorded.")

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.milestone = get_object_or_404(
                Milestone.objects.visible_to(request.user).select_related("project"), pk=kwargs["pk"])
            if not is_editable(self.milestone.project, request.user):
                raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get_initial(self):
        return {"actual_date": self.milestone.actual_date, "evidence": self.milestone.evidence}

    def get_context_data(self, **kwargs):
        return super().get_context_data(milestone=self.milestone, project=self.milestone.project,
                                        heading=_("Record a milestone"), **kwargs)

    def call_service(self, form):
        return services.milestone_record(milestone=self.milestone, user=self.request.user, **form.cleaned_data)

    def get_success_url(self):
        return self.milestone.project.get_absolute_url()


class SettingsView(StaffRequiredMixin, ServiceFormView):
    template_name = "projects/settings_form.html"
    form_class = SettingsForm
    required_roles = OFFICE_ROLES
    success_message = gettext_lazy("Settings saved.")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": ProjectSettings.load()}

    def get_context_data(self, **kwargs):
        return super().get_context_data(heading=_("Warning-light settings"), **kwargs)

    def call_service(self, form):
        return services.settings_update(data=form.cleaned_data, user=self.request.user)

    def get_success_url(self):
        return reverse("projects:settings")


class PublicationView(StaffRequiredMixin, ServiceFormView):
    """The office publishes a project on the public site and picks what of it the public sees."""

    template_name = "projects/_simple_form.html"
    form_class = PublicationForm
    required_roles = OFFICE_ROLES
    success_message = gettext_lazy("Publication saved.")

    def dispatch(self, request, *args, **kwargs):
        self.project = get_object_or_404(Project, pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_initial(self):
        return {"public": self.project.is_public, "fields": self.project.public_fields}

    def get_context_data(self, **kwargs):
        return super().get_context_data(heading=_("Public site"), project=self.project, **kwargs)

    def call_service(self, form):
        return services.project_publication_set(project=self.project, public=form.cleaned_data["public"],
                                                fields=form.cleaned_data["fields"], user=self.request.user)

    def get_success_url(self):
        return self.project.get_absolute_url()
