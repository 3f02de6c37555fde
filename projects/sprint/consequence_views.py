"""Pages of the consequences: the year's honours list (评优评先) and the leaders' interviews (约谈).

The honours list and the interviews are read by the office, the leaders, administrators and the
organisation department (``CASE_READERS``); the office writes both; a leader records the interviews
they hold. Outside scope: 404.
"""

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from gaoyou_portal.audit import history_rows
from gaoyou_portal.mixins import StaffRequiredMixin
from gaoyou_portal.views import PostToViewMixin, ServiceActionView, ServiceFormView

from . import consequences
from .choices import CaseStatus, ConsequenceKind, InterviewStatus
from .forms import HonourForm, InterviewRecordForm, InterviewScheduleForm, ReasonForm
from .models import ConsequenceCase, HonourProposal, LeaderInterview
from .permissions import CASE_READERS, OFFICE_ROLES, is_office


def _year(request):
    try:
        return int(request.GET.get("year") or request.POST.get("year") or timezone.localdate().year)
    except ValueError:
        return timezone.localdate().year


def _latest_honours_year(user):
    """The page opens on the latest year that has an honours list (or a unit barred from one): this year's
    list is usually drawn up at the turn of the year, so it would open empty for most of it."""
    years = [HonourProposal.objects.visible_to(user).order_by("-year").values_list("year", flat=True).first(),
             ConsequenceCase.objects.visible_to(user).filter(kind=ConsequenceKind.NO_AWARDS)
             .order_by("-year").values_list("year", flat=True).first()]
    return max((y for y in years if y), default=timezone.localdate().year)


class HonourListView(StaffRequiredMixin, PostToViewMixin, View):
    """/sprint/honours/?year=Y: the year's honours list, the units barred from it, and (office) the
    proposal form. A fixed number of queries at any length of list."""

    required_roles = tuple(CASE_READERS)

    def get(self, request, form=None):
        year = _year(request) if request.GET.get("year") else _latest_honours_year(request.user)
        proposals = (HonourProposal.objects.visible_to(request.user).filter(year=year)
                     .select_related("unit", "proposed_by"))
        page = Paginator(proposals, 30).get_page(request.GET.get("page"))
        barred = (ConsequenceCase.objects.visible_to(request.user)
                  .filter(year=year, kind=ConsequenceKind.NO_AWARDS, status=CaseStatus.CONFIRMED)
                  .select_related("unit"))
        can_edit = is_office(request.user)
        return render(request, "sprint/honour_list.html", {
            "year": year, "page_obj": page, "object_list": page.object_list,
            "barred": [(case, consequences.citation(case)) for case in barred],
            "can_edit": can_edit, "form": form or (HonourForm() if can_edit else None),
            "reason_form": ReasonForm(), "years": [year - 1, year, year + 1],
        })


class HonourProposeView(StaffRequiredMixin, ServiceFormView):
    """A unit proposed for the year's honours list; a refusal shows the list again with the form in place."""

    required_roles = OFFICE_ROLES
    http_method_names = ["post"]
    form_class = HonourForm
    success_message = gettext_lazy("The unit is on the honours list.")

    def call_service(self, form):
        data = form.cleaned_data
        return consequences.honour_propose(year=_year(self.request), unit=data["unit"], title=data["title"],
                                           note=data["note"], user=self.request.user)

    def form_invalid(self, form):
        self.request.GET = self.request.GET.copy()
        self.request.GET["year"] = str(_year(self.request))
        return HonourListView(request=self.request).get(self.request, form=form)

    def get_success_url(self):
        return f"{reverse('sprint:honour_list')}?year={_year(self.request)}"


HonourListView.post_view = HonourProposeView  # the office's proposal form, posted to the list


