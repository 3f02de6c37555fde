"""Three years side by side: a target's predecessors (the same target in earlier plans) and their final values.

A finished year's figures are the ones the office froze when it closed the year (``services.plan_close``);
a year not closed yet is evaluated at its deadline. This year's entry is the live one (its trend so far).
"""

from decimal import ROUND_HALF_UP, Decimal

from django.utils import timezone

from .choices import Status
from .models import Target

YEARS = 3
# Two predecessors and their explanations come with the target in the same query.
HISTORY_RELATED = ("predecessor__plan", "predecessor__explanation", "predecessor__predecessor__plan",
                   "predecessor__predecessor__explanation")


def chain(target, years=YEARS):
    """The target and its predecessors, the oldest first, ``years`` at most."""
    found, current = [], target
    while current is not None and len(found) < years:
        found.append(current)
        current = current.predecessor
    return list(reversed(found))


def _earlier(target):
    """A predecessor's final figure: frozen at closing, else evaluated at its deadline (an unclosed year)."""
    if target.final_status:
        return target.final_actual, target.final_status
    from .selectors import evaluate_targets

    evaluation = evaluate_targets([target], today=max(target.deadline, timezone.localdate()))[0].evaluation
    return evaluation.actual, evaluation.status


def _explanation(target, public):
    try:
        explanation = target.explanation
    except Target.explanation.RelatedObjectDoesNotExist:
        return ""
    if public and not explanation.is_public:
        return ""
    return explanation.text


def history(row, *, public=False):
    """``[{year, figure, actual, status, status_label, final, explanation}]`` for the row's target and its
    predecessors, the last three years, the oldest first; numbers written at the measure's decimals. A
    predecessor that is not public (or confidential) is left out of the public history."""
    entries = []
    for target in chain(row.target):
        if target is row.target:
            actual, status, final = row.evaluation.actual, row.evaluation.status, False
        else:
            if public and not (target.is_public and not target.is_confidential):
                continue
            actual, status = _earlier(target)
            final = True
        entries.append({
            "year": target.plan.year, "code": target.code, "figure": target.written(target.figure),
            "actual": None if actual is None else target.written(actual), "status": status,
            "status_label": str(Status(status).label) if status else "", "final": final,
            "explanation": _explanation(target, public) if final and status == Status.MISSED else "",
        })
    return entries


def last_year_value(target):
    """The predecessor's frozen final value as written ("—" when there is none or it is not closed)."""
    earlier = target.predecessor
    if earlier is None or earlier.final_actual is None:
        return "—"
    return earlier.written(earlier.final_actual)


# --- the headline: done or on pace today, against the same day last year (去年同期) ----------------------------
ON_PACE = (Status.DONE, Status.ON_TRACK)


def _same_day(day, years=-1):
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def _share(rows):
    total = len(rows)
    good = sum(1 for row in rows if row.evaluation.status in ON_PACE)
    share = (Decimal(good) * 100 / total).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP) if total else None
    return {"count": good, "total": total, "share": share}


def headline(*, plan, targets, today=None):
    """The share of ``targets`` (a queryset of the plan's, already scoped to the reader) done or on pace on
    ``today``, and the share of last year's plan's targets under the same scope on the same day last year:
    ``{"today": {count, total, share}, "last_year": {...} | None, "change": points | None, "date", "year"}``.
    Both are evaluated live from the records (a fixed number of queries each)."""
    from .selectors import evaluate_targets

    today = today or timezone.localdate()
    related = ("section", "lead_unit", "responsible_leader", "plan")
    now = _share(evaluate_targets(targets.filter(plan=plan).select_related(*related), today=today))
    day = _same_day(today)
    before = targets.filter(plan__year=plan.year - 1).select_related(*related)
    last = _share(evaluate_targets(before, today=day)) if plan.year == today.year else None
    if last is not None and not last["total"]:
        last = None
    change = (now["share"] - last["share"]) if last and now["share"] is not None else None
    return {"today": now, "last_year": last, "change": change, "date": today, "last_date": day, "year": plan.year}
