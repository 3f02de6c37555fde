"""The projects' reading pages: the ledger list, a project's page, what a unit owes this month, the overview."""

from datetime import date, timedelta

from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import Http404
from django.utils import timezone
from django.views.generic import DetailView, ListView, TemplateView

from gaoyou_portal import registry
from gaoyou_portal.mixins import StaffRequiredMixin
from gaoyou_portal.reporting import add_months, milestone_overdue, month_start
from gaoyou_portal.roles import unit_ids_of
from gaoyou_portal.scoping import is_editable
from leaders.models import LeaderLink
from org.models import Unit

from .. import charts, selectors, services
from ..choices import BlockerStatus, MilestoneKind
from ..filtersets import ProjectFilterSet
from ..forms import ReportForm
from ..lights import light_reasons
from ..models import Blocker, MonthlyReport, Project, ProjectSettings
from ..permissions import OVERVIEW_ROLES, is_office


def _leader_prefetch():
    return Prefetch("leader_links", queryset=LeaderLink.objects.active().select_related("leader"), to_attr="links")


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


def _prefilled_form(project, month, prefill):
    """The "本月" report form of a project: the month's plan as the figures, last month's narrative as a hint."""
    plan, initial = prefill.get("plan"), {"month": month}
    if plan:
        initial.update(investment=plan.planned_investment, workload=plan.planned_workload)
    form = ReportForm(prefix=f"p{project.pk}", initial=initial)
    if prefill.get("hint"):
        form.fields["narrative"].widget.attrs["placeholder"] = prefill["hint"]
    return form


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
        months = {}
        for project in page.object_list:
            owed = [i["month"] for i in items.get(project.pk, []) if i["kind"] == "report"]
            if owed:
                months[project.pk] = min(owed)
        prefills = selectors.report_prefills(months)  # the plan fills the form; last month's narrative hints
        entries = []
        for project in page.object_list:
            month, prefill = months.get(project.pk), prefills.get(project.pk, {})
            form = _prefilled_form(project, month, prefill) if month else None
            entries.append({"project": project, "items": items.get(project.pk, []), "form": form, "month": month,
                            "plan": prefill.get("plan"),
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


