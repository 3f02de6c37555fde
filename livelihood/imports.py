"""The year's list of tasks as an Excel import (the engine in ``gaoyou_portal.imports`` does the rest).

Import and export share the columns, so an export re-imports.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext

from gaoyou_portal.imports import Column, ImportSpec, parsers, register
from gaoyou_portal.imports.engine import row_errors
from gaoyou_portal.spreadsheets import RowErrors

from . import services
from .choices import TaskCategory
from .models import LivelihoodTask

COLUMNS = [
    Column("编号", "number", parsers.integer(minimum=1, maximum=100), required=True,
           help=gettext_lazy("1 to 100, each once in the year; a number already in the year updates that task"),
           example=1),
    Column("任务名称", "title", parsers.text(max_length=200), required=True, example="新建城南实验小学"),
    Column("类别", "category", parsers.choice(TaskCategory), required=True, example="教育"),
    Column("建设内容及目标", "target", required=True, example="建成48个班"),
    Column("责任领导", "responsible_leader", parsers.leader(), required=True),
    Column("牵头单位", "lead_unit", parsers.unit(), required=True,
           help=gettext_lazy("a unit by name, short name or code")),
    Column("责任单位", "responsible_units", parsers.units(), help=gettext_lazy("several separated by 、")),
    Column("完成时限", "deadline", parsers.date(), required=True,
           help=gettext_lazy("a date within the year, as 2026-12-31")),
]
EXPORT_EXTRA = ["状态", "完成进度(%)", "完成日期"]


@register
class TaskListImport(ImportSpec):
    key = "livelihood.tasks"
    upload_url_name = "livelihood:task_import"
    title = gettext_lazy("Import the year's list of tasks")
    columns = COLUMNS
    confirm = False  # the list is short and checked whole: a clean file is imported at once
    success_url_name = "livelihood:task_list"

    def success_url(self, job):
        from django.urls import reverse

        return f"{reverse('livelihood:task_list')}?year={job.params['year']}"

    def example_params(self):
        from django.utils import timezone

        return {"year": timezone.localdate().year}

    def check_permission(self):
        services.require_manager(self.user)

    def clean_row(self, data, row):
        year = self.params.get("year")
        if year and data.get("deadline") and data["deadline"].year != year:
            row.error("deadline", _("must fall within %(year)s") % {"year": year})
        number = data.get("number")
        if number is None:
            return data
        earlier = self.seen_before(number, row)
        if earlier:
            row.error("number", _("number %(number)s is also on row %(other)s") % {"number": number, "other": earlier})
        return data

    def apply(self, rows):
        """A number already in the year updates that task (its progress stays); a new number adds a task."""
        year = self.params["year"]
        existing = {t.number: t for t in LivelihoodTask.objects.filter(year=year)}
        errors, counts = RowErrors(), {"created": 0, "updated": 0}
        for row in rows:
            data = dict(row.data)
            units = data.pop("responsible_units")
            try:
                with transaction.atomic():
                    if data["number"] in existing:
                        services.task_update(task=existing[data["number"]], user=self.user, responsible_units=units,
                                             **data)
                        counts["updated"] += 1
                    else:
                        services.task_create(user=self.user, year=year, responsible_units=units, **data)
                        counts["created"] += 1
            except ValidationError as exc:
                errors.items += row_errors(row.number, exc, self)
        errors.raise_if_any()
        return counts

    def template_rows(self):
        return []


def export_response(tasks, *, year):
    """The list as the import reads it (same columns first), with the progress after them."""
    from gaoyou_portal.spreadsheets import xlsx_response

    rows = (
        [
            t.number, t.title, t.get_category_display(), t.target, t.responsible_leader.name, t.lead_unit.name,
            "、".join(u.name for u in t.responsible_units.all()), t.deadline, t.get_status_display(), t.percent,
            t.completed_on,
        ]
        for t in tasks
    )
    return xlsx_response(f"民生实事-{year}.xlsx", [c.header for c in COLUMNS] + EXPORT_EXTRA, rows, title=f"{year}")


def bulletin_export_response(bulletin, *, month):
    """The monthly bulletin (``selectors.monthly_bulletin``): each lead unit's tasks, percent against pace."""
    from gaoyou_portal.spreadsheets import xlsx_response

    headers = [_("lead unit"), _("number"), pgettext("livelihood", "title"), pgettext("livelihood", "deadline"),
               _("percent complete"), _("expected percent"), _("pace")]
    rows = [
        [b.unit.name, r.task.number, r.task.title, r.task.deadline, r.percent, r.expected, r.pace_label]
        for b in bulletin["units"] for r in b.rows
    ]
    return xlsx_response(f"民生实事月报-{month:%Y-%m}.xlsx", headers, rows, title=f"{month:%Y-%m}")
