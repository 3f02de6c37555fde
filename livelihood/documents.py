"""The livelihood year-end explanation list as a Word document (gaoyou_portal.documents)."""

from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gaoyou_portal.documents import DocumentKind, Table, common_context, register

from .models import LivelihoodTask
from .permissions import reads_documents


def _readers(user):
    return reads_documents(user)


def explanations_context(*, user, params):
    """Every task of the year not completed, with its explanation to citizens (or that one is missing). Before
    the year has ended, the tasks past their deadline and not completed (the list's 逾期 ones): a task still
    within its deadline owes no explanation yet."""
    from django.utils import timezone

    today = timezone.localdate()
    value = str(params.get("year") or "")
    year = int(value) if value.isdigit() else today.year - 1
    tasks = (LivelihoodTask.objects.filter(year=year, completed_on__isnull=True)
             .select_related("lead_unit", "explanation").order_by("number"))
    ended = today.year > year
    if not ended:
        tasks = tasks.filter(deadline__lt=today)
    rows = []
    for task in tasks:
        explanation = getattr(task, "explanation", None)
        rows.append([
            task.code, task.title, task.lead_unit.name, f"{task.percent}%",
            explanation.reason if explanation else _("not yet written"),
            explanation.next_steps if explanation else "",
            formats.date_format(explanation.new_date) if explanation and explanation.new_date else "",
        ])
    table = Table(headers=[_("No."), _("Task"), _("Lead unit"), _("Progress"), _("Why not completed"),
                           _("What happens next"), _("New date")],
                  rows=rows, widths_cm=[1.4, 3.4, 2.4, 1.4, 3.2, 3.2, 2.0])
    return {
        **common_context(title=_("Explanations for the %(year)s livelihood tasks not completed") % {"year": year},
                         year=year, doc_number=params.get("doc_number", "")),
        "summary": [_("Of the livelihood tasks pledged for %(year)s, %(count)d were not completed by year end. "
                      "The lead units explain to citizens why, what happens next and by when.") % {
            "year": year, "count": len(rows)} if ended else
            _("As at %(date)s, %(count)d of the livelihood tasks pledged for %(year)s are past their deadline and "
              "not completed. The lead units explain to citizens why, what happens next and by when.") % {
            "date": formats.date_format(today), "year": year, "count": len(rows)}],
        "explanations_table": table,
    }


def register_documents():
    register(DocumentKind(
        code="livelihood_explanations", label=gettext_lazy("Livelihood tasks: year-end explanation list"),
        placeholders={"summary": gettext_lazy("summary paragraphs (a list)"),
                      "explanations_table": gettext_lazy("the explanations table, {{p explanations_table }}")},
        build=explanations_context, can_export=_readers, params=("year", "doc_number"),
        body=[("paragraphs", "summary"), ("table", "explanations_table")],
    ))
