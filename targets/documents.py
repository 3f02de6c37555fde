"""The targets board as a Word document (gaoyou_portal.documents), from the office's template or the
default GB/T 9704 one: the same targets as the board shows the same user with the same filters (so never
the confidential ones, which only the organisation department sees), one row per target."""

from django.http import Http404
from django.template.defaultfilters import floatformat
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext

from gaoyou_portal.documents import DocumentKind, Table, common_context, register
from gaoyou_portal.roles import OFFICE_ROLES, Role, has_role

from . import selectors
from .choices import Status
from .filtersets import TargetFilterSet


def exports_board(user):
    """The city's leaders and the assessment office export the board (the button on the board)."""
    return has_role(user, Role.LEADER, *OFFICE_ROLES)


def _headers():
    return [pgettext("targets document", "No."), pgettext("targets document", "Target task"),
            pgettext("targets document", "Responsible unit"), pgettext("targets document", "Annual target"),
            pgettext("targets document", "Achieved"), pgettext("targets document", "Progress"),
            pgettext("targets document", "Status")]


def _number(value, target):
    return "—" if value is None else f"{target.written(value)}{target.measure}"


def board_context(*, user, params):
    """The plan of ``year`` (default: this year's, as on the board) with the board's filters (section,
    leader, lead unit, status), one table row per target in the board's order."""
    value = str(params.get("year") or "").strip()
    plan = selectors.current_plan(int(value) if value.isdigit() else None)
    if plan is None:
        raise Http404
    filterset = TargetFilterSet(params or None, plan=plan)
    filters = filterset.form.cleaned_data if filterset.is_valid() else {}
    board = selectors.board(user=user, plan=plan, filters=filters)
    rows = []
    for entry in board["sections"]:
        for row in entry["rows"]:
            target, evaluation = row.target, row.evaluation
            status = Status(evaluation.status).label
            rows.append([
                target.code, target.title, target.lead_unit.name, target.figure_display,
                _number(evaluation.actual, target), f"{floatformat(evaluation.percent, -1)}%",
                f"{status}（{evaluation.reason}）" if evaluation.reason else status,
            ])
    table = Table(headers=_headers(), rows=rows, widths_cm=[1.4, 4.6, 2.6, 2.0, 2.0, 1.4, 2.6])
    definitions = Table(
        headers=[pgettext("targets document", "No."), pgettext("targets document", "Target task"),
                 pgettext("targets document", "Definition"), pgettext("targets document", "Data source")],
        rows=[[row.target.code, row.target.title, row.target.definition or "—", row.target.data_source or "—"]
              for entry in board["sections"] for row in entry["rows"]],
        widths_cm=[1.4, 3.6, 5.8, 5.0])
    counts = "，".join(_("%(status)s %(count)d") % {"status": label, "count": board["counts"][code]}
                      for code, label in Status.choices if board["counts"][code])
    today = formats.date_format(timezone.localdate(), "Y年n月j日")
    summary = [_("As of %(date)s the %(year)s plan has %(total)d targets in this list: %(counts)s.") % {
        "date": today, "year": plan.year, "total": board["total"], "counts": counts or "—"}]
    if board["behind"]:
        summary.append(_("Behind their pace or at risk: %(codes)s.") % {
            "codes": "、".join(f"{r.target.code} {r.target.title}" for r in board["behind"])})
    return {
        **common_context(title=_("Progress of the %(year)s high-quality development targets") % {"year": plan.year},
                         year=plan.year, doc_number=params.get("doc_number", "")),
        "summary": summary, "targets_table": table,
        "definitions_heading": _("Definitions and data sources"), "definitions_table": definitions,
    }


def report_context(*, user, params):
    """A report of record (``year``, ``kind`` h1 or year) as the office drafted it: its summary, one table row per
    target (with the explanation of a missed one) and the dated notes added after publication."""
    from .choices import ReportKind
    from .models import Report

    year, kind = str(params.get("year") or "").strip(), params.get("kind")
    report = (Report.objects.filter(plan__year=int(year), kind=kind).select_related("plan").first()
              if year.isdigit() and kind in ReportKind.values else None)
    if report is None:
        raise Http404
    data = report.content or {}
    rows = []
    for section in data.get("sections", []):
        for row in section["rows"]:
            reason = row["reason"] + (f"。{row['explanation']}" if row.get("explanation") else "")
            rows.append([row["code"], row["title"], f"{row['figure']}{row['measure']}",
                         f"{row['actual'] or '—'}{row['measure'] if row['actual'] else ''}", row["status_label"],
                         reason])
    table = Table(headers=[pgettext("targets document", "No."), pgettext("targets document", "Target task"),
                           pgettext("targets document", "Annual target"), pgettext("targets document", "Achieved"),
                           pgettext("targets document", "Status"), pgettext("targets document", "Reason")],
                  rows=rows, widths_cm=[1.3, 4.4, 2.0, 2.0, 1.6, 4.4])
    summary = [p for p in (report.summary or "").splitlines() if p.strip()]
    summary.append(_("As at %(date)s, %(total)s targets: %(n)s done or on pace (%(share)s%%).") % {
        "date": formats.date_format(report.as_of, "Y年n月j日"), "total": data.get("total", 0),
        "n": data.get("on_pace", 0), "share": data.get("share") or "0"})
    notes = [f"{formats.date_format(timezone.localtime(n.created_at), 'Y-m-d')} {n.text}" for n in report.notes.all()]
    return {
        **common_context(title=report.title, year=report.plan.year, doc_number=params.get("doc_number", "")),
        "summary": summary, "report_table": table,
        "notes_heading": _("Notes added after publication") if notes else "", "notes": notes,
    }


def register_documents():
    register(DocumentKind(
        code="targets_board", label=gettext_lazy("Targets board"),
        placeholders={"summary": gettext_lazy("summary paragraphs (a list)"),
                      "targets_table": gettext_lazy("the targets table, {{p targets_table }}"),
                      "definitions_heading": gettext_lazy("heading of the definitions table"),
                      "definitions_table": gettext_lazy("each target's definition and data source, "
                                                        "{{p definitions_table }}")},
        build=board_context, can_export=exports_board,
        params=("year", "section", "leader", "lead_unit", "status", "doc_number"),
        body=[("paragraphs", "summary"), ("table", "targets_table"), ("heading", "definitions_heading"),
              ("table", "definitions_table")],
    ))
    register(DocumentKind(
        code="targets_report", label=gettext_lazy("Report of record (mid-year or year-end)"),
        placeholders={"summary": gettext_lazy("summary paragraphs (a list)"),
                      "report_table": gettext_lazy("every target's figure, actual, status and reason, "
                                                   "{{p report_table }}"),
                      "notes_heading": gettext_lazy("heading of the notes added after publication"),
                      "notes": gettext_lazy("the dated notes (a list)")},
        build=report_context, can_export=exports_board, params=("year", "kind", "doc_number"),
        body=[("paragraphs", "summary"), ("table", "report_table"), ("heading", "notes_heading"),
              ("paragraphs", "notes")],
    ))
