"""Staff pages: the office's list (overdue first), a task's page with its actions, the monthly bulletin,
Excel import and export. Every write calls a service; a refused action shows the service's message."""

from datetime import datetime, timedelta

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import DetailView, ListView

from gaoyou_portal.imports.views import ImportUploadView
from gaoyou_portal.mixins import HistoryMixin, ScopedQuerysetMixin, StaffRequiredMixin
from gaoyou_portal.reporting import add_months
from gaoyou_portal.views import ServiceActionView, ServiceFormView

from . import permissions, selectors, services
from .choices import Pace, TaskStatus
from .filtersets import StaffTaskFilterSet
from .forms import BulletinForm, ConfirmCompletionForm, ExplanationForm, ImportForm, ProgressUpdateForm, TaskForm
from .imports import TaskListImport, bulletin_export_response, export_response
from .models import LivelihoodTask, ProgressUpdate
from .selectors import current_year, monthly_bulletin, status_counts
from .subscriptions import follower_counts

SORTS = {  # the sortable headers of the staff list ({% sort_header … param="sort" %}); none: overdue first
    "number": ("number",),
    "-number": ("-number",),
    "deadline": ("deadline", "number"),
    "-deadline": ("-deadline", "number"),
    "percent": ("percent", "number"),
    "-percent": ("-percent", "number"),
}


class TaskListView(ScopedQuerysetMixin, ListView):
    """Every task the user may see, filtered, overdue first unless sorted otherwise."""

    model = LivelihoodTask
    paginate_by = 50
    template_name = "livelihood/task_list.html"

    def get_base_queryset(self):
        return LivelihoodTask.objects.public_related()

    def get_queryset(self):
        data = self.request.GET.copy()
        data.setdefault("year", str(current_year()))
        self.filterset = StaffTaskFilterSet(data, queryset=super().get_queryset(), request=self.request)
        if not self.filterset.is_valid():
            return LivelihoodTask.objects.none()
        qs = self.filterset.qs
        sort = self.request.GET.get("sort")
        return qs.order_by(*SORTS[sort]) if sort in SORTS else qs.overdue_first()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(filter=self.filterset, **kwargs)
        year = self.filterset.form.cleaned_data.get("year") if self.filterset.is_valid() else None
        context["counts"] = counts = status_counts(LivelihoodTask.objects.for_year(year or current_year()))
        context["status_cards"] = [(s, TaskStatus(s).label, counts[s]) for s in TaskStatus.values]
        context["can_manage"] = permissions.can_manage_tasks(self.request.user)
        # Explanations owed after year end, whatever year the list shows: the office must see them at once.
        owed = LivelihoodTask.objects.filter(services.needs_explanation_q()).order_by("-year")
        context["owed"] = {"count": owed.count(), "year": owed.values_list("year", flat=True).first()}
        return context


class TaskExportView(TaskListView):
    """The filtered list as an Excel workbook (same columns as the import)."""

    def get(self, request, *args, **kwargs):
        tasks = self.get_queryset()
        year = self.filterset.form.cleaned_data.get("year") if self.filterset.is_valid() else current_year()
        return export_response(tasks, year=year)


class TaskDetailView(HistoryMixin, ScopedQuerysetMixin, DetailView):
    model = LivelihoodTask
    template_name = "livelihood/task_detail.html"

    def get_base_queryset(self):
        updates = ProgressUpdate.objects.select_related("entered_by", "unit").order_by("-date", "-id")
        return LivelihoodTask.objects.public_related().prefetch_related(
            Prefetch("updates", queryset=updates, to_attr="all_updates")
        )

    def get_context_data(self, **kwargs):
        task, user = self.object, self.request.user
        context = super().get_context_data(**kwargs)
        context.update(
            explanation=getattr(task, "explanation", None),
            can_report=permissions.can_report(user, task),
            is_lead=permissions.is_lead(user, task),
            can_approve=permissions.can_approve(user, task),
            can_manage=permissions.can_manage_tasks(user),
            progress_form=ProgressUpdateForm(initial={"percent": selectors.last_percent(task)}),
            confirm_form=ConfirmCompletionForm(),
            followers=follower_counts([task.pk]).get(task.pk, 0),  # a count: the office never sees addresses
        )
        return context


