"""The department's queues: the interviews to hold and the reassignment proposals to decide."""

from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import ListView

from gaoyou_portal.views import ServiceActionView

from .. import services
from ..choices import AccessAction, InterviewStatus, ProposalStatus
from ..forms import InterviewHoldForm, ProposalDecideForm
from ..models import Cadre, Interview, ReassignmentProposal, can_write_cadres
from .base import CadreAccessMixin, ServiceFormView


class InterviewListView(CadreAccessMixin, ListView):
    """Interviews, pending first (the sprint-race link fills this queue)."""

    paginate_by = 30
    template_name = "cadres/interview_list.html"

    def get_queryset(self):
        qs = Interview.objects.visible_to(self.request.user).select_related("cadre__unit", "unit")
        status = self.request.GET.get("status", InterviewStatus.PENDING)
        if status in InterviewStatus.values:
            qs = qs.filter(status=status)
        return qs.order_by("-created_at", "-id")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        self.log(AccessAction.LIST, ids=[i.cadre_id for i in context["object_list"]])
        context["statuses"] = InterviewStatus.choices
        context["status"] = self.request.GET.get("status", InterviewStatus.PENDING)
        return context


class InterviewHoldView(ServiceFormView):
    """Record that a pending interview was held."""

    form_class = InterviewHoldForm

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and can_write_cadres(request.user):
            qs = Interview.objects.visible_to(request.user).select_related("cadre__unit")
            self.interview = get_object_or_404(qs, pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_initial(self):
        return {"held_on": timezone.localdate(), "interviewer": self.interview.interviewer}

    def get_context_data(self, **kwargs):
        title = _("Record the interview of %(name)s") % {"name": self.interview.cadre.name}
        return super().get_context_data(title=title, cadre=self.interview.cadre, **kwargs)

    def call_service(self, form):
        return services.interview_hold(interview=self.interview, user=self.request.user, **form.cleaned_data)

    def get_success_url(self):
        return reverse("cadres:interview_list")


class ProposalListView(CadreAccessMixin, ListView):
    """The department's queue of reassignment proposals (组织调整) from the sprint race."""

    paginate_by = 30
    template_name = "cadres/proposal_list.html"

    def get_queryset(self):
        return ReassignmentProposal.objects.visible_to(self.request.user).select_related("unit", "decided_by")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        proposals = list(context["object_list"])
        leading = {}
        for cadre in Cadre.objects.filter(unit__in={p.unit_id for p in proposals}, is_leading=True, active=True):
            leading.setdefault(cadre.unit_id, []).append(cadre)
        for proposal in proposals:
            proposal.leading = leading.get(proposal.unit_id, [])
        self.log(AccessAction.LIST, ids=[c.pk for cs in leading.values() for c in cs])
        context["decide_form"] = ProposalDecideForm()
        context["pending"] = ProposalStatus.PENDING
        return context


class ProposalDecideView(CadreAccessMixin, ServiceActionView):
    access = "write"
    model = ReassignmentProposal
    scope_action = "view"
    form_class = ProposalDecideForm
    invalid_message = gettext_lazy("Choose a decision and give its reason.")
    success_message = gettext_lazy("Decision recorded.")

    def call_service(self, form):
        return services.proposal_decide(proposal=self.object, status=form.cleaned_data["status"],
                                        note=form.cleaned_data["decision_note"], user=self.request.user)

    def get_redirect_url(self):
        return reverse("cadres:proposal_list")
