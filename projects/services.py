"""Every write of the projects app. Forms, the API, Excel imports and Celery tasks all call these.

Each service takes keyword arguments, runs in a transaction, refuses what the rules forbid with a
``DomainError`` in Chinese (keyed by the offending field where there is one), validates the row with
``full_clean`` and saves it through ``save_audited`` so the history records who did it.
"""

from datetime import date
from decimal import Decimal, InvalidOperation

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from gaoyou_portal.audit import save_audited
from gaoyou_portal.errors import DomainError
from gaoyou_portal.reporting import month_label, month_start
from gaoyou_portal.roles import Role
from gaoyou_portal.scoping import is_editable
from gaoyou_portal.uploads import Purpose, check_upload, check_uploads
from org.choices import LinkKind
from org.models import Leader, LeaderLink, Notice
from org.services import notify_unit, notify_users

from .choices import BlockerStatus, MilestoneKind, ProjectStatus
from .excel import LEDGER_COLUMNS, REPORT_COLUMNS
from .lights import refresh_lights, stale_lights
from .models import (
    Blocker,
    Milestone,
    MonthlyPlan,
    MonthlyReport,
    Project,
    ProjectSettings,
    ReportAttachment,
)
from .permissions import is_office

REPORT_FIELDS = ("investment", "workload", "narrative")
PROJECT_FIELDS = (
    "name", "code", "level", "category", "industry", "responsible_unit", "responsible_person",
    "responsible_phone", "total_investment", "year_planned_investment", "signing_date", "status", "description",
)
# Reaching a milestone moves the project on to this status (never back).
STATUS_AFTER = {
    MilestoneKind.SIGNED: ProjectStatus.SIGNED,
    MilestoneKind.STARTED: ProjectStatus.UNDER_CONSTRUCTION,
    MilestoneKind.COMPLETED: ProjectStatus.COMPLETED,
    MilestoneKind.IN_PRODUCTION: ProjectStatus.IN_PRODUCTION,
}
STATUS_ORDER = [
    ProjectStatus.PREPARING, ProjectStatus.SIGNED, ProjectStatus.UNDER_CONSTRUCTION,
    ProjectStatus.COMPLETED, ProjectStatus.IN_PRODUCTION,
]


class NotYourProject(DomainError):
    """The user may read the project but not enter its data (the API answers 403)."""


def _today(today):
    return today or timezone.localdate()


def _require_editable(project, user):
    if not is_editable(project, user):
        raise NotYourProject(_("You may only enter data for projects your unit is responsible for."))


def require_office(user):
    """Only the assessment office (and administrators)."""
    _require_office(user)


def _require_office(user):
    if not is_office(user):
        raise NotYourProject(_("Only the assessment office may do this."))


def _full_clean(obj, exclude=None):
    try:
        obj.full_clean(exclude=exclude)
    except ValidationError as exc:
        raise DomainError(exc.message_dict if hasattr(exc, "error_dict") else exc.messages)


def parse_month(value, field="month") -> date:
    """A month from a date or "2026-10" / "2026-10-01"; any day of the month means that month."""
    if isinstance(value, date):
        return month_start(value)
    text = str(value or "").strip()
    try:
        if len(text) == 7:
            text += "-01"
        return month_start(date.fromisoformat(text))
    except ValueError:
        raise DomainError({field: _("Give the month as a date such as 2026-10-01.")})


def parse_investment(value, field="investment") -> Decimal:
    if value is None or str(value).strip() == "":
        raise DomainError({field: _("Enter the investment in 10k yuan.")})
    try:
        amount = Decimal(str(value).replace(",", "").strip())
    except InvalidOperation:
        raise DomainError({field: _("The investment must be a number (10k yuan).")})
    if not amount.is_finite():
        raise DomainError({field: _("The investment must be a number (10k yuan).")})
    if amount < 0:
        raise DomainError({field: _("The investment cannot be negative.")})
    if amount.as_tuple().exponent < -2 or abs(amount) >= Decimal("1e12"):
        raise DomainError({field: _("The investment has at most 2 decimal places and 12 digits.")})
    return amount


# --- monthly reports ---------------------------------------------------------------------------------------
def report_lock_date(month, config=None) -> date:
    config = config or ProjectSettings.load()
    return config.calendar.deadline(month)


def report_is_locked(report, *, today=None, config=None) -> bool:
    """Locked after the deadline (the 5th of the next month by default) unless the office reopened it."""
    config = config or ProjectSettings.load()
    return config.calendar.is_locked(report.month, _today(today), report.reopened_until)


