"""Pages of the projects app: fetch within scope, call a service, show its error or redirect."""

from datetime import date, timedelta

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views import View
from django.views.generic import DetailView, ListView, TemplateView

from gaoyou_portal import registry
from gaoyou_portal.imports.views import ImportUploadView
from gaoyou_portal.mixins import StaffRequiredMixin
from gaoyou_portal.reporting import add_months, milestone_overdue, month_start
from gaoyou_portal.roles import unit_ids_of
from gaoyou_portal.scoping import is_editable
from org.models import LeaderLink, Unit

from . import charts, excel, selectors, services
from .choices import BlockerStatus, MilestoneKind
from .filtersets import ProjectFilterSet
from .forms import (
    BlockerForm,
    MilestoneForm,
    PlansForm,
    ProjectForm,
    ReopenForm,
    ReportEditForm,
    ReportForm,
    ResolveForm,
    SettingsForm,
)
from .imports import LedgerImport, UnitReportsImport
from .lights import REPORTING_STATUSES, light_label, light_reasons
from .models import Blocker, Milestone, MonthlyPlan, MonthlyReport, Project, ProjectSettings
from .permissions import OFFICE_ROLES, OVERVIEW_ROLES, is_office


def show_error(form, exc):
    """Put a service's error on the form: on its field when the form has it, else on the form."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            for error in errors:
                form.add_error(field if field in form.fields else None, error.messages)
    else:
        form.add_error(None, exc.messages)


def run_form(request, form, action, *, message, success_url):
    """Validate ``form`` and run ``action(cleaned_data)`` (a service call).

    Returns the redirect after success, or None with the service's error put on the form.
    """
    if form.is_valid():
        try:
            result = action(form.cleaned_data)
        except ValidationError as exc:
            show_error(form, exc)
        else:
            messages.success(request, message)
            return redirect(success_url(result) if callable(success_url) else success_url)
    return None


def _next_url(request, default):
    target = request.POST.get("next") or request.GET.get("next")
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}):
        return target
    return default


def _leader_prefetch():
    return Prefetch("leader_links", queryset=LeaderLink.objects.select_related("leader"), to_attr="links")


def _with_reasons(projects, config):
    for project in projects:
        project.reasons = light_reasons(project, config)
    return projects


# --- lists and pages ------------------------------------------------------------------------------------------
class ProjectListView(StaffRequiredMixin, ListView):
    model = Project
    paginate_by = 25
    template_name = "projects/project_list.html"

    def get_queryset(self):
        self.config = ProjectSettings.load()
        base = (
            Project.objects.visible_to(self.request.user)
            .select_related("responsible_unit")
            .prefetch_related(_leader_prefetch())
        )
        # no query string means the default filter, never nothing: the filterset is always bound
        self.filterset = ProjectFilterSet(self.request.GET, queryset=base)
        qs = self.filterset.qs if self.filterset.is_valid() else base.none()
        if not self.request.GET.get("ordering"):
            qs = qs.order_by("light_rank", "code")
        return qs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(filter=self.filterset, config=self.config, **kwargs)
        _with_reasons(context["object_list"], self.config)
        light = self.filterset.form.cleaned_data.get("light") if self.filterset.is_valid() else None
        if light:  # the count is known already: spare the database another pass over every light
            context["counts"] = {"red": 0, "yellow": 0, "green": 0, light: context["paginator"].count}
        else:
            context["counts"] = selectors.light_counts(self.object_list)
        context["is_office"] = is_office(self.request.user)
        return context


class ProjectDetailView(StaffRequiredMixin, DetailView):
    model = Project
    template_name = "projects/project_detail.html"

    def get_queryset(self):
        self.config = ProjectSettings.load()
        return (
            Project.objects.visible_to(self.request.user)
            .select_related("responsible_unit")
            .prefetch_related("service_units", _leader_prefetch())
        )

    def get_context_data(self, **kwargs):
        project, user, today = self.object, self.request.user, timezone.localdate()
        order = {kind: index for index, kind in enumerate(MilestoneKind.values)}
        milestones = sorted(project.milestones.all(), key=lambda m: order[m.kind])
        for milestone in milestones:
            milestone.overdue = milestone_overdue(milestone.planned_date, today, reached=bool(milestone.actual_date))
        reports = list(
            project.reports.select_related("submitted_by").prefetch_related("attachments").order_by("-month")
        )
        for report in reports:
            report.locked = services.report_is_locked(report, today=today, config=self.config)
            report.lock_date = services.report_lock_date(report.month, self.config)
        year = int(self.request.GET.get("year") or today.year) if str(self.request.GET.get("year", "")).isdigit() \
            else today.year
        since = add_months(month_start(today), -1) if self.request.GET.get("changes") != "all" else date(2000, 1, 1)
        return super().get_context_data(
            reasons=light_reasons(project, self.config),
            milestones=milestones,
            reports=reports,
            blockers=project.blockers.select_related("assigned_leader", "raised_by", "resolved_by"),
            chart=charts.plan_vs_actual(selectors.plan_vs_actual(project, year)),
            year=year,
            changes=selectors.project_changes(project, since=since),
            changes_since=since if since.year > 2000 else None,
            can_edit=is_editable(project, user),
            is_office=is_office(user),
            leader_user_id=user.pk,
            today=today,
            reopen_default=today + timedelta(days=7),
            **kwargs,
        )


class ThisMonthView(StaffRequiredMixin, TemplateView):
    """What the reporter's units owe this month, with one short report form per project."""

    template_name = "projects/this_month.html"

    def get_context_data(self, **kwargs):
        ids = unit_ids_of(self.request.user)
        units = list(Unit.objects.filter(pk__in=ids))
        if not units:
            raise Http404
        today, config = timezone.localdate(), ProjectSettings.load()
        items = selectors.group_by_project(selectors.unit_obligations(units=units, today=today, config=config))
        # What is owed first, a page at a time (a town has a handful of projects, the benchmark hundreds).
        ids = sorted(Project.objects.filter(responsible_unit__in=units).values_list("pk", "code"),
                     key=lambda row: (row[0] not in items, row[1]))
        page = Paginator([pk for pk, _code in ids], 20).get_page(self.request.GET.get("page"))
        page.object_list = list(
            Project.objects.filter(pk__in=page.object_list)
            .select_related("responsible_unit")
            .order_by("light_rank", "code")
        )
        page.object_list.sort(key=lambda p: p.pk not in items)
        owing = len(items)
        _with_reasons(page.object_list, config)
        open_months = config.calendar.open_months(today)
        reported = set(
            MonthlyReport.objects.filter(project__in=page.object_list, month__in=open_months)
            .values_list("project_id", "month")
        )
        entries = []
        for project in page.object_list:
            owed = [i["month"] for i in items.get(project.pk, []) if i["kind"] == "report"]
            month = min(owed) if owed else None
            form = ReportForm(prefix=f"p{project.pk}", initial={"month": month}) if month else None
            entries.append({"project": project, "items": items.get(project.pk, []), "form": form, "month": month,
                            "done": [m for m in open_months if (project.pk, m) in reported]})
        kwargs["also_owed"] = registry.owed_for(self.request, units)  # what other apps say the units owe
        return super().get_context_data(units=units, entries=entries, today=today, config=config, owing=owing,
                                        page_obj=page, month_panels=registry.month_panels(self.request, units),
                                        **kwargs)


