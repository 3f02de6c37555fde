"""Corrections from citizens (纠错): the public form (a page of its own, also loaded into the cached, cookie-free
task and project pages by htmx) and the staff queue (scoped: a unit's reporters see their unit's, the office
all, anyone else a 404)."""

from django import forms
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods
from django.views.generic import ListView

from gaoyou_portal.errors import DomainError, by_field
from gaoyou_portal.mixins import ScopedQuerysetMixin
from gaoyou_portal.ratelimit import allow
from gaoyou_portal.roles import OFFICE_ROLES, Role, is_office
from gaoyou_portal.views import ServiceFormView
from org.models import Unit

from . import corrections
from .correction_models import CONTACT_MAX, REASON_MAX, TEXT_MAX, Correction, RemovedAs
from .models import LivelihoodTask

SUBMIT_LIMIT = 5  # corrections an hour from one address


def _task(year, number):
    return get_object_or_404(LivelihoodTask, year=year, number=number)


def _project(code):
    from projects.public_records import public_projects

    return get_object_or_404(public_projects(), code=code)


@csrf_exempt  # the public pages set no cookie; the signed one-time challenge stands in for the token
@never_cache
@require_http_methods(["GET", "POST"])
def task_correction(request, year, number):
    return _correction_page(request, _task(year, number))


@csrf_exempt
@never_cache
@require_http_methods(["GET", "POST"])
def project_correction(request, code):
    return _correction_page(request, _project(code))


def _correction_page(request, subject):
    fragment = request.headers.get("HX-Request") == "true"
    values, errors, status = {}, {}, 200
    if request.method == "POST":
        values = {k: request.POST.get(k, "") for k in ("text", "contact")}
        if not allow(request, "correction", limit=SUBMIT_LIMIT, seconds=3600):
            errors, status = {"text": [_("Too many messages from your address. Please try again in an hour.")]}, 429
        else:
            try:
                corrections.correction_submit(subject=subject, token=request.POST.get("token", ""),
                                              answer=request.POST.get("answer", ""),
                                              honeypot=request.POST.get("website", ""), **values)
            except DomainError as error:
                errors, status = by_field(error), 400
            else:
                return render(request, "livelihood/corrections/sent.html",
                              {"subject": subject, "fragment": fragment, "back": _public_url(subject)})
    question, token = corrections.challenge_new(subject)
    context = {"subject": subject, "question": question, "token": token, "values": values, "errors": errors,
               "fragment": fragment, "action": request.path, "back": _public_url(subject),
               "text_max": TEXT_MAX, "contact_max": CONTACT_MAX}
    return render(request, "livelihood/corrections/form_page.html", context, status=status)


def _public_url(subject):
    from django.urls import reverse

    if isinstance(subject, LivelihoodTask):
        return subject.get_absolute_url()
    return reverse("projects:public_detail", args=[subject.code])


# --- staff ------------------------------------------------------------------------------------------------------
STAFF_ROLES = (Role.OFFICE, Role.REPORTER, Role.ADMIN)


class CorrectionListView(ScopedQuerysetMixin, ListView):
    model = Correction
    required_roles = STAFF_ROLES
    template_name = "livelihood/corrections/staff_list.html"
    paginate_by = 50

    def get_base_queryset(self):
        queryset = Correction.objects.select_related("task", "project", "unit")
        # The office's list of removed messages (spam, abuse); no one else sees them.
        self.removed_filter = self.request.GET.get("removed") == "1" and is_office(self.request.user)
        if self.removed_filter:
            return queryset.removed().order_by("-removed_at", "-id")
        queryset = queryset.kept()
        if self.request.GET.get("late") == "1":
            queryset = queryset.filter(pk__in=[r.pk for r in corrections.overdue(
                Correction.objects.visible_to(self.request.user))])
        elif self.request.GET.get("open") == "1":
            queryset = queryset.filter(answered_at__isnull=True)
        return queryset

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        late = corrections.overdue(Correction.objects.visible_to(self.request.user))
        late_ids = {r.pk for r in late}
        rows = context["object_list"]
        calendar = corrections.calendar_for([r.received_at for r in rows if r.answered_at is None])
        for row in rows:
            row.is_late = row.pk in late_ids
            if row.answered_at is None:
                row.due = corrections.answer_due(row.received_at, calendar)
        removed = self.removed_filter
        context.update(late_count=len(late), late_filter=self.request.GET.get("late") == "1" and not removed,
                       open_filter=self.request.GET.get("open") == "1" and not removed,
                       removed_filter=self.removed_filter, is_office=is_office(self.request.user))
        return context


