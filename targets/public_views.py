"""The public plan: no login, no cookies, cached for a minute and invalidated on change.

Only public targets (never a confidential one) and only their public fields: the figure, the deadline,
who is answerable, the progress and status, the stages, the number of incidents, an approved explanation.
"""


from django.http import Http404
from django.shortcuts import get_object_or_404, render

from gaoyou_portal import opendata

from . import history, selectors
from .cache import public_cache
from .choices import STATUS_BADGE, Status
from .history import HISTORY_RELATED
from .models import Explanation, Plan, Report, Target


def _public_plan(request):
    year = request.GET.get("year")
    plan = selectors.current_plan(int(year) if year and year.isdigit() and len(year) == 4 else None)
    if plan is None:
        raise Http404
    rows = selectors.evaluate_targets(
        Target.objects.public().filter(plan=plan).select_related("plan", "section", "lead_unit", "responsible_leader",
                                                                 *HISTORY_RELATED)
    )
    return plan, rows


@public_cache.page("list")
def plan_list(request):
    plan, rows = _public_plan(request)
    counts = {s: 0 for s in Status.values}
    sections = {}
    for row in sorted(rows, key=lambda r: (r.target.section.order, r.target.order, r.target.code)):
        counts[row.evaluation.status] += 1
        sections.setdefault(row.target.section_id, {"section": row.target.section, "rows": []})["rows"].append(row)
    context = {"plan": plan, "sections": list(sections.values()), "badges": STATUS_BADGE,
               "status_cards": [(s, Status(s).label, counts[s], STATUS_BADGE[s]) for s in Status.values],
               "total": len(rows), "headline": history.headline(plan=plan, targets=Target.objects.public()),
               "years": Plan.objects.values_list("year", flat=True),
               "reports": list(Report.objects.published().filter(plan=plan))}
    return render(request, "targets/public_list.html", context)


@public_cache.page("detail")
def plan_detail(request, year, code):
    target = get_object_or_404(Target.objects.public().select_related("plan", "section", "lead_unit",
                                                                     "responsible_leader", *HISTORY_RELATED),
                               plan__year=year, code=code)
    row = selectors.evaluate_targets([target])[0]
    explanation = Explanation.objects.filter(target=target).first()
    context = {"target": target, "ev": row.evaluation, "badges": STATUS_BADGE,
               "explanation": explanation if explanation and explanation.is_public else None,
               "split": selectors.unit_split(target) if target.kind == "reported" else None,
               "years": history.history(row, public=True)}
    return render(request, "targets/public_detail.html", context)


def open_data_csv(request):
    """The year's public plan as CSV (the same file as /open-data/plan-targets.csv: the core's one builder)."""
    return opendata.download(request, opendata.get_dataset("plan-targets"), "csv")


def open_data_json(request):
    return opendata.download(request, opendata.get_dataset("plan-targets"), "json")
