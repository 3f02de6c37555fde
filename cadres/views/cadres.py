"""The register: the cadre list and a cadre, creating and correcting one, and its records (created,
read and corrected by type)."""

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import DetailView, ListView, TemplateView

from gaoyou_portal.audit import history_rows

from .. import selectors, services
from ..choices import AccessAction
from ..filtersets import CadreFilterSet
from ..forms import CadreCorrectForm, CadreForm, record_form
from ..models import Cadre, can_write_cadres
from ..records import RECORD_TYPES
from .base import CadreAccessMixin, ServiceFormView


class CadreListView(CadreAccessMixin, ListView):
    paginate_by = 30
    template_name = "cadres/cadre_list.html"

    def get_queryset(self):
        qs = Cadre.objects.visible_to(self.request.user).select_related("unit").with_rank_order()
        self.filterset = CadreFilterSet(self.request.GET, queryset=qs)
        if self.filterset.is_bound and not self.filterset.is_valid():
            return qs.none()
        result = self.filterset.qs
        return result if result.query.order_by else result.order_by("unit__order", "name", "id")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(filter=self.filterset, **kwargs)
        self.log(AccessAction.LIST, ids=[c.pk for c in context["object_list"]])
        context["export_query"] = self.request.GET.urlencode()
        return context


class CadreDetailView(CadreAccessMixin, DetailView):
    template_name = "cadres/cadre_detail.html"

    def get_queryset(self):
        return Cadre.objects.visible_to(self.request.user).select_related("unit")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        cadre = self.object
        self.log(AccessAction.VIEW, cadre=cadre, record=cadre)
        context.update(
            timeline=selectors.cadre_timeline(cadre),
            record_types=RECORD_TYPES.values(),
            sprint=selectors.unit_sprint_context(cadre.unit),
            history=history_rows(cadre),
        )
        return context


class CadreCreateView(ServiceFormView):
    form_class = CadreForm

    def get_context_data(self, **kwargs):
        return super().get_context_data(title=_("New cadre"), **kwargs)

    def call_service(self, form):
        return services.cadre_create(data=form.cleaned_data, user=self.request.user)

    def get_success_url(self):
        return reverse("cadres:cadre_detail", args=[self.saved.pk])


class CadreCorrectView(ServiceFormView):
    form_class = CadreCorrectForm

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and can_write_cadres(request.user):
            self.cadre = get_object_or_404(Cadre.objects.visible_to(request.user), pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.cadre}

    def get_context_data(self, **kwargs):
        return super().get_context_data(title=_("Correct %(name)s") % {"name": self.cadre.name}, cadre=self.cadre,
                                         **kwargs)

    def call_service(self, form):
        data = {k: v for k, v in form.cleaned_data.items() if k != "change_reason"}
        return services.cadre_correct(
            cadre=self.cadre, data=data, user=self.request.user, reason=form.cleaned_data["change_reason"]
        )

    def get_success_url(self):
        return reverse("cadres:cadre_detail", args=[self.cadre.pk])


# --- records ----------------------------------------------------------------------------------------------
def _record_type(kwargs):
    try:
        return RECORD_TYPES[kwargs["kind"]]
    except KeyError:
        raise Http404


class RecordCreateView(ServiceFormView):
    """Add a record of one type to a cadre: /cadres/<pk>/records/<kind>/add/."""

    def dispatch(self, request, *args, **kwargs):
        self.record_type = _record_type(kwargs)
        if request.user.is_authenticated and can_write_cadres(request.user):
            self.cadre = get_object_or_404(Cadre.objects.visible_to(request.user), pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_form_class(self):
        return record_form(self.record_type)

    def get_form_kwargs(self):
        instance = self.record_type.model(cadre=self.cadre)
        if hasattr(instance, "unit_id"):
            instance.unit = self.cadre.unit
        return {**super().get_form_kwargs(), "instance": instance}

    def get_context_data(self, **kwargs):
        title = _("%(type)s for %(name)s") % {"type": self.record_type.label, "name": self.cadre.name}
        return super().get_context_data(title=title, cadre=self.cadre, **kwargs)

    def call_service(self, form):
        return services.record_create(
            model=self.record_type.model, cadre=self.cadre, data=form.cleaned_data, user=self.request.user
        )

    def get_success_url(self):
        return reverse("cadres:cadre_detail", args=[self.cadre.pk]) + "#timeline"


class RecordMixin:
    def get_record(self):
        self.record_type = _record_type(self.kwargs)
        qs = self.record_type.model.objects.visible_to(self.request.user).select_related("cadre__unit", "recorded_by")
        return get_object_or_404(qs, pk=self.kwargs["pk"])


class RecordDetailView(RecordMixin, CadreAccessMixin, TemplateView):
    template_name = "cadres/record_detail.html"

    def get_context_data(self, **kwargs):
        record = self.get_record()
        self.log(AccessAction.VIEW, cadre=record.cadre, record=record)
        fields = [
            (record._meta.get_field(name).verbose_name, _display(record, name)) for name in self.record_type.fields
        ]
        return super().get_context_data(
            record=record, record_type=self.record_type, cadre=record.cadre, fields=fields,
            history=history_rows(record), **kwargs
        )


def _display(record, name):
    field = record._meta.get_field(name)
    value = getattr(record, name)
    if field.choices:
        return getattr(record, f"get_{name}_display")() or "—"
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    return value if value not in (None, "") else "—"


class RecordCorrectView(RecordMixin, ServiceFormView):
    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and can_write_cadres(request.user):
            self.record = self.get_record()
        return super().dispatch(request, *args, **kwargs)

    def get_form_class(self):
        return record_form(self.record_type, correction=True)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.record}

    def get_context_data(self, **kwargs):
        title = _("Correct: %(type)s of %(name)s") % {"type": self.record_type.label, "name": self.record.cadre.name}
        return super().get_context_data(title=title, cadre=self.record.cadre, **kwargs)

    def call_service(self, form):
        data = {k: v for k, v in form.cleaned_data.items() if k != "change_reason"}
        return services.record_correct(
            record=self.record, data=data, user=self.request.user, reason=form.cleaned_data["change_reason"]
        )

    def get_success_url(self):
        return reverse("cadres:record_detail", args=[self.record_type.key, self.record.pk])