def _check_report_month(project, month, today, config=None):
    if month > month_start(today):
        raise DomainError({"month": _("You cannot report for a future month.")})
    calendar = (config or ProjectSettings.load()).calendar
    if not calendar.is_open(month, today):
        raise DomainError(
            {"month": _("The report for %(month)s opens on %(date)s, in the last days of the month.")
             % {"month": month_label(month), "date": formats.date_format(calendar.opens(month))}}
        )
    if project.signing_date is None:
        raise DomainError({"month": _("The project has not been signed yet; reports start from the signing month.")})
    if month < month_start(project.signing_date):
        raise DomainError(
            {"month": _("The project was signed on %(date)s; there is no report before the signing month.")
             % {"date": formats.date_format(project.signing_date)}}
        )


def _save_attachments(report, attachments, user):
    check_uploads(attachments, purpose=Purpose.DOCUMENT, field="attachments")
    for upload in attachments or ():
        attachment = ReportAttachment(report=report, file=upload, caption=upload.name[:200], uploaded_by=user)
        save_audited(attachment, user=user)


@transaction.atomic
def report_submit(*, project, month, data, user, attachments=(), today=None) -> MonthlyReport:
    """Submit a project's monthly report.

    1. Only the responsible unit's reporters (and the office) enter a project's reports.
    2. The month is not in the future and not before the signing month; one report per month.
    3. A report submitted after its deadline is accepted (a hole in the ledger helps nobody) but can
       no longer be changed, as any report after its deadline, unless the office reopens it.
    """
    today = _today(today)
    _require_editable(project, user)
    month = parse_month(month)
    _check_report_month(project, month, today)
    if MonthlyReport.objects.filter(project=project, month=month).exists():
        raise DomainError(
            {"month": _("There is already a report for %(month)s; edit it instead.") % {"month": month_label(month)}}
        )
    report = MonthlyReport(
        project=project,
        month=month,
        investment=parse_investment(data.get("investment")),
        workload=(data.get("workload") or "").strip(),
        narrative=(data.get("narrative") or "").strip(),
        submitted_by=user,
    )
    _full_clean(report, exclude=["submitted_by"])
    try:
        with transaction.atomic():
            save_audited(report, user=user, reason=_("Monthly report submitted"))
    except IntegrityError:  # a concurrent submission for the same month won the race
        raise DomainError({"month": _("There is already a report for %(month)s; edit it instead.")
                           % {"month": month_label(month)}})
    _save_attachments(report, attachments, user)
    refresh_lights([project], today=today)
    return report


@transaction.atomic
def report_update(*, report, data, user, attachments=(), today=None) -> MonthlyReport:
    """Change a report before its deadline (or while the office keeps it reopened)."""
    today = _today(today)
    _require_editable(report.project, user)
    report = MonthlyReport.objects.select_for_update().select_related("project").get(pk=report.pk)
    if report_is_locked(report, today=today):
        raise DomainError(
            _("The report for %(month)s was locked on %(date)s; ask the assessment office to reopen it.")
            % {"month": month_label(report.month),
               "date": formats.date_format(report_lock_date(report.month))}
        )
    if "investment" in data:
        report.investment = parse_investment(data.get("investment"))
    for field in ("workload", "narrative"):
        if field in data:
            setattr(report, field, (data.get(field) or "").strip())
    _full_clean(report, exclude=["submitted_by"])
    save_audited(report, user=user, update_fields=[*REPORT_FIELDS, "updated_at"], reason=_("Monthly report changed"))
    _save_attachments(report, attachments, user)
    refresh_lights([report.project_id], today=today)
    return report


@transaction.atomic
def report_reopen(*, report, until, user, today=None) -> MonthlyReport:
    """The assessment office lets the unit change a locked report until ``until``."""
    _require_office(user)
    today = _today(today)
    if until is None or until < today:
        raise DomainError({"reopened_until": _("Reopen until today or a later date.")})
    report.reopened_until = until
    save_audited(report, user=user, update_fields=["reopened_until", "updated_at"],
                 reason=_("Reopened by the assessment office"))
    notify_unit(
        unit=report.project.responsible_unit,
        title=_("Report reopened: %(project)s, %(month)s") % {"project": report.project.name,
                                                              "month": month_label(report.month)},
        body=_("You may change it until %(date)s.") % {"date": formats.date_format(until)},
        link=report.project.get_absolute_url(),
        email=False,
        kind="report_reopened",
    )
    return report


