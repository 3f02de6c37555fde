"""Monthly reports: a unit's reporter submits or corrects one; the office reopens a locked one."""

from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gaoyou_portal.mixins import StaffRequiredMixin
from gaoyou_portal.scoping import is_editable
from gaoyou_portal.views import ServiceActionView, ServiceFormView

from .. import selectors, services
from ..forms import ReopenForm, ReportEditForm, ReportForm
from ..lights import light_label, light_reasons
from ..models import MonthlyReport, Project, ProjectSettings
from ..permissions import OFFICE_ROLES
from .base import ProjectFormView, next_url


class _ReportSavedMixin:
    """After a report is saved: its month and the project's light now, then back where the user came from."""

    template_name = "projects/report_form.html"

    def get_success_message(self):
        config = ProjectSettings.load()
        project = Project.objects.get(pk=self.saved.project_id)  # its light refreshed by the service
        return _("Report for %(month)s saved. The project's light is now %(light)s: %(reasons)s.") % {
            "month": self.saved.month.strftime("%Y-%m"), "light": light_label(project.light),
            "reasons": "；".join(light_reasons(project, config))}

    def get_success_url(self):
        return next_url(self.request, self.project.get_absolute_url())


class ReportCreateView(_ReportSavedMixin, ProjectFormView):
    """One month's report; the "this month" page posts here too, each project's form under its own prefix."""

    form_class = ReportForm

    def get(self, request, *args, **kwargs):
        # A reminder's link names the month: a report already sent shows itself, marked 已报送.
        report = self.request.GET.get("month") and MonthlyReport.objects.filter(
            project=self.project, month=self._month()).only("pk").first()
        if report:
            return redirect(reverse("projects:report_edit", args=[report.pk]))
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        if request.POST.get("on_plan"):
            return ReportOnPlanView.as_view()(request, *args, **kwargs)
        return super().post(request, *args, **kwargs)

    def _month(self):
        try:
            return services.parse_month(self.request.GET.get("month") or self.request.POST.get("month") or
                                        ProjectSettings.load().calendar.latest_open_month(timezone.localdate()))
        except ValidationError:
            raise Http404

    def get_initial(self):
        month = self._month()
        initial = {"month": month}
        plan = services.report_plan(project=self.project, month=month)
        if plan:  # prefilled from the month's plan: a unit on plan only confirms
            initial.update(investment=plan.planned_investment, workload=plan.planned_workload)
        return initial

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        hint = selectors.narrative_hint(self.project, self._month()) if self.request.method == "GET" else ""
        if hint:
            form.fields["narrative"].widget.attrs["placeholder"] = hint
        return form

    def get_prefix(self):
        return (self.request.POST.get("prefix") or None) if self.request.method == "POST" else None

    def call_service(self, form):
        data = form.cleaned_data
        return services.report_submit(project=self.project, month=data["month"], data=data, user=self.request.user,
                                      attachments=data["attachments"])


class ReportEditView(_ReportSavedMixin, StaffRequiredMixin, ServiceFormView):
    form_class = ReportEditForm

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.report = get_object_or_404(
                MonthlyReport.objects.visible_to(request.user).select_related("project"), pk=kwargs["pk"])
            self.project = self.report.project
            if not is_editable(self.project, request.user):
                raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get_initial(self):
        return {f: getattr(self.report, f) for f in ("investment", "workload", "narrative")}

    def get_context_data(self, **kwargs):
        return super().get_context_data(project=self.project, report=self.report,
                                        locked=services.report_is_locked(self.report), next="", **kwargs)

    def call_service(self, form):
        return services.report_update(report=self.report, data=form.cleaned_data, user=self.request.user,
                                      attachments=form.cleaned_data["attachments"])


class ReportOnPlanView(_ReportSavedMixin, StaffRequiredMixin, ServiceActionView):
    """"按计划报送" (posted to the report page): one click stores the month's plan as its report."""

    model = Project
    scope_action = "view"  # a user who may see but not edit the project is refused by the service

    def get_object(self):
        self.project = super().get_object()
        return self.project

    def call_service(self, form):
        return services.report_submit_on_plan(project=self.project, month=self.request.POST.get("month"),
                                              user=self.request.user)

    def get_redirect_url(self):
        return next_url(self.request, self.project.get_absolute_url())


class ReportReopenView(StaffRequiredMixin, ServiceActionView):
    required_roles = OFFICE_ROLES
    model = MonthlyReport
    scope_action = None
    form_class = ReopenForm
    invalid_message = gettext_lazy("Reopen until today or a later date.")
    success_message = gettext_lazy("The report is reopened.")

    def get_queryset(self):
        return super().get_queryset().select_related("project__responsible_unit")

    def call_service(self, form):
        services.report_reopen(report=self.object, until=form.cleaned_data["until"], user=self.request.user)

    def get_redirect_url(self):
        return self.object.project.get_absolute_url()