class AnswerForm(forms.Form):
    answer = forms.CharField(label=gettext_lazy("answer"), widget=forms.Textarea(attrs={"rows": 5}),
                             max_length=TEXT_MAX)
    publish = forms.BooleanField(label=gettext_lazy("Publish the answer on the public page (答复)"),
                                 required=False)


class CorrectionAnswerView(ScopedQuerysetMixin, ServiceFormView):
    model = Correction
    required_roles = STAFF_ROLES
    form_class = AnswerForm
    template_name = "livelihood/corrections/staff_detail.html"
    success_message = gettext_lazy("Answer saved.")

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.correction = get_object_or_404(_staff_queryset(request.user), pk=kwargs["pk"])
            self.can_answer = self.correction.removed_at is None and (
                Correction.objects.editable_by(request.user).filter(pk=self.correction.pk).exists())
        return super().dispatch(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        if not self.can_answer:
            from django.http import Http404

            raise Http404
        return super().post(request, *args, **kwargs)

    def get_initial(self):
        return {"answer": self.correction.answer, "publish": self.correction.answer_public}

    def get_context_data(self, **kwargs):
        due = corrections.answer_due(self.correction.received_at)
        office = is_office(self.request.user) and self.correction.removed_at is None
        return super().get_context_data(correction=self.correction, can_answer=self.can_answer, due=due,
                                        is_late=self.correction.answered_at is None and timezone.localdate() > due,
                                        can_reassign=office and self.correction.answered_at is None,
                                        can_remove=office, history=_history(self.correction), **kwargs)

    def call_service(self, form):
        return corrections.correction_answer(user=self.request.user, correction=self.correction,
                                             answer=form.cleaned_data["answer"], publish=form.cleaned_data["publish"])

    def get_success_url(self):
        return self.correction.get_absolute_url()


def _staff_queryset(user):
    """The corrections a user reaches by address: in scope, and not removed except for the office."""
    queryset = Correction.objects.visible_to(user).select_related("task", "project", "unit", "removed_by")
    return queryset if is_office(user) else queryset.kept()


def _history(correction):
    from gaoyou_portal.audit import history_rows

    return history_rows(correction, limit=30)


class ReassignForm(forms.Form):
    unit = forms.ModelChoiceField(label=gettext_lazy("new lead unit"), queryset=Unit.objects.none())
    reason = forms.CharField(label=gettext_lazy("reason"), max_length=REASON_MAX,
                             widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, current_unit=None, **kwargs):
        super().__init__(*args, **kwargs)
        units = Unit.objects.filter(active=True).order_by("kind", "name")
        self.fields["unit"].queryset = units.exclude(pk=current_unit.pk) if current_unit else units


class RemoveForm(forms.Form):
    removed_as = forms.ChoiceField(label=gettext_lazy("why"), choices=RemovedAs.choices,
                                   widget=forms.RadioSelect, initial=RemovedAs.SPAM)
    reason = forms.CharField(label=gettext_lazy("reason (required for “other”)"), max_length=REASON_MAX,
                             required=False, widget=forms.Textarea(attrs={"rows": 2}))
    confirm = forms.BooleanField(label=gettext_lazy(
        "I confirm: the message leaves every queue and the public page; it stays in the history."))


class _OfficeCorrectionView(ScopedQuerysetMixin, ServiceFormView):
    """A page of the office on one correction (reassign, remove): others get a 404; a removed one too."""

    model = Correction
    required_roles = OFFICE_ROLES

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.correction = get_object_or_404(
                Correction.objects.visible_to(request.user).kept().select_related("task", "project", "unit"),
                pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(correction=self.correction, **kwargs)

    def get_success_url(self):
        return self.correction.get_absolute_url()


class CorrectionReassignView(_OfficeCorrectionView):
    form_class = ReassignForm
    template_name = "livelihood/corrections/staff_reassign.html"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "current_unit": self.correction.unit}

    def get_success_message(self):
        return _("Reassigned to %(unit)s; the unit was told.") % {"unit": self.saved.unit.name}

    def call_service(self, form):
        return corrections.correction_reassign(user=self.request.user, correction=self.correction,
                                               unit=form.cleaned_data["unit"], reason=form.cleaned_data["reason"])


class CorrectionRemoveView(_OfficeCorrectionView):
    form_class = RemoveForm
    template_name = "livelihood/corrections/staff_remove.html"
    success_message = gettext_lazy("The correction was removed. It stays in the history.")

    def call_service(self, form):
        return corrections.correction_remove(user=self.request.user, correction=self.correction,
                                             removed_as=form.cleaned_data["removed_as"],
                                             reason=form.cleaned_data["reason"])

    def get_success_url(self):
        from django.urls import reverse

        return reverse("corrections:staff_list")
