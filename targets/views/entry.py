"""Entry from a target's page: values and corrections, stages reached, incidents, the year-end explanation."""

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gaoyou_portal.mixins import StaffRequiredMixin
from gaoyou_portal.reporting import month_label
from gaoyou_portal.views import ServiceActionView, ServiceFormView

from .. import services
from ..forms import CorrectionForm, ExplanationForm, IncidentForm, StageReachForm, ValueForm
from ..models import Explanation, MonthlyValue, Stage, Target
from ..permissions import enters_for_unit
from .detail import TargetDetailView


def _target_for_write(request, pk):
    return get_object_or_404(Target.objects.visible_to(request.user).select_related("plan", "lead_unit"), pk=pk)


class TargetFormView(StaffRequiredMixin, ServiceFormView):
    """A form posted from a target's page: a refusal shows the target's page again with the form (``form_name``)."""

    http_method_names = ["post"]
    form_name = None

    def post(self, request, *args, **kwargs):
        self.target = _target_for_write(request, kwargs["pk"])
        return super().post(request, *args, **kwargs)

    def form_invalid(self, form):
        return TargetDetailView().get(self.request, self.kwargs["pk"], **{self.form_name: form})

    def get_success_url(self):
        return self.target.get_absolute_url()


class ValueCreateView(TargetFormView):
    form_class = ValueForm
    form_name = "value_form"

    def call_service(self, form):
        data = form.cleaned_data
        self.month = data["month"]
        return services.value_submit(target=self.target, unit=data["unit"], month=data["month"], value=data["value"],
                                     note=data["note"], evidence=data["evidence"], user=self.request.user)

    def get_success_message(self):
        return _("Value for %(month)s saved.") % {"month": month_label(self.month)}

    def get_success_url(self):
        return self.request.POST.get("next") if self.request.POST.get("next", "").startswith("/") \
            else self.target.get_absolute_url()


class ValueCorrectView(StaffRequiredMixin, ServiceFormView):
    template_name = "targets/correct.html"
    form_class = CorrectionForm
    success_message = gettext_lazy("Correction saved.")

    def _record(self, request, pk):
        record = get_object_or_404(MonthlyValue.objects.visible_to(request.user).select_related("target__plan", "unit"),
                                   pk=pk)
        if not enters_for_unit(request.user, record.target, record.unit):
            raise Http404
        return record

    def get(self, request, *args, **kwargs):
        self.record = self._record(request, kwargs["pk"])
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        self.record = self._record(request, kwargs["pk"])
        return super().post(request, *args, **kwargs)

    def get_initial(self):
        if self.request.method != "GET":
            return {}
        return {"value": self.record.value.normalize(), "note": self.record.note}

    def get_context_data(self, **kwargs):
        return super().get_context_data(record=self.record, **kwargs)

    def call_service(self, form):
        data = form.cleaned_data
        return services.value_correct(record=self.record, value=data["value"], note=data["note"],
                                      reason=data["reason"], evidence=data["evidence"], user=self.request.user)

    def get_success_url(self):
        return self.record.target.get_absolute_url()


class StageReachView(StaffRequiredMixin, ServiceActionView):
    model = Stage
    scope_action = "view"  # the service checks who may record it
    form_class = StageReachForm

    def get_queryset(self):
        return super().get_queryset().select_related("target")

    def call_service(self, form):
        data = form.cleaned_data
        return services.stage_reach(stage=self.object, reached_on=data["reached_on"], evidence=data["evidence"],
                                    evidence_file=data["evidence_file"], user=self.request.user)

    def get_success_message(self):
        return _("Stage “%(stage)s” recorded as reached.") % {"stage": self.object.name}

    def get_redirect_url(self):
        return self.object.target.get_absolute_url()


class IncidentCreateView(TargetFormView):
    form_class = IncidentForm
    form_name = "incident_form"
    success_message = gettext_lazy("Incident reported.")

    def call_service(self, form):
        data = form.cleaned_data
        return services.incident_report(target=self.target, occurred_on=data["occurred_on"], unit=data["unit"],
                                        description=data["description"], user=self.request.user)


class ExplanationView(TargetFormView):
    form_class = ExplanationForm
    form_name = "explanation_form"
    success_message = gettext_lazy("Explanation saved; it awaits the assessment office's approval.")

    def call_service(self, form):
        return services.explanation_draft(target=self.target, text=form.cleaned_data["text"], user=self.request.user)


class ExplanationApproveView(StaffRequiredMixin, ServiceActionView):
    success_message = gettext_lazy("Explanation approved.")

    def get_object(self):
        self.target = _target_for_write(self.request, self.kwargs["pk"])
        return get_object_or_404(Explanation, target=self.target)

    def call_service(self, form):
        return services.explanation_approve(explanation=self.object, user=self.request.user)

    def get_redirect_url(self):
        return self.target.get_absolute_url()
