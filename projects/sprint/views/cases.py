"""The year's composite standings with the office's evaluation, and the consequence cases: their
list, a case, and the office's decision on it."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import DetailView, ListView

from gaoyou_portal.errors import DomainError
from gaoyou_portal.forms import show_domain_error
from gaoyou_portal.mixins import HistoryMixin, ScopedQuerysetMixin, StaffRequiredMixin

from .. import bundle, selectors, services
from ..choices import CaseStatus, Group, RaceStatus
from ..filtersets import ConsequenceCaseFilterSet
from ..forms import ReasonForm
from ..models import ConsequenceCase, SprintRace
from ..permissions import CASE_READERS, OFFICE_ROLES, is_office, reads_cases


class YearView(StaffRequiredMixin, View):
    """Composite standings of a year, the consequence cases, and the office's evaluation."""

    required_roles = tuple(CASE_READERS)

    def get(self, request, year):
        rows = list(selectors.composites(year=year, user=request.user))
        leaders = bundle.bundle_table(year=year)
        return render(request, "sprint/year.html", {
            "bundle": leaders, "weights": leaders[0].weights if leaders else bundle.weights_for(year),
            "year": year, "groups": [(label, [r for r in rows if r.group == g]) for g, label in Group.choices],
            "cases": selectors.cases(user=request.user).filter(year=year),
            "can_evaluate": is_office(request.user),
            "races": SprintRace.objects.filter(year=year, status=RaceStatus.PUBLISHED).count(),
        })

    def post(self, request, year):
        if not is_office(request.user):
            raise Http404
        try:
            result = services.year_evaluate(year=year, user=request.user)
            messages.success(request, _("%(units)d units evaluated; %(proposed)d cases proposed or updated.")
                             % result)
        except DomainError as error:
            show_domain_error(error, request=request)
        return redirect("sprint:year", year=year)

class CaseListView(ScopedQuerysetMixin, ListView):
    model = ConsequenceCase
    template_name = "sprint/case_list.html"
    paginate_by = 30

    def get_queryset(self):
        qs = super().get_queryset().select_related("unit", "decided_by")
        self.filterset = ConsequenceCaseFilterSet(self.request.GET, queryset=qs)
        return self.filterset.qs if self.filterset.is_valid() else qs.none()

    def get_context_data(self, **kwargs):
        return super().get_context_data(filter=self.filterset, **kwargs)


class CaseDetailView(ScopedQuerysetMixin, HistoryMixin, DetailView):
    model = ConsequenceCase
    template_name = "sprint/case_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["can_decide"] = (is_office(self.request.user)
                                 and self.object.status == CaseStatus.PROPOSED)
        context["reads_composites"] = reads_cases(self.request.user)  # the year page is theirs
        context["form"] = ReasonForm()
        return context


class CaseDecideView(StaffRequiredMixin, View):
    required_roles = OFFICE_ROLES

    def post(self, request, pk, decision):
        case = get_object_or_404(ConsequenceCase.objects.editable_by(request.user), pk=pk)
        service = services.case_confirm if decision == "confirm" else services.case_dismiss
        try:
            service(case=case, user=request.user, reason=request.POST.get("reason", ""))
            messages.success(request, _("The case is decided."))
        except DomainError as error:
            show_domain_error(error, request=request)
        return redirect("sprint:case_detail", pk=pk)