class OverviewView(StaffRequiredMixin, TemplateView):
    """For the leaders and the office: who has not reported, lights by unit, open problems."""

    template_name = "projects/overview.html"
    required_roles = OVERVIEW_ROLES

    def get_context_data(self, **kwargs):
        user = self.request.user
        blockers = Blocker.objects.filter(status=BlockerStatus.OPEN).select_related(
            "project__responsible_unit", "assigned_leader")
        mine = [b for b in blockers if b.assigned_leader.user_id == user.pk]
        return super().get_context_data(
            overview=selectors.reporting_overview(), blockers=blockers, mine=mine, today=timezone.localdate(),
            **kwargs
        )


# --- writes ---------------------------------------------------------------------------------------------------
class _ProjectWriteView(StaffRequiredMixin, View):
    """Base of the pages that write to one project: visible to the user, editable to show the form."""

    template_name = None
    form_class = None

    def get_project(self):
        project = get_object_or_404(Project.objects.visible_to(self.request.user), pk=self.kwargs["pk"])
        if self.request.method == "GET" and not is_editable(project, self.request.user):
            raise Http404
        return project

    heading = ""

    def render(self, form, **context):
        return render(self.request, self.template_name, {"form": form, "project": self.project, "heading": self.heading,
                                                         "next": _next_url(self.request, ""), **context})

    def get(self, request, pk):
        """Show the page's empty form (subclasses define ``form(data=None)``)."""
        self.project = self.get_project()
        return self.render(self.form())


