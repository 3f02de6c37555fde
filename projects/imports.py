"""The project ledger and a unit's monthly reports as Excel imports (run by ``gaoyou_portal.imports``).

The headers (``excel.LEDGER_COLUMNS``, ``excel.REPORT_COLUMNS``) are the towns' own Chinese wording,
shared with the exports so an export imports back. Rows are checked here; the services apply them.
"""

from functools import cached_property

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gaoyou_portal.imports import Column, ImportSpec, PreviewRow, parsers, register

from .choices import ProjectCategory, ProjectLevel, ProjectStatus
from .excel import LEDGER_COLUMNS, MILESTONE_HEADERS, REPORT_COLUMNS
from .models import MonthlyReport, Project

DATE_KEYS = ["signing_date"] + [f"{kind}_{which}_date" for kind in MILESTONE_HEADERS for which in ("planned", "actual")]
LEDGER_PARSERS = {
    "level": parsers.choice(ProjectLevel),
    "category": parsers.choice(ProjectCategory),
    "status": parsers.choice(ProjectStatus),
    "responsible_unit": parsers.unit(),
    "service_units": parsers.units(),
    "leaders": parsers.leaders(),
    "total_investment": parsers.decimal(minimum=0, empty=parsers.parse_decimal(0)),
    "year_planned_investment": parsers.decimal(minimum=0, empty=parsers.parse_decimal(0)),
    **{key: parsers.date() for key in DATE_KEYS},
}
LEDGER_REQUIRED = {"code", "name", "level", "category", "status", "responsible_unit", "responsible_person"}


def _iso(value):
    return value.isoformat() if value else None


@register
class LedgerImport(ImportSpec):
    """The whole ledger: a known code updates its project, a new one adds a project."""

    key = "projects.ledger"
    title = gettext_lazy("Import the project ledger")
    columns = [Column(header, key, LEDGER_PARSERS.get(key), required=key in LEDGER_REQUIRED)
               for header, key in LEDGER_COLUMNS.items()]
    upload_url_name = "projects:ledger_import"
    success_url_name = "projects:project_list"

    @cached_property
    def existing(self):
        return {p.code: p for p in Project.objects.only("id", "code", "name")}

    def check_permission(self):
        from .services import require_office

        require_office(self.user)

    def clean_row(self, data, row):
        code = data.get("code")
        self.refuse_repeated_code(code, row)
        if row.failed:
            return None
        project = self.existing.get(code)
        out = {key: data[key] for key in ("code", "name", "responsible_person", "industry", "responsible_phone",
                                          "level", "category", "status")}
        out.update(
            row=row.number, project_id=project.pk if project else None,
            responsible_unit=data["responsible_unit"].pk,
            service_units=[u.pk for u in data["service_units"]], leaders=[x.pk for x in data["leaders"]],
            total_investment=str(data["total_investment"]),
            year_planned_investment=str(data["year_planned_investment"]),
            **{key: _iso(data[key]) for key in DATE_KEYS},
        )
        return out

    def apply(self, rows):
        from .services import ledger_import

        return ledger_import(rows=[row.data for row in rows], user=self.user)

    def preview_row(self, row):
        preview = super().preview_row(row)
        project = self.existing.get(row.data["code"])
        preview.note = (_("updates “%(name)s”") % {"name": project.name}) if project else _("new")
        return preview


@register
class UnitReportsImport(ImportSpec):
    """A unit's monthly reports for many projects in one sheet; ``params["unit_ids"]``: the units allowed."""

    key = "projects.reports"
    title = gettext_lazy("Upload monthly reports")
    columns = [
        Column("项目编号", "code", required=True),
        Column("月份", "month", parsers.month(), required=True, help=gettext_lazy("as 2026-05")),
        Column("本月完成投资（万元）", "investment", parsers.decimal(minimum=0), required=True),
        Column("完成工作量", "workload"),
        Column("进展情况", "narrative"),
    ]
    assert [c.header for c in columns] == list(REPORT_COLUMNS)
    upload_url_name = "projects:report_upload"
    success_url_name = "projects:this_month"

    @cached_property
    def projects(self):
        units = self.params.get("unit_ids") or []
        return {p.code: p for p in Project.objects.filter(responsible_unit__in=units).only("id", "code", "name")}

    @cached_property
    def others(self):
        units = self.params.get("unit_ids") or []
        return set(Project.objects.exclude(responsible_unit__in=units).values_list("code", flat=True))

    def success_url(self, job):
        from django.urls import reverse

        from gaoyou_portal.roles import unit_ids_of

        return reverse("projects:this_month" if unit_ids_of(self.user) else "projects:project_list")

    def check_permission(self):
        from gaoyou_portal.errors import DomainError

        if not self.params.get("unit_ids") and self.params:
            raise DomainError(_("You report for no unit."))

    def clean_row(self, data, row):
        code = data.get("code")
        if code in self.others:
            row.error("code", _("project %(code)s belongs to another unit") % {"code": code})
        elif code and code not in self.projects:
            row.error("code", _("unknown project code %(value)s") % {"value": code})
        earlier = self.seen_before((code, data.get("month")), row)
        if earlier:
            row.error("code", _("duplicate row for this project and month (also row %(row)s)") % {"row": earlier})
        if row.failed:
            return None
        return {"row": row.number, "code": code, "project_id": self.projects[code].pk, "month": _iso(data["month"]),
                "investment": str(data["investment"]), "workload": data["workload"], "narrative": data["narrative"]}

    def apply(self, rows):
        from .services import unit_reports_import

        return unit_reports_import(rows=[row.data for row in rows], user=self.user)

    @cached_property
    def submitted(self):
        """The reports already submitted for the rows' projects and months: one query for the preview."""
        from django.utils import timezone

        from gaoyou_portal.reporting import add_months, month_start

        since = add_months(month_start(timezone.localdate()), -13)  # older months are locked: no row can replace them
        ids = [p.pk for p in self.projects.values()]
        reports = MonthlyReport.objects.filter(project__in=ids, month__gte=since).select_related("submitted_by")
        return {(r.project_id, r.month.isoformat()): r for r in reports}

    def preview_row(self, row):
        """Each project named, every field, and whether the row is a new report or replaces one already
        submitted, with what that one said: nothing submitted is overwritten unseen."""
        from django.utils import formats, timezone

        from gaoyou_portal.audit import person

        data = row.data
        project = self.projects[data["code"]]
        cells = [f"{project.name}（{data['code']}）", data["month"][:7], data["investment"], data["workload"],
                 data["narrative"]]
        report = self.submitted.get((project.pk, data["month"]))
        if report is None:
            return PreviewRow(cells, _("new report"))
        at = formats.date_format(timezone.localtime(report.submitted_at), "Y-m-d H:i") if report.submitted_at else "—"
        note = _("Replaces the report %(by)s submitted on %(at)s") % {"by": person(report.submitted_by), "at": at}
        same = (str(report.investment) == data["investment"] and report.workload == data["workload"]
                and report.narrative == data["narrative"])
        if same:
            return PreviewRow(cells, "；".join([note, _("unchanged")]))
        was = " · ".join(str(v) for v in (report.investment, report.workload, report.narrative) if v not in ("", None))
        return PreviewRow(cells, "；".join([note, "：".join([_("was"), was])]))
