"""The office's pages: thresholds, editing a target, copying the plan to next year, quotas, Excel imports."""

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gaoyou_portal.imports.views import ImportUploadView
from gaoyou_portal.mixins import StaffRequiredMixin
from gaoyou_portal.views import ServiceActionView, ServiceFormView
from org.models import Unit

from .. import services
from ..choices import TargetKind
from ..forms import QuotasForm, SettingsForm, TargetForm
from ..imports import TargetPlanImport, TargetValuesImport
from ..models import Target, TargetSettings, sees_confidential
from ..permissions import ENTRY_ROLES, OFFICE_ROLES, is_office, may_change_target
from .board import _plan


class OfficeMixin(StaffRequiredMixin):
    required_roles = OFFICE_ROLES


class SettingsView(OfficeMixin, ServiceFormView):
    template_name = "targets/form.html"
    form_class = SettingsForm
    success_message = gettext_lazy("Thresholds saved.")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": TargetSettings.load()}

    def get_context_data(self, **kwargs):
        return super().get_context_data(title=_("Target thresholds"), **kwargs)

    def call_service(self, form):
        return services.settings_update(config=TargetSettings.load(), data=form.cleaned_data, user=self.request.user)

    def get_success_url(self):
        return reverse("targets:board")


class TargetEditView(StaffRequiredMixin, ServiceFormView):
    """The office edits a target of the plan in the browser (confidential ones: the organisation department)."""

    template_name = "targets/form.html"
    form_class = TargetForm
    success_message = gettext_lazy("Target saved.")

    def _target(self, request, pk):
        if pk is None:
            if not (is_office(request.user) or sees_confidential(request.user)):
                raise Http404
            return Target(plan=_plan(request))
        return get_object_or_404(Target.objects.editable_by(request.user).select_related("plan"), pk=pk)

    def get(self, request, *args, **kwargs):
        self.target = self._target(request, kwargs.get("pk"))
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        self.target = self._target(request, kwargs.get("pk"))
        return super().post(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.target, "plan": self.target.plan,
                "user": self.request.user}

    def get_context_data(self, **kwargs):
        title = str(self.target) if self.kwargs.get("pk") else _("New target")
        return super().get_context_data(title=title, **kwargs)

    def call_service(self, form):
        return services.target_save(target=form.save(commit=False), user=self.request.user,
                                    responsible_units=form.cleaned_data["responsible_units"])

    def get_success_url(self):
        return self.saved.get_absolute_url()


class PlanCopyView(OfficeMixin, ServiceActionView):
    """Next year's plan from this one (sections, targets, quotas, stages; no values)."""

    def call_service(self, form):
        self.source = _plan(self.request)
        return services.plan_copy(source=self.source, year=self.source.year + 1, user=self.request.user)

    def get_success_message(self):
        return _("The %(year)s plan was created from %(source)s's.") % {"year": self.saved.year,
                                                                       "source": self.source.year}

    def get_success_url(self):
        return reverse("targets:board") + f"?year={self.saved.year}"

    def get_failure_url(self):
        return reverse("targets:board")


class QuotasView(StaffRequiredMixin, ServiceFormView):
    """The office splits a reported target across the towns and parks (one figure per unit; blank: no quota)."""

    template_name = "targets/quotas.html"
    form_class = QuotasForm
    success_message = gettext_lazy("Quotas saved.")

    @cached_property
    def target(self):
        target = get_object_or_404(Target.objects.visible_to(self.request.user).select_related("plan"),
                                   pk=self.kwargs["pk"], kind=TargetKind.REPORTED)
        if not may_change_target(self.request.user, target):
            raise Http404
        return target

    def get_form_kwargs(self):
        self.target  # noqa: B018 -- a 404 before anything else
        return {**super().get_form_kwargs(), "units": list(Unit.objects.towns_and_parks().order_by("order", "pk"))}

    def get_context_data(self, **kwargs):
        form = kwargs.get("form") or self.get_form()
        if form.is_bound:
            rows = [(u, form.data.get(f"unit-{u.pk}", "")) for u in form.units]
        else:
            quotas = {q.unit_id: q.figure for q in self.target.quotas.all()}
            rows = [(u, self.target.written(quotas[u.pk]) if u.pk in quotas else "") for u in form.units]
        errors = [e for field_errors in form.errors.values() for e in field_errors] if form.is_bound else []
        return super().get_context_data(target=self.target, rows=rows, errors=errors, **kwargs)

    def form_invalid(self, form):
        response = super().form_invalid(form)
        response.status_code = 400
        return response

    def call_service(self, form):
        return services.quotas_set(target=self.target, quotas=form.quotas(), user=self.request.user)

    def get_success_url(self):
        return self.target.get_absolute_url()


class ValueImportView(ImportUploadView):
    """A unit's month of values as one Excel sheet (reporters for their units' quotas, the office for any)."""

    spec = TargetValuesImport
    required_roles = ENTRY_ROLES

    def get_params(self, form):
        return {"year": _plan(self.request).year}


class PlanImportView(ImportUploadView):
    """The office sets up or updates the year's plan from one sheet (``?year=``; default this year's)."""

    spec = TargetPlanImport
    required_roles = OFFICE_ROLES

    def get_params(self, form):
        year = self.request.GET.get("year")
        return {"year": int(year) if year and year.isdigit() else timezone.localdate().year}


class PlanCloseView(OfficeMixin, ServiceActionView):
    """Close a finished year: its final values and statuses are frozen (history and reports read them)."""

    def call_service(self, form):
        return services.plan_close(plan=self.plan, user=self.request.user)

    def get_success_message(self):
        return _("The %(year)s plan is closed: its final values are frozen.") % {"year": self.plan.year}

    def get_redirect_url(self):
        return reverse("targets:board") + f"?year={self.plan.year}"

    @cached_property
    def plan(self):
        return _plan(self.request)