class HonourDecideView(StaffRequiredMixin, ServiceActionView):
    required_roles = OFFICE_ROLES
    model = HonourProposal

    def call_service(self, form):
        if self.kwargs["decision"] == "award":
            return consequences.honour_award(proposal=self.object, user=self.request.user)
        return consequences.honour_withdraw(proposal=self.object, user=self.request.user,
                                            reason=self.request.POST.get("reason", ""))

    def get_success_message(self):
        if self.kwargs["decision"] == "award":
            return _("The honour is recorded as awarded.")
        return _("The proposal is withdrawn.")

    def get_redirect_url(self):
        return f"{reverse('sprint:honour_list')}?year={self.object.year}"


class InterviewListView(StaffRequiredMixin, View):
    """/sprint/interviews/: the leaders' interviews, open ones first."""

    required_roles = tuple(CASE_READERS)

    def get(self, request):
        qs = (LeaderInterview.objects.visible_to(request.user)
              .select_related("unit", "leader", "case").order_by("status", "scheduled_on", "-id"))
        status = request.GET.get("status")
        if status in InterviewStatus.values:
            qs = qs.filter(status=status)
        page = Paginator(qs, 30).get_page(request.GET.get("page"))
        return render(request, "sprint/interview_list.html", {
            "page_obj": page, "object_list": page.object_list, "statuses": InterviewStatus.choices,
            "status": status})


class InterviewDetailView(StaffRequiredMixin, View):
    required_roles = tuple(CASE_READERS)

    def get_interview(self):
        return get_object_or_404(LeaderInterview.objects.visible_to(self.request.user)
                                 .select_related("unit", "leader", "case"), pk=self.kwargs["pk"])

    def get(self, request, pk, schedule_form=None, record_form=None):
        interview = self.get_interview()
        can_schedule = is_office(request.user) and interview.status != InterviewStatus.HELD
        can_record = interview.status != InterviewStatus.TO_SCHEDULE and consequences.can_record(request.user,
                                                                                                 interview)
        return render(request, "sprint/interview_detail.html", {
            "interview": interview, "history": history_rows(interview),
            "can_schedule": can_schedule, "can_record": can_record,
            "schedule_form": schedule_form or InterviewScheduleForm(
                initial={"leader": interview.leader_id, "scheduled_on": interview.scheduled_on}),
            "record_form": record_form or InterviewRecordForm(initial={
                "held_on": interview.held_on, "record": interview.record, "follow_up": interview.follow_up}),
        })


class _InterviewFormView(StaffRequiredMixin, ServiceFormView):
    """A form posted from an interview's page (the core's form-to-service view): on success back to the page;
    a refusal shows the page again with the form in its place (``form_slot``)."""

    required_roles = tuple(CASE_READERS)
    http_method_names = ["post"]
    form_slot = ""

    @cached_property
    def interview(self):
        return InterviewDetailView(request=self.request, kwargs=self.kwargs).get_interview()

    def allowed(self):
        raise NotImplementedError

    def post(self, request, *args, **kwargs):
        if not self.allowed():
            raise Http404
        return super().post(request, *args, **kwargs)

    def form_invalid(self, form):
        return InterviewDetailView(request=self.request, kwargs=self.kwargs).get(
            self.request, self.kwargs["pk"], **{self.form_slot: form})

    def get_success_url(self):
        return reverse("sprint:interview_detail", args=[self.interview.pk])


class InterviewScheduleView(_InterviewFormView):
    form_class = InterviewScheduleForm
    form_slot = "schedule_form"
    success_message = gettext_lazy("The interview is scheduled.")

    def allowed(self):
        return self.interview is not None and is_office(self.request.user)

    def call_service(self, form):
        return consequences.interview_schedule(interview=self.interview, leader=form.cleaned_data["leader"],
                                               scheduled_on=form.cleaned_data["scheduled_on"], user=self.request.user)


class InterviewRecordView(_InterviewFormView):
    form_class = InterviewRecordForm
    form_slot = "record_form"
    success_message = gettext_lazy("The interview is recorded.")

    def allowed(self):
        return consequences.can_record(self.request.user, self.interview)

    def call_service(self, form):
        data = form.cleaned_data
        return consequences.interview_record(interview=self.interview, held_on=data["held_on"], record=data["record"],
                                             follow_up=data["follow_up"], user=self.request.user)
