"""A unit's month of values as one Excel sheet, through the shared import engine (preview, all or nothing).

Each row is one reported target's value for one unit and month; the service (``value_submit``) applies
the same rules as the page: the unit's own quota only, an open month only, no negative count.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gaoyou_portal.imports import Column, ImportSpec, parsers, register
from gaoyou_portal.imports.engine import row_errors
from gaoyou_portal.spreadsheets import RowErrors

from .choices import TargetKind
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
        self.seen = {}
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
        key = (code, getattr(data.get("unit"), "pk", None), data.get("month"))
        if key in self.seen:
            row.error("code", _("duplicate row for this target, unit and month (also row %(row)s)")
                      % {"row": self.seen[key]})
        else:
            self.seen[key] = row.number
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