class ReportCreateView(_ProjectWriteView):
    template_name = "projects/report_form.html"

    def get(self, request, pk):
        self.project = self.get_project()
        month = request.GET.get("month") or ProjectSettings.load().calendar.latest_open_month(timezone.localdate())
        return self.render(ReportForm(initial={"month": month}))

    def post(self, request, pk):
        self.project = self.get_project()
        prefix = request.POST.get("prefix") or None
        form = ReportForm(request.POST, request.FILES, prefix=prefix)
        if form.is_valid():
            data = form.cleaned_data
            try:
                report = services.report_submit(project=self.project, month=data["month"], data=data,
                                                user=request.user, attachments=data["attachments"])
            except ValidationError as exc:
                show_error(form, exc)
            else:
                return _after_report(request, report)
        return self.render(form)


def _after_report(request, report):
    config = ProjectSettings.load()
    project = Project.objects.get(pk=report.project_id)  # its light refreshed by the service
    messages.success(
        request,
        _("Report for %(month)s saved. The project's light is now %(light)s: %(reasons)s.")
        % {"month": report.month.strftime("%Y-%m"), "light": light_label(project.light),
           "reasons": "；".join(light_reasons(project, config))},
    )
    return redirect(_next_url(request, project.get_absolute_url()))


class ReportEditView(StaffRequiredMixin, View):
    template_name = "projects/report_form.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.report = get_object_or_404(
                MonthlyReport.objects.visible_to(request.user).select_related("project"), pk=kwargs["pk"])
            self.project = self.report.project
            if not is_editable(self.project, request.user):
                raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, pk):
        initial = {f: getattr(self.report, f) for f in ("investment", "workload", "narrative")}
        return self.render(ReportEditForm(initial=initial))

    def post(self, request, pk):
        form = ReportEditForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                report = services.report_update(report=self.report, data=form.cleaned_data, user=request.user,
                                                attachments=form.cleaned_data["attachments"])
            except ValidationError as exc:
                show_error(form, exc)
            else:
                return _after_report(request, report)
        return self.render(form)

    def render(self, form):
        return render(self.request, self.template_name, {
            "form": form, "project": self.project, "report": self.report,
            "locked": services.report_is_locked(self.report), "next": "",
        })


class ReportReopenView(StaffRequiredMixin, View):
    required_roles = OFFICE_ROLES

    def post(self, request, pk):
        report = get_object_or_404(MonthlyReport.objects.select_related("project__responsible_unit"), pk=pk)
        form = ReopenForm(request.POST)
        try:
            if not form.is_valid():
                raise ValidationError(_("Reopen until today or a later date."))
            services.report_reopen(report=report, until=form.cleaned_data["until"], user=request.user)
        except ValidationError as exc:
            messages.error(request, "；".join(exc.messages))
        else:
            messages.success(request, _("The report is reopened."))
        return redirect(report.project.get_absolute_url())


