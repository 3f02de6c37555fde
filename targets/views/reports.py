"""The reports of record: the staff page (the office drafts, edits, approves, publishes, adds notes and reminds
the lead units), its print view, and the published report on the public site."""

from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views import View

from gaoyou_portal.mixins import StaffRequiredMixin
from gaoyou_portal.views import ServiceActionView

from .. import reports
from ..cache import public_cache
from ..choices import ReportKind
from ..models import Plan, Report
from ..permissions import OFFICE_ROLES, is_office


def _plan_kind(year, kind):
    if kind not in ReportKind.values:
        raise Http404
    return get_object_or_404(Plan, year=year), kind


class ReportView(StaffRequiredMixin, View):
    """A year's mid-year or year-end report: what the office drafted, its state, the notes; ``?print=1`` prints."""

    def get(self, request, year, kind):
        plan, kind = _plan_kind(year, kind)
        report = Report.objects.filter(plan=plan, kind=kind).select_related(
            "plan", "drafted_by", "approved_by", "published_by").first()
        office = is_office(request.user)
        context = {"plan": plan, "kind": kind, "kind_label": ReportKind(kind).label, "report": report,
                   "notes": list(report.notes.select_related("created_by")) if report else [],
                   "is_office": office, "as_of": reports.as_of(plan, kind)}
        if office and not (report and report.is_published):
            context["missing"] = reports.missing_explanations(plan=plan, kind=kind)
        template = "targets/report_print.html" if request.GET.get("print") == "1" else "targets/report.html"
        return render(request, template, context)


ACTIONS = {
    "draft": lambda request, plan, kind, report: reports.report_draft(plan=plan, kind=kind, user=request.user),
    "edit": lambda request, plan, kind, report: reports.report_edit(
        report=report, title=request.POST.get("title", ""), summary=request.POST.get("summary", ""),
        user=request.user),
    "approve": lambda request, plan, kind, report: reports.report_approve(report=report, user=request.user),
    "publish": lambda request, plan, kind, report: reports.report_publish(report=report, user=request.user),
    "note": lambda request, plan, kind, report: reports.report_note(report=report, text=request.POST.get("text", ""),
                                                                   user=request.user),
    "remind": lambda request, plan, kind, report: reports.report_remind(plan=plan, kind=kind, user=request.user),
}
DONE = {"draft": _("The report was drafted from the data."), "edit": _("The report was saved."),
        "approve": _("The report was approved."), "publish": _("The report was published on the public site."),
        "note": _("The note was added under the report."), "remind": _("%(n)s lead unit(s) were reminded.")}


class ReportActionView(StaffRequiredMixin, ServiceActionView):
    required_roles = OFFICE_ROLES

    def get_object(self):
        self.plan, self.kind = _plan_kind(self.kwargs["year"], self.kwargs["kind"])
        self.action = self.kwargs["action"]
        if self.action not in ACTIONS:
            raise Http404
        report = Report.objects.filter(plan=self.plan, kind=self.kind).first()
        if report is None and self.action not in ("draft", "remind"):
            raise Http404
        return report

    def call_service(self, form):
        return ACTIONS[self.action](self.request, self.plan, self.kind, self.object)

    def get_success_message(self):
        text = str(DONE[self.action])
        return text % {"n": self.saved} if self.action == "remind" else text

    def get_redirect_url(self):
        return reverse("targets:report", kwargs={"year": self.plan.year, "kind": self.kind})


@public_cache.page("report")
def public_report(request, year, kind):
    """A published report for everyone (its public targets only), with the dated notes under it."""
    plan, kind = _plan_kind(year, kind)
    report = get_object_or_404(Report.objects.published().select_related("plan"), plan=plan, kind=kind)
    return render(request, "targets/public_report.html", {
        "report": report, "notes": list(report.notes.all()), "kind_label": ReportKind(kind).label, "public": True})
