"""What the Excel imports apply (the specs are in ``projects.imports``): all rows or none."""

from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction

from gaoyou_portal.errors import by_field
from leaders.models import Leader

from ..choices import MilestoneKind
from ..excel import LEDGER_COLUMNS, REPORT_COLUMNS
from ..models import MonthlyReport, Project
from .common import PROJECT_FIELDS, _require_office
from .ledger import project_save
from .reports import report_submit, report_update


def _row_error(errors, number, exc, columns):
    """Turn a service's error into row errors naming the sheet's column (``columns``: header -> key)."""
    from gaoyou_portal.spreadsheets import RowError

    headers = {key: header for header, key in columns.items()}
    for field, field_errors in by_field(exc).items():
        for message in field_errors:
            errors.append(RowError(number, headers.get(field, "" if field == "__all__" else field), message))


@transaction.atomic
def ledger_import(*, rows, user, today=None) -> dict:
    """Create and update projects from parsed ledger rows (``excel.parse_ledger``); any error rolls back all."""
    from gaoyou_portal.spreadsheets import SpreadsheetError
    from org.models import Unit

    _require_office(user)
    units = {u.pk: u for u in Unit.objects.all()}
    leaders = {leader.pk: leader for leader in Leader.objects.all()}
    projects = {p.code: p for p in Project.objects.filter(code__in=[r["code"] for r in rows])}
    errors, counts = [], {"created": 0, "updated": 0}
    for row in rows:
        project = projects.get(row["code"])
        data = {key: row[key] for key in PROJECT_FIELDS if key in row}
        data["responsible_unit"] = units.get(row["responsible_unit"])
        data["signing_date"] = date.fromisoformat(row["signing_date"]) if row.get("signing_date") else None
        for key in ("total_investment", "year_planned_investment"):
            data[key] = Decimal(row[key])
        milestones = {
            kind: {which: date.fromisoformat(row[f"{kind}_{which}"]) if row.get(f"{kind}_{which}") else None
                   for which in ("planned_date", "actual_date")}
            for kind in MilestoneKind.values
        }
        try:
            with transaction.atomic():
                project_save(
                    user=user, project=project, data=data, milestones=milestones, today=today,
                    service_units=[units[pk] for pk in row["service_units"] if pk in units],
                    leaders=[leaders[pk] for pk in row["leaders"] if pk in leaders],
                )
        except ValidationError as exc:
            _row_error(errors, row["row"], exc, LEDGER_COLUMNS)
            continue
        counts["updated" if project else "created"] += 1
    if errors:
        raise SpreadsheetError(errors)
    return counts


@transaction.atomic
def unit_reports_import(*, rows, user, today=None) -> dict:
    """Submit (or, before the lock, change) a unit's monthly reports from one sheet; all or nothing."""
    from gaoyou_portal.spreadsheets import SpreadsheetError

    from ..lights import refresh_lights
    from ..models import ProjectSettings

    config = ProjectSettings.load()  # read once, not once a row
    projects = Project.objects.in_bulk([r["project_id"] for r in rows if r.get("project_id")])
    months = {r["month"] for r in rows}
    existing = {  # the reports the sheet may replace: its projects, its months
        (r.project_id, r.month): r
        for r in MonthlyReport.objects.filter(project__in=projects.values(), month__in=months).select_related("project")
    }
    errors, counts = [], {"created": 0, "updated": 0}
    for row in rows:
        project = projects[row["project_id"]]
        month = date.fromisoformat(row["month"])
        data = {"investment": row["investment"], "workload": row["workload"], "narrative": row["narrative"]}
        report = existing.get((project.pk, month))
        try:  # each service is atomic: a refused row leaves nothing behind, and the next rows are still checked
            if report is None:
                report_submit(project=project, month=month, data=data, user=user, today=today, config=config,
                              refresh_light=False)
                counts["created"] += 1
            else:
                report_update(report=report, data=data, user=user, today=today, config=config,
                              refresh_light=False)
                counts["updated"] += 1
        except ValidationError as exc:
            _row_error(errors, row["row"], exc, REPORT_COLUMNS)
    if errors:
        raise SpreadsheetError(errors)
    refresh_lights(list(projects), today=today, config=config)  # every project of the sheet, in one pass
    return counts