class MilestoneRecordView(StaffRequiredMixin, View):
    template_name = "projects/milestone_form.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.milestone = get_object_or_404(
                Milestone.objects.visible_to(request.user).select_related("project"), pk=kwargs["pk"])
            if not is_editable(self.milestone.project, request.user):
                raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, pk):
        initial = {"actual_date": self.milestone.actual_date, "evidence": self.milestone.evidence}
        return self.render(MilestoneForm(initial=initial))

    def post(self, request, pk):
        form = MilestoneForm(request.POST, request.FILES)
        done = run_form(
            request, form,
            lambda data: services.milestone_record(milestone=self.milestone, user=request.user, **data),
            message=_("Milestone recorded."), success_url=self.milestone.project.get_absolute_url(),
        )
        return done or self.render(form)

    def render(self, form):
        return render(self.request, self.template_name,
                      {"form": form, "milestone": self.milestone, "project": self.milestone.project,
                       "heading": _("Record a milestone")})


class BlockerCreateView(_ProjectWriteView):
    template_name = "projects/blocker_form.html"
    heading = _lazy("Raise a problem")

    def form(self, data=None):
        leaders = services.project_leaders(self.project)
        return BlockerForm(data, leaders=leaders, initial={"assigned_leader": leaders.first()})

    def post(self, request, pk):
        self.project = self.get_project()
        form = self.form(request.POST)
        done = run_form(
            request, form,
            lambda data: services.blocker_raise(project=self.project, title=data["title"],
                                                description=data["description"], deadline=data["deadline"],
                                                leader=data["assigned_leader"], user=request.user),
            message=_("The problem was raised to the leader."), success_url=self.project.get_absolute_url(),
        )
        return done or self.render(form)


class BlockerResolveView(StaffRequiredMixin, View):
    template_name = "projects/blocker_resolve.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.blocker = get_object_or_404(
                Blocker.objects.visible_to(request.user).select_related("project", "assigned_leader"),
                pk=kwargs["pk"], assigned_leader__user=request.user,
            )
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, pk):
        return self.render(ResolveForm())

    def post(self, request, pk):
        form = ResolveForm(request.POST)
        done = run_form(
            request, form,
            lambda data: services.blocker_resolve(blocker=self.blocker, resolution=data["resolution"],
                                                  user=request.user),
            message=_("The problem is marked resolved."), success_url=self.blocker.project.get_absolute_url(),
        )
        return done or self.render(form)

    def render(self, form):
        return render(self.request, self.template_name,
                      {"form": form, "blocker": self.blocker, "project": self.blocker.project,
                       "heading": _("Resolve a problem")})


class ProjectEditView(StaffRequiredMixin, View):
    """Create or change a project of the ledger (assessment office)."""

    template_name = "projects/project_form.html"
    required_roles = OFFICE_ROLES

    def get_project(self):
        return get_object_or_404(Project, pk=self.kwargs["pk"]) if "pk" in self.kwargs else None

    def form(self, project, data=None):
        leaders, milestones = [], {}
        if project:
            leaders = list(services.project_leaders(project))
            milestones = {m.kind: m.planned_date for m in project.milestones.all()}
        return ProjectForm(data, instance=project, leaders=leaders, milestones=milestones)

    def get(self, request, pk=None):
        project = self.get_project()
        return render(request, self.template_name, {"form": self.form(project), "project": project,
                                                    "heading": self.heading(project)})

    def post(self, request, pk=None):
        project = self.get_project()
        form = self.form(project, request.POST)
        done = run_form(
            request, form,
            lambda data: services.project_save(
                user=request.user, project=project, data={k: data[k] for k in services.PROJECT_FIELDS},
                service_units=data["service_units"], leaders=data["leaders"],
                milestones={k: {"planned_date": data[f"{k}_planned_date"]} for k in MilestoneKind.values},
            ),
            message=_("Project saved."), success_url=lambda saved: saved.get_absolute_url(),
        )
        if done:
            return done
        return render(request, self.template_name, {"form": form, "project": project,
                                                    "heading": self.heading(project)})

    def heading(self, project):
        return _("Edit project") if project else _("New project")


