"""Reports of record (中期报告, 年度报告): drafted by the office from the plan's data as at 30 June or 31 December,
edited, approved and published; a published report is frozen and later corrections are dated notes under it.
Before drafting, the lead units of missed targets without an approved explanation are reminded.

Each refusal is a ``TargetError`` with a Chinese message, and nothing is saved.
"""

from datetime import date

from django.db import transaction
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from gaoyou_portal.audit import save_audited

from . import pace, selectors
from .choices import ExplanationState, ReportKind, ReportState, Status, TargetKind
from .models import Report, ReportNote, Target
from .permissions import is_office
from .services import TargetError


def as_of(plan, kind) -> date:
    return date(plan.year, 6, 30) if kind == ReportKind.H1 else date(plan.year, 12, 31)


def _verdict(row, day):
    """The status and reason as the report reads them on ``day``: a target due by then and not done is missed
    (pace calls it missed only the day after), a zero target with no incident by its deadline is done."""
    target, evaluation = row.target, row.evaluation
    if target.deadline > day or evaluation.status in (Status.DONE, Status.MISSED):
        return evaluation.status, evaluation.reason
    if target.kind == TargetKind.ZERO:
        return Status.DONE, _("No incident all year")
    return Status.MISSED, _("Deadline %(date)s passed: %(actual)s of %(figure)s%(measure)s") % {
        "date": pace.short_date(target.deadline), "actual": pace._plain(evaluation.actual or 0),
        "figure": pace._plain(target.figure), "measure": target.measure}


def _explanation(target):
    try:
        explanation = target.explanation
    except Target.explanation.RelatedObjectDoesNotExist:
        return ""
    return explanation.text if explanation.state == ExplanationState.APPROVED else ""


def _rows(plan, kind):
    targets = (Target.objects.filter(plan=plan, is_confidential=False)
               .select_related("section", "lead_unit", "responsible_leader", "plan", "explanation"))
    day = as_of(plan, kind)
    rows = selectors.evaluate_targets(targets, today=day)
    for row in rows:
        row.verdict = _verdict(row, day)
    return rows


def content(*, plan, kind) -> dict:
    """The report's figures from the data: every section's targets (never a confidential one) with figure, actual,
    status, reason, lead unit and, where a target was missed, its approved explanation; the counts by status and
    the share done or on pace. A closed year's year-end report reads the frozen final values."""
    rows = _rows(plan, kind)
    closed = kind == ReportKind.YEAR and plan.closed_at is not None
    sections, counts = {}, {s: 0 for s in Status.values}
    for row in sorted(rows, key=lambda r: (r.target.section.order, r.target.order, r.target.code)):
        target, evaluation = row.target, row.evaluation
        status, reason = row.verdict
        status = target.final_status if closed and target.final_status else status
        actual = target.final_actual if closed and target.final_status else evaluation.actual
        counts[status] += 1
        explanation = _explanation(target) if status == Status.MISSED else ""
        sections.setdefault(target.section_id, {"title": str(target.section), "rows": []})["rows"].append({
            "code": target.code, "title": target.title, "measure": target.measure,
            "figure": target.written(target.figure), "actual": None if actual is None else target.written(actual),
            "status": status, "status_label": str(Status(status).label), "reason": reason,
            "lead_unit": target.lead_unit.name, "explanation": explanation,
            "explanation_missing": status == Status.MISSED and not explanation,
            "public": target.is_public, "definition": target.definition,
        })
    total = len(rows)
    good = counts[Status.DONE] + counts[Status.ON_TRACK]
    return {"as_of": as_of(plan, kind).isoformat(), "total": total, "counts": counts,
            "status_counts": [[str(Status(s).label), counts[s]] for s in Status.values if counts[s]],
            "on_pace": good, "share": f"{good * 100 / total:.1f}" if total else None,
            "sections": list(sections.values())}


def missing_explanations(*, plan, kind):
    """The targets missed by the report's day whose explanation is not approved yet (their lead units owe it)."""
    return [row.target for row in _rows(plan, kind) if row.verdict[0] == Status.MISSED and not _explanation(row.target)]


def _require_office(user):
    if not is_office(user):
        raise TargetError(_("Only the assessment office issues the reports of record."))


