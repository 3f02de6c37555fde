"""The scheme pages: the list of years' schemes, a scheme with its targets matrix, and the office's
edits (rules, indicators as a whole, one value per unit for targets, office values and assessments)."""

from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import ListView

from gaoyou_portal.audit import history_rows
from gaoyou_portal.mixins import ScopedQuerysetMixin, StaffRequiredMixin
from gaoyou_portal.views import PostToViewMixin, ServiceFormView

from .. import selectors, services
from ..choices import Group
from ..forms import IndicatorFormSet, SchemeForm, UnitValuesForm
from ..models import Indicator, SprintScheme, YearEndAssessment
from ..permissions import OFFICE_ROLES, is_office


class SchemeListView(ScopedQuerysetMixin, PostToViewMixin, ListView):
    model = SprintScheme
    template_name = "sprint/scheme_list.html"
    paginate_by = 20

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if is_office(self.request.user):
            context["form"] = SchemeForm(initial={"year": timezone.localdate().year + 1})
        return context

class SchemeMixin(StaffRequiredMixin):
    """Every staff role reads a scheme; the edit views narrow ``required_roles`` to the office."""

    def get_scheme(self):
        return get_object_or_404(SprintScheme.objects.visible_to(self.request.user), year=self.kwargs["year"])

    @cached_property
    def scheme(self):
        return self.get_scheme()


class SchemeCreateView(StaffRequiredMixin, ServiceFormView):
    """The office sets up a year's scheme from the list (posted to the list's address); a refusal shows the
    list again with the form in place."""

    required_roles = OFFICE_ROLES
    http_method_names = ["post"]
    form_class = SchemeForm

    def call_service(self, form):
        return services.scheme_save(user=self.request.user, year=form.cleaned_data["year"], data=form.cleaned_data)

    def get_success_message(self):
        return _("The %(year)s scheme is set up.") % {"year": self.saved.year}

    def get_success_url(self):
        return reverse("sprint:scheme_detail", kwargs={"year": self.saved.year})

    def form_invalid(self, form):
        page = SchemeListView()
        page.setup(self.request, *self.args, **self.kwargs)
        page.object_list = page.get_queryset()
        return render(self.request, page.template_name, {**page.get_context_data(), "form": form})


SchemeListView.post_view = SchemeCreateView


class SchemeDetailView(SchemeMixin, View):
    def get(self, request, year):
        scheme = self.get_scheme()
        indicators = list(scheme.indicators.all())
        targets = selectors.targets_by_unit(scheme)
        units = list(selectors.participating_units().order_by("order", "id"))
        matrix = [(u, [targets.get(u.id, {}).get(i.id) for i in indicators]) for u in units]
        sums = {label: sum((i.weight for i in indicators if i.applies_to(g)), 0) for g, label in Group.choices}
        return render(request, "sprint/scheme_detail.html", {
            "scheme": scheme, "indicators": indicators, "matrix": matrix, "sums": sums,
            "can_edit": is_office(request.user), "history": history_rows(scheme),
            "groups": [(label, scheme.flags(g)) for g, label in Group.choices],
        })


class SchemeEditView(SchemeMixin, ServiceFormView):
    required_roles = OFFICE_ROLES
    template_name = "sprint/scheme_form.html"
    form_class = SchemeForm
    success_message = gettext_lazy("The scheme is saved.")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.scheme}

    def get_context_data(self, **kwargs):
        return super().get_context_data(scheme=self.scheme, **kwargs)

    def call_service(self, form):
        return services.scheme_save(user=self.request.user, scheme=self.scheme, data=form.cleaned_data)

    def form_invalid(self, form):
        self.scheme.refresh_from_db()  # the form wrote its values onto the instance
        return super().form_invalid(form)

    def get_success_url(self):
        return reverse("sprint:scheme_detail", kwargs={"year": self.kwargs["year"]})


class IndicatorsEditView(SchemeMixin, ServiceFormView):
    """All the scheme's indicators edited together, so the weights are checked as a whole."""

    required_roles = OFFICE_ROLES
    template_name = "sprint/indicators_form.html"
    form_class = IndicatorFormSet
    success_message = gettext_lazy("The indicators are saved.")

    def get_initial(self):
        if self.request.method != "GET":
            return []
        return [{f: getattr(i, f) for f in ["id", *services.INDICATOR_FIELDS]} for i in self.scheme.indicators.all()]

    def get_context_data(self, **kwargs):
        formset = kwargs.pop("form", None) or self.get_form()
        return super().get_context_data(scheme=self.scheme, form=formset, formset=formset, **kwargs)

    def call_service(self, formset):
        rows = [form.cleaned_data for form in formset if form.cleaned_data and form.has_changed() or
                (form.cleaned_data and form.cleaned_data.get("id"))]
        return services.indicators_save(scheme=self.scheme, rows=rows, user=self.request.user)

    def get_success_url(self):
        return reverse("sprint:scheme_detail", kwargs={"year": self.kwargs["year"]})


class UnitValuesView(SchemeMixin, ServiceFormView):
    """A grid of one value per unit: annual targets of an indicator, the office's values for a
    quarter, or the year-end assessments."""

    required_roles = OFFICE_ROLES
    kind = "targets"
    template_name = "sprint/unit_values_form.html"
    form_class = UnitValuesForm
    success_message = gettext_lazy("Saved.")

    def setup_grid(self):
        scheme = self.get_scheme()
        units = list(selectors.participating_units().order_by("order", "id"))
        if self.kind == "assessments":
            self.indicator = None
            current = dict(YearEndAssessment.objects.filter(year=scheme.year).values_list("unit_id", "score"))
            self.title = _("Year-end assessments %(year)s") % {"year": scheme.year}
            return scheme, units, current
        self.indicator = get_object_or_404(Indicator, pk=self.kwargs["pk"], scheme=scheme)
        units = [u for u in units if self.indicator.applies_to(selectors.group_of(u.kind))]
        if self.kind == "targets":
            current = dict(self.indicator.targets.values_list("unit_id", "target"))
            self.title = _("Annual targets: %(name)s") % {"name": self.indicator.name}
        else:
            if not self.indicator.is_manual or self.kwargs["quarter"] not in (1, 2, 3, 4):
                raise Http404
            current = dict(self.indicator.manual_values.filter(quarter=self.kwargs["quarter"])
                           .values_list("unit_id", "value"))
            self.title = _("%(name)s: values to date at Q%(quarter)s") % {"name": self.indicator.name,
                                                                         "quarter": self.kwargs["quarter"]}
        return scheme, units, current

    @cached_property
    def grid(self):
        return self.setup_grid()

    def get_form_kwargs(self):
        scheme, units, current = self.grid
        return {**super().get_form_kwargs(), "units": units, "initial_values": current}

    def get_context_data(self, **kwargs):
        return super().get_context_data(scheme=self.grid[0], title=self.title, indicator=self.indicator, **kwargs)

    def call_service(self, form):
        scheme = self.grid[0]
        if self.kind == "targets":
            return services.targets_save(indicator=self.indicator, values=form.values(), user=self.request.user)
        if self.kind == "values":
            return services.manual_values_save(indicator=self.indicator, quarter=self.kwargs["quarter"],
                                               values=form.values(), user=self.request.user)
        return services.assessments_save(year=scheme.year, values=form.values(), user=self.request.user)

    def get_success_url(self):
        return reverse("sprint:scheme_detail", kwargs={"year": self.grid[0].year})