class PlansEditView(_ProjectWriteView):
    template_name = "projects/plans_form.html"
    heading = _lazy("Monthly plans")

    def form(self, data=None):
        year = timezone.localdate().year
        plans = {p.month: p for p in MonthlyPlan.objects.filter(project=self.project, month__year=year)}
        return PlansForm(data, year=year, plans=plans)

    def post(self, request, pk):
        self.project = self.get_project()
        form = self.form(request.POST)
        done = run_form(
            request, form,
            lambda data: services.plans_save(project=self.project, year=form.year, rows=form.rows(),
                                             user=request.user),
            message=_("Monthly plans saved."), success_url=self.project.get_absolute_url(),
        )
        return done or self.render(form)


class SettingsView(StaffRequiredMixin, View):
    template_name = "projects/settings_form.html"
    required_roles = OFFICE_ROLES

    def get(self, request):
        return render(request, self.template_name, {"form": SettingsForm(instance=ProjectSettings.load()),
                                                    "heading": _("Warning-light settings")})

    def post(self, request):
        form = SettingsForm(request.POST, instance=ProjectSettings.load())
        done = run_form(request, form, lambda data: services.settings_update(data=data, user=request.user),
                        message=_("Settings saved."), success_url=reverse("projects:settings"))
        return done or render(request, self.template_name, {"form": form, "heading": _("Warning-light settings")})


# --- Excel ----------------------------------------------------------------------------------------------------
class LedgerExportView(StaffRequiredMixin, View):
    def get(self, request):
        base = Project.objects.visible_to(request.user)
        filterset = ProjectFilterSet(request.GET, queryset=base)
        qs = filterset.qs if filterset.is_valid() else base
        return excel.ledger_response(qs, filename=f"项目台账-{timezone.localdate():%Y%m%d}.xlsx")


class LedgerImportView(ImportUploadView):
    spec = LedgerImport
    required_roles = OFFICE_ROLES
    template_name = "projects/import.html"


class ReportUploadView(ImportUploadView):
    """A unit's monthly reports for many projects in one sheet (reporters: their units only)."""

    spec = UnitReportsImport
    template_name = "projects/import.html"

    def units(self):
        if is_office(self.request.user):
            return Unit.objects.towns_and_parks()
        units = Unit.objects.filter(pk__in=unit_ids_of(self.request.user))
        if not units.exists():
            raise Http404
        return units

    def get(self, request, *args, **kwargs):
        if request.GET.get("template"):
            units = self.units()
            projects = Project.objects.filter(responsible_unit__in=units, status__in=REPORTING_STATUSES)
            return excel.report_template_response(projects.order_by("code"), self.template_month())
        self.units()
        return super().get(request, *args, **kwargs)

    def get_params(self, form):
        return {"unit_ids": list(self.units().values_list("pk", flat=True))}

    def template_months(self):
        """The months a template can be asked for: the latest month open for reporting and the eleven before."""
        latest = ProjectSettings.load().calendar.latest_open_month(timezone.localdate())
        return [add_months(latest, -i) for i in range(12)]

    def template_month(self):
        """The month the template is filled in for: the one chosen (``?month=2026-11``) among
        ``template_months``, else the latest month open for reporting; never a month not yet open."""
        months = self.template_months()
        chosen = self.request.GET.get("month", "")
        return next((m for m in months if f"{m:%Y-%m}" == chosen), months[0])

    def get_context_data(self, **kwargs):
        months = self.template_months()
        return super().get_context_data(template_months=months, template_month=months[0], **kwargs)

    def get_success_url(self, job):
        return reverse("projects:this_month") if unit_ids_of(self.request.user) else reverse("projects:project_list")
