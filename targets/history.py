"""Three years side by side: a target's predecessors (the same target in earlier plans) and their final values.

A finished year's figures are the ones the office froze when it closed the year (``services.plan_close``);
a year not closed yet is evaluated at its deadline. This year's entry is the live one (its trend so far).
"""

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
