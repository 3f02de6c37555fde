"""The Excel layout of a year's list of tasks (import and export share it, so an export re-imports)."""

from django.utils.translation import gettext as _

from gaoyou_portal.spreadsheets import RowErrors, open_sheet, parse_date, parse_int, xlsx_response
from org.models import Leader, Unit

from .choices import TaskCategory

# Header as it appears in the sheet -> key.
COLUMNS = {
    "编号": "number",
    "任务名称": "title",
    "类别": "category",
    "建设内容及目标": "target",
    "责任领导": "leader",
    "牵头单位": "lead_unit",
    "责任单位": "responsible_units",
    "完成时限": "deadline",
}
EXPORT_EXTRA = ["状态", "完成进度(%)", "完成日期"]
SEPARATORS = ("、", "，", ",", ";", "；", "\n")


def _split(text):
    text = str(text or "")
    for sep in SEPARATORS[1:]:
        text = text.replace(sep, SEPARATORS[0])
    return [part.strip() for part in text.split(SEPARATORS[0]) if part.strip()]


class _Lookup:
    """Units by name, short name or code; leaders by name (or "name（title）"); categories by code or label."""

    def __init__(self):
        self.units = {}
        for unit in Unit.objects.all():
            for key in (unit.name, unit.short_name, unit.code):
                if key:
                    self.units.setdefault(key, unit)
        self.leaders = {}
        for leader in Leader.objects.all():
            self.leaders.setdefault(leader.name, leader)
            self.leaders.setdefault(str(leader), leader)
        self.categories = {}
        for value, label in TaskCategory.choices:
            self.categories[value] = value
            self.categories[str(label)] = value
            self.categories[str(TaskCategory(value).label)] = value

    def unit(self, text):
        unit = self.units.get(str(text).strip())
        if unit is None:
            raise ValueError(_("unknown unit “%(name)s”") % {"name": text})
        return unit

    def leader(self, text):
        text = str(text or "").strip()
        leader = self.leaders.get(text) or self.leaders.get(text.split("（")[0].split("(")[0].strip())
        if leader is None:
            raise ValueError(_("unknown city leader “%(name)s”") % {"name": text})
        return leader

    def category(self, text):
        value = self.categories.get(str(text or "").strip())
        if value is None:
            raise ValueError(_("unknown category “%(name)s”") % {"name": text})
        return value


def read_tasks(uploaded, *, year):
    """Read and check every row; return a list of task dicts, or raise with every row error at once."""
    lookup = _Lookup()
    errors = RowErrors()
    rows, seen = [], {}
    with open_sheet(uploaded, columns=COLUMNS) as sheet:
        for row in sheet.rows():
            values, data = row.values, {"row": row.number}
            for header, key in COLUMNS.items():
                value = values[key]
                try:
                    if key == "number":
                        data[key] = parse_int(value, minimum=1, maximum=100)
                    elif key == "deadline":
                        data[key] = parse_date(value)
                        if data[key].year != year:
                            raise ValueError(_("must fall within %(year)s") % {"year": year})
                    elif key == "leader":
                        data["responsible_leader"] = lookup.leader(value)
                    elif key == "lead_unit":
                        data[key] = lookup.unit(value)
                    elif key == "responsible_units":
                        data[key] = [lookup.unit(name) for name in _split(value)]
                    elif key == "category":
                        data[key] = lookup.category(value)
                    else:
                        if value is None:
                            raise ValueError(_("is empty"))
                        data[key] = str(value)
                        if key == "title" and len(data[key]) > 200:
                            raise ValueError(_("is longer than 200 characters"))
                except ValueError as exc:
                    errors.add(row.number, header, exc)
            number = data.get("number")
            if number is not None:
                if number in seen:
                    errors.add(row.number, "编号", _("number %(number)s is also on row %(other)s") % {
                        "number": number, "other": seen[number]})
                seen.setdefault(number, row.number)
            rows.append(data)
    if not rows and not errors:
        errors.add(0, "", _("The sheet has no tasks."))
    errors.raise_if_any()
    return rows


def export_response(tasks, *, year):
    headers = list(COLUMNS) + EXPORT_EXTRA
    rows = (
        [
            t.number, t.title, t.get_category_display(), t.target, t.responsible_leader.name, t.lead_unit.name,
            "、".join(u.name for u in t.responsible_units.all()), t.deadline, t.get_status_display(), t.percent,
            t.completed_on,
        ]
        for t in tasks
    )
    return xlsx_response(f"民生实事-{year}.xlsx", headers, rows, title=f"{year}")

