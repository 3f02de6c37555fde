"""The project ledger (项目台账) and a unit's monthly reports as Excel sheets.

Headers are the towns' own Chinese wording and do not change with the interface language, so a sheet
exported in English can be imported again. Parsing checks every cell and names the row and column of
each problem; nothing is written here (the services do that, all or nothing).
"""

from django.utils import translation
from django.utils.translation import gettext as _

from gaoyou_portal.spreadsheets import RowErrors, open_sheet, parse_date, parse_decimal, xlsx_response
from org.models import Leader, Unit

from .choices import MilestoneKind, ProjectCategory, ProjectLevel, ProjectStatus
from .models import Project

MILESTONE_HEADERS = {
    MilestoneKind.SIGNED: "签约",
    MilestoneKind.STARTED: "开工",
    MilestoneKind.COMPLETED: "竣工",
    MilestoneKind.IN_PRODUCTION: "达产",
}
LEDGER_COLUMNS = {
    "项目编号": "code",
    "项目名称": "name",
    "级别": "level",
    "类别": "category",
    "产业": "industry",
    "责任单位": "responsible_unit",
    "服务部门": "service_units",
    "责任人": "responsible_person",
    "联系电话": "responsible_phone",
    "总投资（万元）": "total_investment",
    "年度计划投资（万元）": "year_planned_investment",
    "签约日期": "signing_date",
    "状态": "status",
    "挂钩市领导": "leaders",
}
for _kind, _label in MILESTONE_HEADERS.items():
    LEDGER_COLUMNS[f"{_label}计划日期"] = f"{_kind}_planned_date"
    LEDGER_COLUMNS[f"{_label}实际日期"] = f"{_kind}_actual_date"

REPORT_COLUMNS = {
    "项目编号": "code",
    "月份": "month",
    "本月完成投资（万元）": "investment",
    "完成工作量": "workload",
    "进展情况": "narrative",
}
SEPARATORS = ("、", ",", "，", ";", "；")


def _choice_map(choices):
    """Value and Chinese label, both accepted in a cell."""
    with translation.override("zh-hans"):
        mapping = {str(label): value for value, label in choices.choices}
    mapping.update({value: value for value in choices.values})
    return mapping


def _labels(choices):
    with translation.override("zh-hans"):
        return {value: str(label) for value, label in choices.choices}


def _split(text):
    if not text:
        return []
    text = str(text)
    for sep in SEPARATORS[1:]:
        text = text.replace(sep, SEPARATORS[0])
    return [part.strip() for part in text.split(SEPARATORS[0]) if part.strip()]


def _fmt_date(value):
    return value.isoformat() if value else None


# --- export -------------------------------------------------------------------------------------------------
def ledger_response(queryset, filename="项目台账.xlsx"):
    """The ledger of ``queryset`` as an .xlsx download, in the import format."""
    from django.contrib.contenttypes.models import ContentType

    from org.choices import LinkKind
    from org.models import LeaderLink

    projects = list(
        queryset.select_related("responsible_unit").prefetch_related("service_units", "milestones").order_by("code")
    )
    ct = ContentType.objects.get_for_model(Project)
    leaders = {}
    for link in LeaderLink.objects.filter(kind=LinkKind.PROJECT, content_type=ct,
                                          object_id__in=[p.pk for p in projects]).select_related("leader"):
        leaders.setdefault(link.object_id, []).append(link.leader.name)
    level, category, status = _labels(ProjectLevel), _labels(ProjectCategory), _labels(ProjectStatus)
    rows = []
    for p in projects:
        milestones = {m.kind: m for m in p.milestones.all()}
        row = [
            p.code, p.name, level[p.level], category.get(p.category, p.category), p.industry,
            p.responsible_unit.name, "、".join(u.name for u in p.service_units.all()), p.responsible_person,
            p.responsible_phone, p.total_investment, p.year_planned_investment, p.signing_date,
            status[p.status], "、".join(leaders.get(p.pk, [])),
        ]
        for kind in MILESTONE_HEADERS:
            m = milestones.get(kind)
            row += [m.planned_date if m else None, m.actual_date if m else None]
        rows.append(row)
    return xlsx_response(filename, list(LEDGER_COLUMNS), rows, title="项目台账")


def report_template_response(projects, month):
    rows = [[p.code, month, None, "", ""] for p in projects]
    return xlsx_response("月报上传模板.xlsx", list(REPORT_COLUMNS), rows, title="月报")