def _default_title(plan, kind):
    if kind == ReportKind.H1:
        return _("%(year)s high-quality development targets: mid-year report (as at 30 June)") % {"year": plan.year}
    return _("%(year)s high-quality development targets: year-end report") % {"year": plan.year}


@transaction.atomic
def report_draft(*, plan, kind, user, today=None) -> Report:
    """Draft (or redraft) the report from the data as at its date: only after that date, never once published."""
    _require_office(user)
    today = today or timezone.localdate()
    day = as_of(plan, kind)
    if today <= day:
        raise TargetError(_("The %(report)s can be drafted only after %(date)s.") % {
            "report": ReportKind(kind).label, "date": formats.date_format(day, "Y-m-d")})
    report = Report.objects.select_for_update().filter(plan=plan, kind=kind).first()
    if report and report.is_published:
        raise TargetError(_("This report is published and frozen; add a dated note to correct it."))
    report = report or Report(plan=plan, kind=kind, title=_default_title(plan, kind))
    report.as_of, report.content, report.state = day, content(plan=plan, kind=kind), ReportState.DRAFT
    report.drafted_by, report.drafted_at = user, timezone.now()
    report.approved_by = report.approved_at = None
    return save_audited(report, user=user, reason=_("Report drafted from the data"))


@transaction.atomic
def report_edit(*, report, title, summary, user) -> Report:
    """The office's words: title and summary. An approved report goes back to draft; a published one is frozen."""
    _require_office(user)
    report = Report.objects.select_for_update().get(pk=report.pk)
    if report.is_published:
        raise TargetError(_("This report is published and frozen; add a dated note to correct it."))
    if not (title or "").strip():
        raise TargetError({"title": _("Give the report a title.")})
    report.title, report.summary = title.strip(), (summary or "").strip()
    report.state, report.approved_by, report.approved_at = ReportState.DRAFT, None, None
    return save_audited(report, user=user, reason=_("Report edited"))


@transaction.atomic
def report_approve(*, report, user) -> Report:
    _require_office(user)
    report = Report.objects.select_for_update().get(pk=report.pk)
    if report.state != ReportState.DRAFT:
        raise TargetError(_("Only a draft is approved."))
    report.state, report.approved_by, report.approved_at = ReportState.APPROVED, user, timezone.now()
    return save_audited(report, user=user, reason=_("Report approved"))


@transaction.atomic
def report_publish(*, report, user) -> Report:
    """Publish an approved report on the public site; from now on it is frozen."""
    _require_office(user)
    report = Report.objects.select_for_update().get(pk=report.pk)
    if report.state != ReportState.APPROVED:
        raise TargetError(_("Approve the report before publishing it."))
    report.state, report.published_by, report.published_at = ReportState.PUBLISHED, user, timezone.now()
    return save_audited(report, user=user, reason=_("Report published"))


@transaction.atomic
def report_note(*, report, text, user) -> ReportNote:
    """A dated correction under a published report (the report's own figures and words stay as published)."""
    _require_office(user)
    if not report.is_published:
        raise TargetError(_("A draft is corrected by editing it; notes are for a published report."))
    if not (text or "").strip():
        raise TargetError({"text": _("Write the correction.")})
    return save_audited(ReportNote(report=report, text=text.strip(), created_by=user), user=user,
                        reason=_("Correction note"))


def report_remind(*, plan, kind, user, today=None) -> int:
    """Remind each lead unit of its missed targets still without an approved explanation (once a day per unit);
    returns the number of units reminded."""
    from org.models import Notice
    from org.services import notify_unit

    _require_office(user)
    today = today or timezone.localdate()
    owed = {}
    for target in missing_explanations(plan=plan, kind=kind):
        owed.setdefault(target.lead_unit, []).append(target)
    title = _("%(report)s: explanations your unit owes (%(date)s)") % {
        "report": ReportKind(kind).label, "date": formats.date_format(today, "Y-m-d")}
    reminded = 0
    for unit, targets in owed.items():
        if Notice.objects.filter(unit=unit, title=title).exists():
            continue
        lines = [_("These targets were missed; write why before the report is drafted:")]
        lines += [f"· {t.code} {t.title}" for t in targets]
        with transaction.atomic():
            notify_unit(unit=unit, title=title, body="\n".join(lines), link=reverse("targets:mine"))
        reminded += 1
    return reminded