class TaskActionMixin(ScopedQuerysetMixin):
    """Fetch the task within the user's write scope (else 404), run a service, back to the task."""

    model = LivelihoodTask
    scope_action = "change"
    template_name = "livelihood/form.html"
    title = ""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.task = get_object_or_404(self.get_queryset(), pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(task=self.task, title=self.title, **kwargs)

    def call_service(self, form):
        return self.perform(form.cleaned_data)

    def get_success_url(self):
        return self.task.get_staff_url()


class UpdateCreateView(TaskActionMixin, ServiceFormView):
    form_class = ProgressUpdateForm
    title = gettext_lazy("Report progress")
    success_message = gettext_lazy("Progress recorded.")

    def get_initial(self):
        # Prefilled with the last percentage entered (published or not): a unit only moves what changed.
        initial = {"percent": selectors.last_percent(self.task)}
        month = self._month()
        if month and month < timezone.localdate().replace(day=1):  # a reminder for last month: dated in it
            initial["date"] = add_months(month, 1) - timedelta(days=1)
        return initial

    def _month(self):
        """The month a reminder's link names (``?month=2026-11``), or None."""
        try:
            return datetime.strptime(self.request.GET.get("month", ""), "%Y-%m").date()
        except ValueError:
            return None

    def get_context_data(self, **kwargs):
        # A reminder's link to a month already reported shows that month's update, marked 已报送.
        month = self._month()
        reported = month and self.task.updates.filter(date__gte=month, date__lt=add_months(month, 1)).order_by(
            "-date", "-created_at").first()
        return super().get_context_data(reported=reported, reported_month=month, **kwargs)

    def perform(self, data):
        services.update_add(task=self.task, user=self.request.user, **data)


class ConfirmCompletionView(TaskActionMixin, ServiceFormView):
    form_class = ConfirmCompletionForm
    title = gettext_lazy("Confirm completion")
    success_message = gettext_lazy("Completion confirmed; the task shows as completed on the public site.")

    def perform(self, data):
        services.task_confirm_completion(task=self.task, user=self.request.user, **data)


class ExplanationView(TaskActionMixin, ServiceFormView):
    form_class = ExplanationForm
    title = gettext_lazy("Explanation to citizens")
    success_message = gettext_lazy("Explanation saved; it is public once approved.")

    def get_initial(self):
        explanation = getattr(self.task, "explanation", None)
        if explanation:
            return {"reason": explanation.reason, "next_steps": explanation.next_steps,
                    "new_date": explanation.new_date}
        return {}

    def perform(self, data):
        services.explanation_write(task=self.task, user=self.request.user, **data)


class ExplanationApproveView(TaskActionMixin, ServiceActionView):
    success_message = gettext_lazy("Explanation approved and published.")

    def get_object(self):
        return self.task

    def call_service(self, form):
        return services.explanation_approve(task=self.task, user=self.request.user)

    def get_redirect_url(self):
        return self.task.get_staff_url()


class UpdatePublishView(StaffRequiredMixin, ServiceActionView):
    model = ProgressUpdate
    scope_action = "view"  # the service checks who may publish

    def get_queryset(self):
        return super().get_queryset().select_related("task")

    def call_service(self, form):
        self.publish = self.request.POST.get("published") == "1"
        return services.update_set_published(update=self.object, user=self.request.user, published=self.publish)

    def get_success_message(self):
        return _("Update published.") if self.publish else _("Update taken off the public site.")

    def get_redirect_url(self):
        return self.object.task.get_staff_url()


class ManagerMixin(StaffRequiredMixin):
    required_roles = permissions.MANAGER_ROLES


class TaskFormView(ManagerMixin, ServiceFormView):
    form_class = TaskForm
    template_name = "livelihood/form.html"
    success_message = gettext_lazy("Task saved.")

    def dispatch(self, request, *args, **kwargs):
        self.task = None
        if "pk" in kwargs and request.user.is_authenticated:
            self.task = get_object_or_404(LivelihoodTask.objects.editable_by(request.user), pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.task}

    def get_initial(self):
        return {"year": current_year()}

    def get_context_data(self, **kwargs):
        title = _("Edit task") if self.task else _("New task")
        return super().get_context_data(task=self.task, title=title, **kwargs)

    def call_service(self, form):
        data = dict(form.cleaned_data)
        units = list(data.pop("responsible_units"))
        if self.task:
            data.pop("year", None)
            return services.task_update(task=self.task, user=self.request.user, responsible_units=units, **data)
        return services.task_create(user=self.request.user, responsible_units=units, **data)

    def get_success_url(self):
        return self.saved.get_staff_url()


class ImportView(ManagerMixin, ImportUploadView):
    """The year's list from Excel: checked whole, imported at once when every row is right."""

    spec = TaskListImport
    form_class = ImportForm
    template_name = "livelihood/import.html"

    def get_params(self, form):
        return {"year": form.cleaned_data["year"]}


class BulletinView(StaffRequiredMixin, View):
    """The monthly progress bulletin: ahead / on track / slow by lead unit; printable, or as Excel."""

    def get(self, request):
        form = BulletinForm(request.GET or None)
        bad = bool(request.GET.get("month")) and not form.is_valid()
        month = form.month_value()
        if not form.is_bound:
            form = BulletinForm(initial={"month": month})
        year = month.year
        bulletin = monthly_bulletin(year=year, month=month)
        if request.GET.get("format") == "xlsx":
            return bulletin_export_response(bulletin, month=month)
        return render(request, "livelihood/bulletin.html", {
            "form": form, "month": month, "bulletin": bulletin, "paces": Pace.choices,
        }, status=400 if bad else 200)

