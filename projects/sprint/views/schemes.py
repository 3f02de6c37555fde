"""The scheme pages: the list of years' schemes, a scheme with its targets matrix, and the office's
edits (rules, indicators as a whole, one value per unit for targets, office values and assessments)."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import ListView

from gaoyou_portal.audit import history_rows
from gaoyou_portal.errors import DomainError
from gaoyou_portal.forms import show_domain_error
from gaoyou_portal.mixins import ScopedQuerysetMixin, StaffRequiredMixin

from .. import selectors, services
from ..choices import Group
from ..forms import IndicatorFormSet, SchemeForm, UnitValuesForm
from ..models import Indicator, SprintScheme, YearEndAssessment
from ..permissions import OFFICE_ROLES, is_office


class SchemeListView(ScopedQuerysetMixin, ListView):
    model = SprintScheme
    template_name = "sprint/scheme_list.html"
    paginate_by = 20

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if is_office(self.request.user):
            context["form"] = SchemeForm(initial={"year": timezone.localdate().year + 1})
        return context

    def post(self, request):
        if not is_office(request.user):
            raise Http404
        form = SchemeForm(request.POST)
        if form.is_valid():
            try:
                scheme = services.scheme_save(user=request.user, year=form.cleaned_data["year"],
                                              data=form.cleaned_data)
                messages.success(request, _("The %(year)s scheme is set up.") % {"year": scheme.year})
                return redirect("sprint:scheme_detail", year=scheme.year)
            except DomainError as error:
                show_domain_error(error, form=form)
        self.object_list = self.get_queryset()
        return render(request, self.template_name, {**self.get_context_data(), "form": form})


class SchemeMixin(StaffRequiredMixin):
    """Every staff role reads a scheme; the edit views narrow ``required_roles`` to the office."""

    def get_scheme(self):
        return get_object_or_404(SprintScheme.objects.visible_to(self.request.user), year=self.kwargs["year"])


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


class SchemeEditView(SchemeMixin, View):
    required_roles = OFFICE_ROLES

    def get(self, request, year):
        scheme = self.get_scheme()
        return render(request, "sprint/scheme_form.html", {"scheme": scheme, "form": SchemeForm(instance=scheme)})

    def post(self, request, year):
        scheme = self.get_scheme()
        form = SchemeForm(request.POST, instance=scheme)
        if form.is_valid():
            try:
                services.scheme_save(user=request.user, scheme=scheme, data=form.cleaned_data)
                messages.success(request, _("The scheme is saved."))
                return redirect("sprint:scheme_detail", year=year)
            except DomainError as error:
                scheme.refresh_from_db()
                show_domain_error(error, form=form)
        return render(request, "sprint/scheme_form.html", {"scheme": scheme, "form": form})


class IndicatorsEditView(SchemeMixin, View):
    """All the scheme's indicators edited together, so the weights are checked as a whole."""

    required_roles = OFFICE_ROLES

    def get(self, request, year):
        scheme = self.get_scheme()
        initial = [{f: getattr(i, f) for f in ["id", *services.INDICATOR_FIELDS]} for i in scheme.indicators.all()]
        return self.show(request, scheme, IndicatorFormSet(initial=initial))

    def show(self, request, scheme, formset, errors=()):
        return render(request, "sprint/indicators_form.html", {"scheme": scheme, "formset": formset,
                                                               "errors": errors})

    def post(self, request, year):
        scheme = self.get_scheme()
        formset = IndicatorFormSet(request.POST)
        if not formset.is_valid():
            return self.show(request, scheme, formset)
        rows = [form.cleaned_data for form in formset if form.cleaned_data and form.has_changed() or
                (form.cleaned_data and form.cleaned_data.get("id"))]
        try:
            services.indicators_save(scheme=scheme, rows=rows, user=request.user)
        except DomainError as error:
            return self.show(request, scheme, formset, errors=error.messages)
        messages.success(request, _("The indicators are saved."))
        return redirect("sprint:scheme_detail", year=year)


class UnitValuesView(SchemeMixin, View):
    """A grid of one value per unit: annual targets of an indicator, the office's values for a
    quarter, or the year-end assessments."""

    required_roles = OFFICE_ROLES
    kind = "targets"

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

    def get(self, request, **kwargs):
        scheme, units, current = self.setup_grid()
        form = UnitValuesForm(units=units, initial_values=current)
        return render(request, "sprint/unit_values_form.html", {"scheme": scheme, "form": form, "title": self.title,
                                                                "indicator": self.indicator})

    def post(self, request, **kwargs):
        scheme, units, current = self.setup_grid()
        form = UnitValuesForm(request.POST, units=units, initial_values=current)
        if form.is_valid():
            try:
                if self.kind == "targets":
                    services.targets_save(indicator=self.indicator, values=form.values(), user=request.user)
                elif self.kind == "values":
                    services.manual_values_save(indicator=self.indicator, quarter=self.kwargs["quarter"],
                                                values=form.values(), user=request.user)
                else:
                    services.assessments_save(year=scheme.year, values=form.values(), user=request.user)
                messages.success(request, _("Saved."))
                return redirect("sprint:scheme_detail", year=scheme.year)
            except DomainError as error:
                show_domain_error(error, form=form)
        return render(request, "sprint/unit_values_form.html", {"scheme": scheme, "form": form, "title": self.title,
                                                                "indicator": self.indicator})
