"""Since when a target lags: the day its lag began, by the plan's own dated records, so that a leader's waiting
list counts the real days (``targets/leader_panels.py``)."""

from datetime import date, timedelta

from django.utils import timezone

from gaoyou_portal.reporting import month_start

from .choices import Status, TargetKind
from .models import Incident, TargetSettings
from .selectors import evaluate_targets

LAGGING = (Status.BEHIND, Status.AT_RISK, Status.MISSED)


def _lagging_on(targets, day, config):
    """{target_id: lagging?} for ``targets`` evaluated as on ``day``."""
    return {row.target.pk: row.evaluation.status in LAGGING
            for row in evaluate_targets(targets, today=day, config=config)}


def _overdue_stages_since(stages, today):
    """The first day of the unbroken run of days, up to ``today``, on which some stage was past its date and not
    yet reached (a stage is overdue from the day after its date until the day it is reached)."""
    spans = sorted((s.planned_date + timedelta(days=1), s.reached_on or today + timedelta(days=1))
                   for s in stages if not s.reached_on or s.reached_on > s.planned_date + timedelta(days=1))
    start = end = None
    for first, until in spans:
        if first > today:
            break
        if end is None or first > end:
            start, end = first, until
        else:
            end = max(end, until)
    return start if start is not None and end > today else today


def lagging_since(rows, *, today=None, config=None) -> dict:
    """{target_id: day} for each lagging row (behind, at risk or missed): the day its lag began, by the plan's
    own dated records, so that a leader's waiting list counts the real days.

    - missed: the first incident of a zero target, else the day after its deadline;
    - milestone works: the first day of the unbroken run of overdue stages (the day after a stage's date);
    - figures (reported or derived): the first day of the unbroken run of lagging up to today, checked at each
      month's end going back, then day by day by halving inside the month where it began (a month's figure is
      a step, the pace a line: within a month the lag only grows).
    """
    today = today or timezone.localdate()
    config = config or TargetSettings.load()
    since, figures = {}, []
    for row in rows:
        target, status = row.target, row.evaluation.status
        if status not in LAGGING:
            continue
        if status == Status.MISSED:
            if target.kind == TargetKind.ZERO:
                first = (Incident.objects.filter(target=target, occurred_on__lte=today).order_by("occurred_on")
                         .values_list("occurred_on", flat=True).first())
                since[target.pk] = first or today
            else:
                since[target.pk] = min(target.deadline + timedelta(days=1), today)
        elif target.kind == TargetKind.MILESTONE:
            stages = getattr(target, "stage_list", None)
            if stages is None:
                stages = list(target.stages.all())
            since[target.pk] = _overdue_stages_since(stages, today)
        else:
            figures.append(target)
    if not figures:
        return since
    start = min(min(date(t.deadline.year, 1, 1) for t in figures), today)
    # Checkpoints going back: the end of each earlier month of the year, then its first day.
    checkpoints, day = [], month_start(today) - timedelta(days=1)
    while day >= start:
        checkpoints.append(day)
        day = month_start(day) - timedelta(days=1)
    checkpoints.append(start)
    pending = {t.pk: t for t in figures}
    run_start = dict.fromkeys(pending, today)
    for checkpoint in checkpoints:
        if not pending:
            break
        lagging = _lagging_on(list(pending.values()), checkpoint, config)
        for pk in list(pending):
            if lagging.get(pk):
                run_start[pk] = checkpoint
                continue
            target = pending.pop(pk)
            low, high = checkpoint, run_start[pk]  # not lagging on ``low``, lagging on ``high``
            while (high - low).days > 1:
                middle = low + timedelta(days=(high - low).days // 2)
                if _lagging_on([target], middle, config).get(pk):
                    high = middle
                else:
                    low = middle
            run_start[pk] = high
    since.update(run_start)
    return since
