"""A unit's month of values as one Excel sheet, through the shared import engine (preview, all or nothing).

Each row is one reported target's value for one unit and month; the service (``value_submit``) applies
the same rules as the page: the unit's own quota only, an open month only, no negative count.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gaoyou_portal.errors import DomainError
from gaoyou_portal.imports import Column, ImportSpec, parsers, register
from gaoyou_portal.imports.engine import row_errors
from gaoyou_portal.spreadsheets import RowErrors, xlsx_response

from .choices import Aggregation, Direction, Pace, Status, TargetKind, rollups_for
from .measures import rounded
from .models import Target


@register
class TargetValuesImport(ImportSpec):
    """``params["year"]``: the plan's year."""

    key = "targets.values"
    title = gettext_lazy("Upload a month's values")
    columns = [
        Column("目标编号", "code", parsers.text(upper=True), required=True, example="B12"),
        Column("单位", "unit", parsers.unit(), required=True, example="龙虬镇"),
        Column("月份", "month", parsers.month(), required=True, example="2026-11",
               help=gettext_lazy("as 2026-05")),
        Column("数值", "value", parsers.decimal(minimum=0), required=True, example="12"),
        Column("说明", "note", example="签约入住12户"),
    ]
    upload_url_name = "targets:value_import"
    success_url_name = "targets:mine"

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._targets = None

    @property
    def targets(self):
        if self._targets is None:
            self._targets = {t.code: t for t in Target.objects.visible_to(self.user).filter(
                plan__year=self.params.get("year"), kind=TargetKind.REPORTED).select_related("plan", "lead_unit")}
        return self._targets

    def clean_row(self, data, row):
        code = data.get("code")
        if code and code not in self.targets:
            row.error("code", _("no reported target %(code)s in the %(year)s plan")
                      % {"code": code, "year": self.params.get("year")})
        earlier = self.seen_before((code, getattr(data.get("unit"), "pk", None), data.get("month")), row)
        if earlier:
            row.error("code", _("duplicate row for this target, unit and month (also row %(row)s)") % {"row": earlier})
        return data

    def apply(self, rows):
        from .services import value_submit

        errors, created = RowErrors(), 0
        for row in rows:
            data = row.data
            try:
                value_submit(target=self.targets[data["code"]], unit=data["unit"], month=data["month"],
                             value=data["value"], note=data.get("note") or "", user=self.user)
            except ValidationError as exc:
                errors.items += row_errors(row.number, exc, self)
                continue
            created += 1
        errors.raise_if_any()
        return {"created": created, "updated": 0}


YES_NO = {"是": True, "否": False, "yes": True, "no": False, "1": True, "0": False}


@register
class TargetPlanImport(ImportSpec):
    """The office sets up (or updates) a year's plan from one sheet; ``params["year"]``."""

    key = "targets.plan"
    title = gettext_lazy("Upload the year's plan")
    columns = [
        Column("编号", "code", parsers.text(upper=True, max_length=20), required=True, example="B12"),
        Column("板块", "section", parsers.text(max_length=200), required=True, example="着眼禀赋条件 · 城乡"),
        Column("目标任务", "title", parsers.text(max_length=200), required=True, example="600户零散农户集中居住"),
        Column("原文表述", "source", example="今年计划实现 600 户零散农户集中居住"),
        Column("口径", "definition", parsers.text(), required=True,
               example="本年1月1日至12月31日签约并入住集中居住点的零散农户户数，不含往年已签约户"),
        Column("数据来源", "data_source", parsers.text(), required=True,
               example="各镇（街道）按月填报签约入住户数并附签约台账，自然资源和规划局核验"),
        Column("类型", "kind", parsers.choice(TargetKind), required=True, example="单位填报"),
        Column("目标值", "figure", parsers.decimal(minimum=0), example="600"),
        Column("计量单位", "measure", parsers.text(max_length=10), example="户"),
        Column("方向", "direction", parsers.choice(Direction), example="不低于"),
        Column("完成时限", "deadline", parsers.date(), required=True, example="2026-12-31"),
        Column("序时方式", "pace", parsers.choice(Pace), example="按时间均衡（直线）"),
        Column("计算指标", "metric", help=gettext_lazy("for a derived target: the metric's code")),
        Column("汇总方式", "aggregation", parsers.choice(Aggregation, words={"各月累计": Aggregation.SUM}),
               example="各月相加", help=gettext_lazy("blank: by the kind (derived and milestone targets: cumulative to "
                                                     "date; a rank: latest value; else sum of the months)")),
        Column("牵头单位", "lead_unit", parsers.unit(), required=True, example="自然资源和规划局"),
        Column("责任单位", "responsible_units", parsers.units(), example="龙虬镇、车逻镇"),
        Column("责任领导", "responsible_leader", parsers.leader(), example="吴海燕"),
        Column("公开", "is_public", parsers.choice(words=YES_NO), example="是"),
        Column("涉密", "is_confidential", parsers.choice(words=YES_NO), example="否"),
    ]
    upload_url_name = "targets:plan_import"
    success_url_name = "targets:board"

    def check_permission(self):
        from .permissions import is_office

        if not is_office(self.user):
            raise DomainError(_("Only the assessment office changes the plan."))

    def clean_row(self, data, row):
        self.refuse_repeated_code(data.get("code"), row)
        if data.get("kind") == TargetKind.ZERO:
            data["direction"], data["figure"] = Direction.ZERO, 0
        elif not data.get("direction"):
            data["direction"] = Direction.AT_LEAST
        if data.get("kind") == TargetKind.MILESTONE:
            data["pace"] = Pace.MILESTONES
        if data.get("kind") and not data.get("aggregation"):
            data["aggregation"] = rollups_for(data["kind"], data.get("direction"))[0]
        data["metric"] = (data.get("metric") or "").strip()
        return data

    def apply(self, rows):
        from django.db import transaction

        from .services import plan_rows_import

        # Row by row on a savepoint, so every refused row is named; the engine keeps it all or nothing.
        errors, counts = RowErrors(), {"created": 0, "updated": 0}
        for row in rows:
            try:
                with transaction.atomic():
                    result = plan_rows_import(year=self.params["year"], rows=[row.data], user=self.user)
            except ValidationError as exc:
                errors.items += row_errors(row.number, exc, self)
                continue
            for key in counts:
                counts[key] += result[key]
        errors.raise_if_any()
        return counts


# --- exports: built beside the specs ----------------------------------------------------------------------------
EXPORT_HEADERS = ["编号", "板块", "目标任务", "目标值", "计量单位", "序时应达", "实际", "进度%", "状态", "原因",
                  "责任领导", "牵头单位", "完成时限", "口径", "数据来源"]


def export_number(value, target):
    """A number cell at the target's decimals: an int for a count, so Excel never shows 10.74 meetings."""
    if value is None:
        return None
    value = rounded(value, target.decimals)
    return int(value) if target.decimals == 0 else value


def board_export_response(board, *, plan):
    """The board as filtered (``selectors.board``): every target with its pace, status and reason."""
    rows = []
    for entry in board["sections"]:
        for row in entry["rows"]:
            t, ev = row.target, row.evaluation
            rows.append([t.code, str(entry["section"]), t.title, export_number(t.figure, t), t.measure,
                         export_number(ev.expected, t), export_number(ev.actual, t),
                         ev.percent, Status(ev.status).label, ev.reason,
                         t.responsible_leader.name if t.responsible_leader else "", t.lead_unit.name, t.deadline,
                         t.definition, t.data_source])
    return xlsx_response(f"targets-{plan.year}.xlsx", EXPORT_HEADERS, rows, title=str(plan.year))
