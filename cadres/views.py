"""Cadre pages: for the organisation department (and, read-only, the users it grants) only.

Everyone else gets 404 on every page, whatever their role; every read is written to the access log.
"""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import DetailView, ListView, TemplateView

from gaoyou_portal import views as portal_views
from gaoyou_portal.audit import history_rows
from gaoyou_portal.errors import DomainError

from . import charts, exports, selectors, services
from .choices import AccessAction, InterviewStatus, ProposalStatus
from .filtersets import AccessLogFilterSet, CadreFilterSet
from .forms import CadreCorrectForm, CadreForm, GrantForm, InterviewHoldForm, ProposalDecideForm, record_form
from .models import (
    AccessLog,
    Cadre,
    CadreAccessGrant,
    Interview,
    ReassignmentProposal,
    can_read_cadres,
    can_write_cadres,
)
from .permissions import is_department
from .records import RECORD_TYPES


class CadreAccessMixin(LoginRequiredMixin):
    """Signed in and allowed: ``access`` is "read" (department + grants), "write" or "department"."""

    access = "read"

    def dispatch(self, request, *args, **kwargs):
        user = request.user
        if user.is_authenticated:
            allowed = {
                "read": can_read_cadres,
                "write": can_write_cadres,
                "department": is_department,
            }[self.access](user)
            if not allowed:
                raise Http404
        return super().dispatch(request, *args, **kwargs)

    def log(self, action, *, cadre=None, record=None, ids=()):
        services.access_record(
            user=self.request.user, action=action, path=self.request.get_full_path(),
            cadre=cadre, record=record, ids=ids,
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["can_write"] = can_write_cadres(self.request.user)
        context["is_department"] = is_department(self.request.user)
        return context


class ServiceFormView(CadreAccessMixin, portal_views.ServiceFormView):
    """A cadres form page that calls a service (the core base, behind the cadres access check)."""

    access = "write"
    template_name = "cadres/form.html"
    title = ""

    def get_context_data(self, **kwargs):
        kwargs.setdefault("title", self.title)
        return super().get_context_data(**kwargs)


# --- cadres -----------------------------------------------------------------------------------------------
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


# --- queues -------------------------------------------------------------------------------------------------
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


class ProposalDecideView(CadreAccessMixin, View):
    access = "write"

    def post(self, request, pk):
        proposal = get_object_or_404(ReassignmentProposal.objects.visible_to(request.user), pk=pk)
        form = ProposalDecideForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Choose a decision and give its reason."))
            return redirect("cadres:proposal_list")
        try:
            services.proposal_decide(
                proposal=proposal, status=form.cleaned_data["status"], note=form.cleaned_data["decision_note"],
                user=request.user,
            )
        except DomainError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Decision recorded."))
        return redirect("cadres:proposal_list")


# --- reports and export -------------------------------------------------------------------------------------
class ReportView(CadreAccessMixin, TemplateView):
    template_name = "cadres/reports.html"

    def get_context_data(self, **kwargs):
        try:
            year = int(self.request.GET.get("year", ""))
        except ValueError:
            year = timezone.localdate().year
        figures = selectors.reports(year=year)
        self.log(AccessAction.REPORT)
        return super().get_context_data(
            figures=figures, type_chart=charts.type_chart(figures["types"]), open=selectors.open_cases(),
            years=range(timezone.localdate().year, timezone.localdate().year - 5, -1), **kwargs
        )


class ExportView(CadreAccessMixin, View):
    """The cadre list (with the list's filters) or every record, as .xlsx. Department only."""

    access = "department"

    def get(self, request, what="cadres"):
        cadres = CadreFilterSet(
            request.GET, queryset=Cadre.objects.visible_to(request.user).with_rank_order()
        ).qs.select_related("unit")
        ids = list(cadres.values_list("pk", flat=True))
        services.access_record(user=request.user, action=AccessAction.EXPORT, path=request.get_full_path(), ids=ids)
        if what == "records":
            return exports.record_export_response(ids)
        return exports.cadre_export_response(cadres)


# --- the department's own pages: access log and grants -------------------------------------------------------
class AccessLogView(CadreAccessMixin, ListView):
    access = "department"
    paginate_by = 50
    template_name = "cadres/access_log.html"

    def get_queryset(self):
        qs = AccessLog.objects.visible_to(self.request.user).select_related("user", "cadre")
        self.filterset = AccessLogFilterSet(self.request.GET, queryset=qs)
        return qs.none() if self.filterset.is_bound and not self.filterset.is_valid() else self.filterset.qs

    def get_context_data(self, **kwargs):
        return super().get_context_data(filter=self.filterset, **kwargs)


class GrantListView(CadreAccessMixin, ListView):
    access = "department"
    paginate_by = 50
    template_name = "cadres/grant_list.html"

    def get_queryset(self):
        return CadreAccessGrant.objects.visible_to(self.request.user).select_related("user", "granted_by")


class GrantCreateView(ServiceFormView):
    access = "department"
    form_class = GrantForm

    def get_context_data(self, **kwargs):
        return super().get_context_data(title=_("Grant access to cadre records"), **kwargs)

    def call_service(self, form):
        data = form.cleaned_data
        return services.grant_create(
            grantee=data["user"], reason=data["reason"], starts_on=data["starts_on"], ends_on=data["ends_on"],
            user=self.request.user,
        )

    def get_success_url(self):
        return reverse("cadres:grant_detail", args=[self.saved.pk])


class GrantDetailView(CadreAccessMixin, DetailView):
    access = "department"
    template_name = "cadres/grant_detail.html"

    def get_queryset(self):
        return CadreAccessGrant.objects.visible_to(self.request.user).select_related("user", "granted_by")

    def get_context_data(self, **kwargs):
        return super().get_context_data(history=history_rows(self.object), **kwargs)


class GrantRevokeView(CadreAccessMixin, View):
    access = "department"

    def post(self, request, pk):
        grant = get_object_or_404(CadreAccessGrant.objects.visible_to(request.user), pk=pk)
        try:
            services.grant_revoke(grant=grant, user=request.user)
        except DomainError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Access revoked."))
        return redirect("cadres:grant_detail", pk=grant.pk)