# --- milestones and plans ------------------------------------------------------------------------------------
@transaction.atomic
def milestone_record(*, milestone, actual_date, user, evidence="", evidence_file=None, today=None) -> Milestone:
    """Record the date a milestone was reached, with its evidence; the project's status follows."""
    today = _today(today)
    project = milestone.project
    _require_editable(project, user)
    if actual_date is None:
        raise DomainError({"actual_date": _("Enter the date the milestone was reached.")})
    if actual_date > today:
        raise DomainError({"actual_date": _("The actual date cannot be in the future.")})
    if milestone.kind != MilestoneKind.SIGNED and project.signing_date and actual_date < project.signing_date:
        raise DomainError({"actual_date": _("The actual date cannot be before the signing date.")})
    evidence = (evidence or "").strip()
    if not evidence and not evidence_file and not milestone.evidence and not milestone.evidence_file:
        raise DomainError({"evidence": _("Describe the evidence or attach a file (photo, permit, minutes).")})
    if evidence_file is not None:
        check_upload(evidence_file, purpose=Purpose.DOCUMENT, field="evidence_file")
    milestone.actual_date = actual_date
    if evidence:
        milestone.evidence = evidence
    fields = ["actual_date", "evidence"]
    if evidence_file is not None:
        milestone.evidence_file = evidence_file
        fields.append("evidence_file")
    _full_clean(milestone)
    save_audited(milestone, user=user, update_fields=fields, reason=_("Milestone reached"))
    _advance_status(project, milestone, user)
    refresh_lights([milestone.project_id], today=today)
    return milestone


def _advance_status(project, milestone, user):
    new = STATUS_AFTER[milestone.kind]
    changed = []
    if project.status in STATUS_ORDER and STATUS_ORDER.index(new) > STATUS_ORDER.index(project.status):
        project.status = new
        changed.append("status")
    if milestone.kind == MilestoneKind.SIGNED and project.signing_date != milestone.actual_date:
        project.signing_date = milestone.actual_date
        changed.append("signing_date")
    if changed:
        save_audited(project, user=user, update_fields=[*changed, "updated_at"],
                     reason=_("%(milestone)s reached") % {"milestone": milestone.get_kind_display()})


@transaction.atomic
def plans_save(*, project, year, rows, user, today=None) -> list[MonthlyPlan]:
    """Set a year's monthly plans: ``rows`` maps a month (first day) to (investment, workload).

    The project's planned investment for the current year becomes the sum of its monthly plans, so the
    warning light compares like with like.
    """
    today = _today(today)
    _require_editable(project, user)
    existing = {p.month: p for p in MonthlyPlan.objects.filter(project=project, month__year=year)}
    saved = []
    for month, (amount, workload) in sorted(rows.items()):
        if month.year != year:
            raise DomainError({"month": _("Plans are entered one year at a time.")})
        plan = existing.get(month)
        if amount in (None, "") and not workload:
            if plan is not None:
                plan._history_user = user
                plan.delete()
            continue
        investment = parse_investment(amount, field=f"plan_{month.month}")
        if plan is None:
            plan = MonthlyPlan(project=project, month=month)
        elif plan.planned_investment == investment and plan.planned_workload == (workload or ""):
            saved.append(plan)
            continue
        plan.planned_investment = investment
        plan.planned_workload = workload or ""
        _full_clean(plan)
        save_audited(plan, user=user, reason=_("Monthly plan set"))
        saved.append(plan)
    if year == today.year:
        total = sum((p.planned_investment for p in saved), Decimal(0))
        if total != project.year_planned_investment:
            project.year_planned_investment = total
            save_audited(project, user=user, update_fields=["year_planned_investment", "updated_at"],
                         reason=_("Monthly plans changed"))
    refresh_lights([project], today=today)
    return saved


# --- projects -------------------------------------------------------------------------------------------------
def project_leaders(project):
    ct = ContentType.objects.get_for_model(Project)
    return Leader.objects.filter(links__kind=LinkKind.PROJECT, links__content_type=ct, links__object_id=project.pk,
                                 links__ended_on__isnull=True)


def _sync_leaders(project, leaders, user):
    """Links are never deleted (org): a leader taken off the project has the link ended today."""
    ct = ContentType.objects.get_for_model(Project)
    wanted = {leader.pk for leader in leaders}
    links = list(LeaderLink.objects.active().filter(kind=LinkKind.PROJECT, content_type=ct, object_id=project.pk))
    for link in links:
        if link.leader_id not in wanted:
            link.ended_on = max(timezone.localdate(), link.started_on)
            save_audited(link, user=user, update_fields=["ended_on"], reason=_("Link ended"))
    have = {link.leader_id for link in links}
    for leader in leaders:
        if leader.pk not in have:
            save_audited(LeaderLink(leader=leader, kind=LinkKind.PROJECT, content_type=ct, object_id=project.pk),
                         user=user)


