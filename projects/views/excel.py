"""Excel in and out: the ledger export and import, a unit's monthly reports as one sheet."""

from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.views import View

from gaoyou_portal.imports.views import ImportUploadView
from gaoyou_portal.mixins import StaffRequiredMixin
from gaoyou_portal.reporting import add_months
from gaoyou_portal.roles import unit_ids_of
from org.models import Unit

from .. import excel
from ..filtersets import ProjectFilterSet
from ..imports import LedgerImport, UnitReportsImport
from ..lights import REPORTING_STATUSES
from ..models import Project, ProjectSettings
from ..permissions import OFFICE_ROLES, is_office


class LedgerExportView(StaffRequiredMixin, View):
    def get(self, request):
        base = Project.objects.visible_to(request.user)
        filterset = ProjectFilterSet(request.GET, queryset=base)
        qs = filterset.qs if filterset.is_valid() else base
        return excel.ledger_response(qs, filename=f"项目台账-{timezone.localdate():%Y%m%d}.xlsx")


class LedgerImportView(ImportUploadView):
    spec = LedgerImport
    required_roles = OFFICE_ROLES
    template_name = "projects/import.html"


class ReportUploadView(ImportUploadView):
    """A unit's monthly reports for many projects in one sheet (reporters: their units only)."""

    spec = UnitReportsImport
    template_name = "projects/import.html"

    def units(self):
        if is_office(self.request.user):
            return Unit.objects.towns_and_parks()
        units = Unit.objects.filter(pk__in=unit_ids_of(self.request.user))
        if not units.exists():
            raise Http404
        return units

    def get(self, request, *args, **kwargs):
        if request.GET.get("template"):
            units = self.units()
            projects = Project.objects.filter(responsible_unit__in=units, status__in=REPORTING_STATUSES)
            return excel.report_template_response(projects.order_by("code"), self.template_month())
        self.units()
        return super().get(request, *args, **kwargs)

    def get_params(self, form):
        return {"unit_ids": list(self.units().values_list("pk", flat=True))}

    def template_months(self):
        """The months a template can be asked for: the latest month open for reporting and the eleven before."""
        latest = ProjectSettings.load().calendar.latest_open_month(timezone.localdate())
        return [add_months(latest, -i) for i in range(12)]

    def template_month(self):
        """The month the template is filled in for: the one chosen (``?month=2026-11``) among
        ``template_months``, else the latest month open for reporting; never a month not yet open."""
        months = self.template_months()
        chosen = self.request.GET.get("month", "")
        return next((m for m in months if f"{m:%Y-%m}" == chosen), months[0])

    def get_context_data(self, **kwargs):
        months = self.template_months()
        return super().get_context_data(template_months=months, template_month=months[0], **kwargs)

    def get_success_url(self, job):
        return reverse("projects:this_month") if unit_ids_of(self.request.user) else reverse("projects:project_list")
