"""The year's composite standings with the office's evaluation, and the consequence cases: their
list, a case, and the office's decision on it."""

from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import DetailView, ListView

from gaoyou_portal.mixins import HistoryMixin, ScopedQuerysetMixin, StaffRequiredMixin
from gaoyou_portal.views import PostToViewMixin, ServiceActionView

from .. import bundle, selectors, services
from ..choices import CaseStatus, Group, RaceStatus
from ..filtersets import ConsequenceCaseFilterSet
from ..forms import ReasonForm
from ..models import ConsequenceCase, SprintRace
from ..permissions import CASE_READERS, OFFICE_ROLES, is_office, reads_cases


class YearView(StaffRequiredMixin, PostToViewMixin, View):
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


class YearEvaluateView(StaffRequiredMixin, ServiceActionView):
    """The office's evaluation of the year (posted to the year's page)."""

    required_roles = OFFICE_ROLES

    def call_service(self, form):
        return services.year_evaluate(year=self.kwargs["year"], user=self.request.user)

    def get_success_message(self):
        return _("%(units)d units evaluated; %(proposed)d cases proposed or updated.") % self.saved

    def get_redirect_url(self):
        return reverse("sprint:year", kwargs={"year": self.kwargs["year"]})


YearView.post_view = YearEvaluateView


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


class CaseDecideView(StaffRequiredMixin, ServiceActionView):
    required_roles = OFFICE_ROLES
    model = ConsequenceCase
    success_message = gettext_lazy("The case is decided.")

    def call_service(self, form):
        service = services.case_confirm if self.kwargs["decision"] == "confirm" else services.case_dismiss
        return service(case=self.object, user=self.request.user, reason=self.request.POST.get("reason", ""))

    def get_redirect_url(self):
        return reverse("sprint:case_detail", kwargs={"pk": self.object.pk})