@transaction.atomic
def project_save(*, user, data, project=None, service_units=None, leaders=None, milestones=None,
                 today=None) -> Project:
    """Create or change a project of the ledger (assessment office), with its four milestones.

    ``milestones`` maps a milestone kind to ``{"planned_date": d, "actual_date": d}`` (either optional).
    """
    _require_office(user)
    today = _today(today)
    creating = project is None
    project = project or Project()
    for field in PROJECT_FIELDS:
        if field in data:
            setattr(project, field, data[field])
    _full_clean(project)
    save_audited(project, user=user, reason=_("Project created") if creating else _("Project changed"))
    if service_units is not None:
        project.service_units.set(service_units)
    if leaders is not None:
        _sync_leaders(project, leaders, user)
    current = {m.kind: m for m in project.milestones.all()}
    for kind in MilestoneKind.values:
        milestone = current.get(kind) or Milestone(project=project, kind=kind)
        dates = (milestones or {}).get(kind, {})
        fields = []
        for name in ("planned_date", "actual_date"):
            if name in dates and getattr(milestone, name) != dates[name]:
                if name == "actual_date" and dates[name] and dates[name] > today:
                    raise DomainError({f"{kind}_actual_date": _("The actual date cannot be in the future.")})
                setattr(milestone, name, dates[name])
                fields.append(name)
        if milestone.pk is None or fields:
            if "actual_date" in fields and milestone.actual_date and not milestone.evidence:
                milestone.evidence = _("Entered in the project ledger")
            save_audited(milestone, user=user, reason=_("Project ledger"))
            if "actual_date" in fields and milestone.actual_date:
                _advance_status(project, milestone, user)
    refresh_lights([project], today=today)
    return project


# --- blockers -------------------------------------------------------------------------------------------------
@transaction.atomic
def blocker_raise(*, project, title, deadline, user, description="", leader=None, today=None) -> Blocker:
    """Raise a problem holding the project back to one of the city leaders linked to it."""
    today = _today(today)
    _require_editable(project, user)
    if not (title or "").strip():
        raise DomainError({"title": _("Say what the problem is.")})
    if deadline is None or deadline < today:
        raise DomainError({"deadline": _("The deadline cannot be in the past.")})
    linked = list(project_leaders(project))
    if not linked:
        raise DomainError(_("No city leader is linked to this project; ask the assessment office to link one."))
    if leader is None:
        leader = linked[0]
    elif leader.pk not in {item.pk for item in linked}:
        raise DomainError({"assigned_leader": _("Choose one of the leaders linked to this project.")})
    blocker = Blocker(project=project, title=title.strip(), description=(description or "").strip(),
                      deadline=deadline, assigned_leader=leader, raised_by=user)
    _full_clean(blocker, exclude=["raised_by", "resolved_by"])
    save_audited(blocker, user=user, reason=_("Blocker raised"))
    if leader.user_id:
        notify_users(
            users=[leader.user],
            title=_("Problem raised on %(project)s: %(title)s") % {"project": project.name, "title": blocker.title},
            body=_("Deadline %(date)s.") % {"date": formats.date_format(deadline)},
            link=project.get_absolute_url(),
            kind="blocker_raised",
        )
    return blocker


@transaction.atomic
def blocker_resolve(*, blocker, resolution, user) -> Blocker:
    """The leader the problem was raised to records how it was resolved."""
    blocker = Blocker.objects.select_for_update().select_related("assigned_leader", "project").get(pk=blocker.pk)
    if blocker.assigned_leader.user_id != getattr(user, "pk", None):
        raise NotYourProject(_("Only the leader the problem was raised to may resolve it."))
    if blocker.status != BlockerStatus.OPEN:
        raise DomainError(_("This problem is already resolved."))
    if not (resolution or "").strip():
        raise DomainError({"resolution": _("Say how the problem was resolved.")})
    blocker.status = BlockerStatus.RESOLVED
    blocker.resolution = resolution.strip()
    blocker.resolved_at = timezone.now()
    blocker.resolved_by = user
    _full_clean(blocker, exclude=["raised_by", "resolved_by"])
    save_audited(blocker, user=user, update_fields=["status", "resolution", "resolved_at", "resolved_by"],
                 reason=_("Blocker resolved"))
    notify_unit(
        unit=blocker.project.responsible_unit,
        title=_("Problem resolved: %(title)s") % {"title": blocker.title},
        body=blocker.resolution,
        link=blocker.project.get_absolute_url(),
        kind="blocker_resolved",
    )
    return blocker


