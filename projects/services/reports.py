"""Monthly reports: a unit submits or corrects one until its deadline; the office reopens a locked one."""

from datetime import date

from django.db import IntegrityError, transaction
from django.utils import formats
from django.utils.translation import gettext as _

from gaoyou_portal.audit import save_audited
from gaoyou_portal.errors import DomainError, by_field, full_clean
from gaoyou_portal.reporting import month_label, month_start
from gaoyou_portal.uploads import Purpose, check_uploads
from org.services import notify_unit

from ..lights import refresh_lights
from ..models import MonthlyPlan, MonthlyReport, ProjectSettings, ReportAttachment
from .common import REPORT_FIELDS, _require_editable, _require_office, _today, parse_investment, parse_month


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


def _collect(errors, check, *args):
    """Run ``check(*args)``; a refusal is added to ``errors`` (field -> messages) instead of raised."""
    try:
        return check(*args)
    except DomainError as exc:
        for field, messages in by_field(exc).items():
            errors.setdefault(field, []).extend(messages)
        return None


def report_plan(*, project, month):
    """The month's plan of a project (or None): what a report on plan says."""
    return MonthlyPlan.objects.filter(project=project, month=month_start(month)).first()


@transaction.atomic
def report_submit_on_plan(*, project, month, user, today=None, config=None) -> MonthlyReport:
    """"按计划报送": the month's report equal to its plan (investment and workload), in one click.

    Refused with the reason when the month has no plan; every rule of ``report_submit`` applies.
    """
    month = parse_month(month)
    plan = report_plan(project=project, month=month)
    if plan is None:
        _require_editable(project, user)
        raise DomainError({"month": _("There is no plan for %(month)s: enter the figures of the report.")
                           % {"month": month_label(month)}})
    return report_submit(project=project, month=month, user=user, today=today, config=config,
                         data={"investment": plan.planned_investment, "workload": plan.planned_workload})


def _save_attachments(report, attachments, user):
    check_uploads(attachments, purpose=Purpose.DOCUMENT, field="attachments")
    for upload in attachments or ():
        attachment = ReportAttachment(report=report, file=upload, caption=upload.name[:200], uploaded_by=user)
        save_audited(attachment, user=user)


@transaction.atomic
def report_submit(*, project, month, data, user, attachments=(), today=None, config=None,
                  refresh_light=True) -> MonthlyReport:
    """Submit a project's monthly report.

    1. Only the responsible unit's reporters (and the office) enter a project's reports.
    2. The month is not in the future and not before the signing month; one report per month.
    3. A report submitted after its deadline is accepted (a hole in the ledger helps nobody) but can
       no longer be changed, as any report after its deadline, unless the office reopens it.

    A caller submitting many reports in one transaction (the sheet upload) passes the settings it read
    (``config``) and ``refresh_light=False``, and refreshes the lights of all its projects once at the end.
    """
    today = _today(today)
    _require_editable(project, user)
    # Every offending field at once: a negative investment for a closed month names both.
    errors = {}
    month, investment = _collect(errors, parse_month, month), _collect(errors, parse_investment, data.get("investment"))
    if month is not None:
        _collect(errors, _check_report_month, project, month, today, config)
    exists = month is not None and "month" not in errors and MonthlyReport.objects.filter(
        project=project, month=month).exists()
    if exists:
        errors["month"] = [_("There is already a report for %(month)s; edit it instead.")
                           % {"month": month_label(month)}]
    if errors:
        raise DomainError(errors)
    report = MonthlyReport(
        project=project,
        month=month,
        investment=investment,
        workload=(data.get("workload") or "").strip(),
        narrative=(data.get("narrative") or "").strip(),
        submitted_by=user,
    )
    # The table's constraints are the rules just checked (one report a month, the first of the month,
    # not negative): not asked of the database a second time, and a concurrent duplicate is caught below.
    full_clean(report, exclude=["submitted_by", "project"], validate_constraints=False)  # the project: checked above
    try:
        with transaction.atomic():
            save_audited(report, user=user, reason=_("Monthly report submitted"))
    except IntegrityError:  # a concurrent submission for the same month won the race
        raise DomainError({"month": _("There is already a report for %(month)s; edit it instead.")
                           % {"month": month_label(month)}})
    _save_attachments(report, attachments, user)
    if refresh_light:
        refresh_lights([project], today=today, config=config)
    return report


@transaction.atomic
def report_update(*, report, data, user, attachments=(), today=None, config=None,
                  refresh_light=True) -> MonthlyReport:
    """Change a report before its deadline (or while the office keeps it reopened).
    ``config`` and ``refresh_light``: as for ``report_submit``."""
    today = _today(today)
    _require_editable(report.project, user)
    report = MonthlyReport.objects.select_for_update().select_related("project").get(pk=report.pk)
    config = config or ProjectSettings.load()
    if report_is_locked(report, today=today, config=config):
        raise DomainError(
            _("The report for %(month)s was locked on %(date)s; ask the assessment office to reopen it.")
            % {"month": month_label(report.month),
               "date": formats.date_format(report_lock_date(report.month, config))}
        )
    if "investment" in data:
        report.investment = parse_investment(data.get("investment"))
    for field in ("workload", "narrative"):
        if field in data:
            setattr(report, field, (data.get(field) or "").strip())
    full_clean(report, exclude=["submitted_by"], validate_constraints=False)  # project and month unchanged
    save_audited(report, user=user, update_fields=[*REPORT_FIELDS, "updated_at"], reason=_("Monthly report changed"))
    _save_attachments(report, attachments, user)
    if refresh_light:
        refresh_lights([report.project_id], today=today, config=config)
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