# --- import ---------------------------------------------------------------------------------------------
def parse_ledger(uploaded):
    """Read a ledger sheet into plain rows (JSON-safe, for the preview) or raise with every row error."""
    levels, categories, statuses = _choice_map(ProjectLevel), _choice_map(ProjectCategory), _choice_map(ProjectStatus)
    units = {}
    for unit in Unit.objects.all():
        units[unit.name] = units[unit.code] = units[unit.short_name or unit.name] = unit
    leaders = {leader.name: leader for leader in Leader.objects.all()}
    existing = {p.code: p for p in Project.objects.all().only("id", "code", "name")}
    errors = RowErrors()
    rows, seen = [], {}
    with open_sheet(uploaded, columns=LEDGER_COLUMNS) as sheet:
        for row in sheet.rows():
            v, out, number = row.values, {"row": row.number}, row.number

            def fail(column, message, number=number):
                errors.add(number, column, message)

            code = str(v["code"] or "").strip()
            if not code:
                fail("项目编号", _("is empty"))
            elif code in seen:
                fail("项目编号", _("duplicate code %(code)s (also on row %(row)s)") % {"code": code, "row": seen[code]})
            else:
                seen[code] = number
            out["code"] = code
            out["project_id"] = existing[code].pk if code in existing else None
            for key, header in (("name", "项目名称"), ("responsible_person", "责任人")):
                out[key] = str(v[key] or "").strip()
                if not out[key]:
                    fail(header, _("is empty"))
            out["industry"] = str(v["industry"] or "").strip()
            out["responsible_phone"] = str(v["responsible_phone"] or "").strip()
            for key, header, mapping in (("level", "级别", levels), ("category", "类别", categories),
                                         ("status", "状态", statuses)):
                value = str(v[key] or "").strip()
                if value not in mapping:
                    fail(header, _("unknown value %(value)s") % {"value": value or "—"})
                out[key] = mapping.get(value)
            unit = units.get(str(v["responsible_unit"] or "").strip())
            if unit is None:
                fail("责任单位", _("unknown unit %(value)s") % {"value": v["responsible_unit"] or "—"})
            out["responsible_unit"] = unit.pk if unit else None
            out["service_units"] = []
            for name in _split(v["service_units"]):
                if name not in units:
                    fail("服务部门", _("unknown unit %(value)s") % {"value": name})
                else:
                    out["service_units"].append(units[name].pk)
            out["leaders"] = []
            for name in _split(v["leaders"]):
                if name not in leaders:
                    fail("挂钩市领导", _("unknown city leader %(value)s") % {"value": name})
                else:
                    out["leaders"].append(leaders[name].pk)
            for key, header in (("total_investment", "总投资（万元）"),
                                ("year_planned_investment", "年度计划投资（万元）")):
                try:
                    out[key] = str(parse_decimal(v[key] if v[key] is not None else 0, minimum=0))
                except ValueError as exc:
                    fail(header, exc)
            date_keys = [("signing_date", "签约日期")] + [
                (f"{kind}_{which}_date", f"{label}{'计划' if which == 'planned' else '实际'}日期")
                for kind, label in MILESTONE_HEADERS.items() for which in ("planned", "actual")
            ]
            for key, header in date_keys:
                try:
                    out[key] = _fmt_date(parse_date(v[key])) if v[key] is not None else None
                except ValueError as exc:
                    fail(header, exc)
            rows.append(out)
    if not rows and not errors:
        errors.add(0, "", _("The sheet has no data rows."))
    errors.raise_if_any()
    return rows


def parse_unit_reports(uploaded, *, units):
    """Read a unit's monthly reports sheet; every project must belong to one of ``units``."""
    projects = {p.code: p for p in Project.objects.filter(responsible_unit__in=units).only("id", "code")}
    others = set(Project.objects.exclude(responsible_unit__in=units).values_list("code", flat=True))
    errors = RowErrors()
    rows, seen = [], {}
    with open_sheet(uploaded, columns=REPORT_COLUMNS) as sheet:
        for row in sheet.rows():
            v, number = row.values, row.number
            code = str(v["code"] or "").strip()
            out = {"row": number, "code": code, "workload": str(v["workload"] or ""),
                   "narrative": str(v["narrative"] or "")}
            if code in others:
                errors.add(number, "项目编号", _("project %(code)s belongs to another unit") % {"code": code})
            elif code not in projects:
                errors.add(number, "项目编号", _("unknown project code %(value)s") % {"value": code or "—"})
            else:
                out["project_id"] = projects[code].pk
            try:
                out["month"] = _fmt_date(parse_date(v["month"]).replace(day=1))
            except ValueError as exc:
                errors.add(number, "月份", exc)
            try:
                out["investment"] = str(parse_decimal(v["investment"], minimum=0))
            except ValueError as exc:
                errors.add(number, "本月完成投资（万元）", exc)
            key = (code, out.get("month"))
            if key in seen:
                errors.add(number, "项目编号", _("duplicate row for this project and month (also row %(row)s)")
                           % {"row": seen[key]})
            seen[key] = number
            rows.append(out)
    if not rows and not errors:
        errors.add(0, "", _("The sheet has no data rows."))
    errors.raise_if_any()
    return rows