# --- settings -------------------------------------------------------------------------------------------------
@transaction.atomic
def settings_update(*, data, user, today=None) -> ProjectSettings:
    _require_office(user)
    config = ProjectSettings.load()
    for field in ("yellow_points", "red_points", "report_deadline_day"):
        if field in data:
            setattr(config, field, data[field])
    _full_clean(config)
    if config.yellow_points > config.red_points:
        raise DomainError({"yellow_points": _("The yellow threshold cannot be above the red threshold.")})
    save_audited(config, user=user, reason=_("Warning-light settings changed"))
    refresh_lights(today=today, config=config)  # thresholds and deadline apply to every project at once
    return config


def lights_check_and_alert(*, today=None) -> int:
    """The nightly check: count stored lights that differ from the rules and tell the office if any do."""
    from django.contrib.auth import get_user_model

    stale = stale_lights(today=today)
    if stale:
        office = get_user_model().objects.filter(groups__name=Role.OFFICE.value, is_active=True).distinct()
        codes = "、".join(project.code for project, _stored, _fresh in stale[:20])
        notify_users(
            users=list(office),
            title=_("%(count)d warning light(s) differ from the rules") % {"count": len(stale)},
            body=_("Projects: %(codes)s. Run manage.py refresh_lights to repair them and find the cause.")
            % {"codes": codes},
            link=reverse("projects:project_list"),
        )
    return len(stale)


# --- reminders ------------------------------------------------------------------------------------------------
def reminders_send(*, today=None) -> int:
    """Tell each unit what it still owes: reports of finished months, milestones due or overdue.

    Idempotent per day: a unit already reminded today is not reminded again. Returns units notified.
    """
    from org.models import Unit

    from .selectors import unit_obligations

    today = _today(today)
    title = _("Projects: what your unit still owes (%(date)s)") % {"date": formats.date_format(today)}
    notified = 0
    units = Unit.objects.filter(projects__isnull=False).distinct()
    for unit in units:
        items = [item for item in unit_obligations(units=[unit], today=today) if item["remind"]]
        if not items:
            continue
        if Notice.objects.filter(unit=unit, title=title).exists():
            continue
        lines = [f"· {item['project'].code} {item['project'].name}：{item['text']}" for item in items]
        with transaction.atomic():
            kind = "not_reported" if any(item["overdue"] for item in items) else "report_reminder"
            if notify_unit(unit=unit, title=title, body="\n".join(lines), link=reverse("projects:this_month"),
                           kind=kind):
                notified += 1
    return notified


# --- Excel imports (all or nothing) ---------------------------------------------------------------------------
def _row_error(errors, number, exc, columns):
    """Turn a service's error into row errors naming the sheet's column (``columns``: header -> key)."""
    from gaoyou_portal.spreadsheets import RowError

    headers = {key: header for header, key in columns.items()}
    if hasattr(exc, "error_dict"):
        for field, field_errors in exc.message_dict.items():
            for message in field_errors:
                errors.append(RowError(number, headers.get(field, "" if field == "__all__" else field), message))
    else:
        for message in exc.messages:
            errors.append(RowError(number, "", message))


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

    projects = Project.objects.in_bulk([r["project_id"] for r in rows if r.get("project_id")])
    existing = {
        (r.project_id, r.month): r
        for r in MonthlyReport.objects.filter(project__in=projects.values()).select_related("project")
    }
    errors, counts = [], {"created": 0, "updated": 0}
    for row in rows:
        project = projects[row["project_id"]]
        month = date.fromisoformat(row["month"])
        data = {"investment": row["investment"], "workload": row["workload"], "narrative": row["narrative"]}
        try:
            with transaction.atomic():
                report = existing.get((project.pk, month))
                if report is None:
                    report_submit(project=project, month=month, data=data, user=user, today=today)
                    counts["created"] += 1
                else:
                    report_update(report=report, data=data, user=user, today=today)
                    counts["updated"] += 1
        except ValidationError as exc:
            _row_error(errors, row["row"], exc, REPORT_COLUMNS)
    if errors:
        raise SpreadsheetError(errors)
    return counts
