"""The project ledger (项目台账) and a unit's monthly reports as Excel sheets: headers and exports.

Headers are the towns' own Chinese wording and do not change with the interface language, so a sheet
exported in English can be imported again (the imports are declared in ``imports.py``).
"""

from django.utils import translation

from gaoyou_portal.spreadsheets import xlsx_response

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


def _labels(choices):
    with translation.override("zh-hans"):
        return {value: str(label) for value, label in choices.choices}


def ledger_response(queryset, filename="项目台账.xlsx"):
    """The ledger of ``queryset`` as an .xlsx download, in the import format."""
    from django.contrib.contenttypes.models import ContentType

    from leaders.choices import LinkKind
    from leaders.models import LeaderLink

    projects = list(
        queryset.select_related("responsible_unit").prefetch_related("service_units", "milestones").order_by("code")
    )
    ct = ContentType.objects.get_for_model(Project)
    leaders = {}
    for link in LeaderLink.objects.active().filter(kind=LinkKind.PROJECT, content_type=ct,
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
