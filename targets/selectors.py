"""Reads of the plan: the actual figure of every target, its evaluation, the board, the trend.

The board costs a fixed number of queries whatever the number of targets and values: one query for the
targets, one each for the summed and the latest reported values, the stages, the incidents, and one per
distinct (metric, deadline) pair for the derived figures (each an SQL aggregate in its app).
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.db.models import Count, OuterRef, Q, Subquery, Sum
from django.utils import timezone

from gaoyou_portal import registry
from gaoyou_portal.reporting import add_months, month_start

from . import pace
from .choices import STATUS_BADGE, STATUS_RANK, Aggregation, Status, TargetKind
from .models import Incident, MonthlyValue, Plan, Quota, Stage, Target, TargetSettings, sees_confidential

CENT = Decimal("0.01")


def current_plan(year=None):
    qs = Plan.objects.all()
    if year:
        return qs.filter(year=year).first()
    today = timezone.localdate()
    return qs.filter(year=today.year).first() or qs.first()


def reported_totals(target_ids, *, until: date, unit_ids=None) -> dict:
    """{target_id: total} of reported values up to ``until`` (two queries for every target)."""
    base = MonthlyValue.objects.filter(target__in=target_ids, month__lte=until)
    if unit_ids is not None:
        base = base.filter(unit__in=unit_ids)
    totals = defaultdict(Decimal)
    summed = (base.filter(target__aggregation=Aggregation.SUM).order_by().values("target")
              .annotate(total=Sum("value")))
    for row in summed:
        totals[row["target"]] += Decimal(row["total"] or 0).quantize(CENT)
    latest_month = (MonthlyValue.objects.filter(target=OuterRef("target"), unit=OuterRef("unit"), month__lte=until)
                    .order_by("-month").values("month")[:1])
    # A latest value and a cumulative figure both count each unit's latest month.
    latest = (base.filter(target__aggregation__in=[Aggregation.LATEST, Aggregation.CUMULATIVE],
                          month=Subquery(latest_month)).order_by()
              .values("target").annotate(total=Sum("value")))
    for row in latest:
        totals[row["target"]] += Decimal(row["total"] or 0).quantize(CENT)
    return totals


def cutoff(target, today: date) -> date:
    """The last day a figure of ``target`` counts on ``today``: today, or the deadline once it has passed."""
    return min(today, target.deadline)


def derived_values(targets, *, today=None, memo=None) -> dict:
    """{target_id: figure} for derived targets, counted up to ``today`` (or the deadline if earlier): one SQL
    aggregate per distinct metric and cut-off day. The same ``metric.compute`` gives every other screen's
    figure of the same thing (the public home, the dashboards), so they agree."""
    today = today or timezone.localdate()
    memo = {} if memo is None else memo
    values = {}
    for target in targets:
        if target.kind != TargetKind.DERIVED:
            continue
        metric = registry.get_metric(target.metric)
        if metric is None:
            values[target.pk] = None
            continue
        day = cutoff(target, today)
        key = (metric.code, target.deadline.year, day)
        if key not in memo:
            memo[key] = Decimal(metric.compute(year=target.deadline.year, deadline=day) or 0)
        values[target.pk] = memo[key]
    return values


@dataclass
class Row:
    target: Target
    evaluation: pace.Evaluation

    @property
    def rank(self):
        return STATUS_RANK[self.evaluation.status]


def evaluate_targets(targets, *, today=None, config=None, unit_ids=None) -> list[Row]:
    """Evaluate a list of targets (with ``section``, ``lead_unit`` and ``responsible_leader`` loaded)."""
    today = today or timezone.localdate()
    config = config or TargetSettings.load()
    targets = list(targets)
    ids = [t.pk for t in targets]
    reported_ids = [t.pk for t in targets if t.kind == TargetKind.REPORTED]
    totals = reported_totals(reported_ids, until=today, unit_ids=unit_ids) if reported_ids else {}
    derived = derived_values(targets, today=today)
    stages = defaultdict(list)
    if any(t.kind == TargetKind.MILESTONE for t in targets):
        for stage in Stage.objects.filter(target__in=ids).order_by("planned_date", "order"):
            stages[stage.target_id].append(stage)
    incidents = {}
    if any(t.kind == TargetKind.ZERO for t in targets):
        incidents = dict(Incident.objects.filter(target__in=ids, occurred_on__lte=today).order_by()
                         .values_list("target").annotate(n=Count("id")))
    rows = []
    for target in targets:
        if target.kind == TargetKind.REPORTED:
            actual = totals.get(target.pk)
            if actual is None and target.direction != "at_most":
                actual = Decimal(0)
        else:
            actual = derived.get(target.pk)
        target.stage_list = stages.get(target.pk, [])
        rows.append(Row(target, pace.evaluate(target, today=today, config=config, actual=actual,
                                              stages=target.stage_list, incidents=incidents.get(target.pk, 0))))
    return rows


def board_targets(user, plan):
    return (Target.objects.visible_to(user).filter(plan=plan)
            .select_related("section", "lead_unit", "responsible_leader", "plan", "predecessor"))


def board(*, user, plan, filters=None, today=None, mine=None):
    """Sections with their counts by status and rows, the worst first.

    ``filters``: a dict of section, leader, lead_unit (ids) and status; ``mine``: unit ids or a leader
    to narrow to a unit's or a leader's own targets.
    """
    filters = filters or {}
    qs = board_targets(user, plan)
    if filters.get("section"):
        qs = qs.filter(section=filters["section"])
    if filters.get("leader"):
        qs = qs.filter(responsible_leader=filters["leader"])
    if filters.get("lead_unit"):
        qs = qs.filter(lead_unit=filters["lead_unit"])
    if mine is not None:
        if mine.get("units"):
            qs = qs.for_unit(mine["units"])
        elif mine.get("leader"):
            qs = qs.filter(responsible_leader=mine["leader"])
        else:
            qs = qs.none()
    rows = evaluate_targets(qs, today=today)
    counts = {s: 0 for s in Status.values}
    for row in rows:
        counts[row.evaluation.status] += 1
    if filters.get("status"):
        rows = [r for r in rows if r.evaluation.status == filters["status"]]
    sections = {}
    for row in rows:
        section = row.target.section
        entry = sections.setdefault(section.pk, {"section": section, "rows": [],
                                                 "counts": {s: 0 for s in Status.values}})
        entry["rows"].append(row)
        entry["counts"][row.evaluation.status] += 1
    ordered = sorted(sections.values(), key=lambda e: (e["section"].order, e["section"].pk))
    for entry in ordered:
        entry["rows"].sort(key=lambda r: (r.rank, r.target.order, r.target.code))
        entry["status_counts"] = [(s, Status(s).label, entry["counts"][s], STATUS_BADGE[s]) for s in Status.values
                                  if entry["counts"][s]]
    return {"sections": ordered, "counts": counts, "total": sum(counts.values()),
            "behind": [r for r in sorted(rows, key=lambda r: (r.rank, r.target.code))
                       if r.evaluation.status in (Status.MISSED, Status.AT_RISK, Status.BEHIND)]}


def trend(target, *, today=None, config=None):
    """Month by month: the actual (cumulative) against the expected value, for the target's chart."""
    today = today or timezone.localdate()
    config = config or TargetSettings.load()
    year = target.plan.year
    months = [date(year, m, 1) for m in range(1, 13)]
    last_day = [add_months(m, 1).replace(day=1) for m in months]
    points = []
    if target.kind == TargetKind.REPORTED:
        rows = list(MonthlyValue.objects.filter(target=target).values("unit", "month", "value"))
        for month, end in zip(months, last_day, strict=True):
            day = end.fromordinal(end.toordinal() - 1)
            actual = None
            if month <= month_start(today):
                if target.aggregation == Aggregation.SUM:
                    actual = sum((r["value"] for r in rows if r["month"] <= month), Decimal(0))
                else:
                    latest = {}
                    for r in sorted(rows, key=lambda r: r["month"]):
                        if r["month"] <= month:
                            latest[r["unit"]] = r["value"]
                    actual = sum(latest.values(), Decimal(0)) if latest else None
            points.append((month, actual, _expected_at(target, day)))
    elif target.kind == TargetKind.MILESTONE:
        stages = list(target.stages.all())
        for month, end in zip(months, last_day, strict=True):
            day = end.fromordinal(end.toordinal() - 1)
            reached = (sum(1 for s in stages if s.reached_on and s.reached_on <= day)
                       if month <= month_start(today) else None)
            points.append((month, reached, Decimal(sum(1 for s in stages if s.planned_date <= day))))
    else:
        for month, end in zip(months, last_day, strict=True):
            day = end.fromordinal(end.toordinal() - 1)
            points.append((month, None, _expected_at(target, day)))
    return points


def _expected_at(target, day):
    if target.direction != "at_least":
        return target.figure
    return pace.expected_value(target, pace.expected_share(target, day))


def unit_split(target, *, today=None):
    """Per unit: its quota, its reported total (as the target aggregates) and its share of the quota."""
    today = today or timezone.localdate()
    quotas = list(Quota.objects.filter(target=target).select_related("unit"))
    rows = (MonthlyValue.objects.filter(target=target, month__lte=today).select_related("unit")
            .order_by("unit__order", "unit_id", "month"))
    by_unit = {}
    for value in rows:
        entry = by_unit.setdefault(value.unit_id, {"unit": value.unit, "total": Decimal(0), "latest": None})
        entry["total"] += value.value
        entry["latest"] = value
    result = []
    for quota in quotas:
        entry = by_unit.pop(quota.unit_id, {"unit": quota.unit, "total": Decimal(0), "latest": None})
        actual = entry["total"] if target.aggregation == Aggregation.SUM else (
            entry["latest"].value if entry["latest"] else Decimal(0))
        result.append({"unit": quota.unit, "quota": quota.figure, "actual": actual,
                       "percent": min(Decimal(100), actual * 100 / quota.figure) if quota.figure else Decimal(100)})
    for entry in by_unit.values():
        actual = entry["total"] if target.aggregation == Aggregation.SUM else entry["latest"].value
        result.append({"unit": entry["unit"], "quota": None, "actual": actual, "percent": None})
    return result


def derived_records(target, user, *, today=None):
    """The records behind a derived figure (links to the other app), those counted first, or [] when none
    may be shown. Counted up to the same day as the figure (``cutoff``)."""
    metric = registry.get_metric(target.metric)
    if metric is None or (metric.confidential and not sees_confidential(user)):
        return []
    day = cutoff(target, today or timezone.localdate())
    return metric.records(year=target.deadline.year, deadline=day)


def counted_records(target, user, *, today=None):
    """Exactly the records a target's figure counts, as ``{"label", "url", "note"}`` (and ``"value"`` where a
    record carries an amount): a derived figure's counted records, a reported target's monthly values by its
    roll-up rule, a works target's stages reached, a zero target's incidents. The drill-down and
    ``GET /api/v1/targets/{id}/records/`` list these, so the count on every screen is the number listed."""
    today = today or timezone.localdate()
    day = cutoff(target, today)
    if target.kind == TargetKind.DERIVED:
        return [r for r in derived_records(target, user, today=today) if r["counted"]]
    if target.kind == TargetKind.MILESTONE:
        return [{"label": s.name, "url": target.get_absolute_url(), "note": str(s.reached_on)}
                for s in target.stages.filter(reached_on__isnull=False, reached_on__lte=day)
                .order_by("reached_on", "order")]
    if target.kind == TargetKind.ZERO:
        return [{"label": str(i.occurred_on), "url": target.get_absolute_url(),
                 "note": i.unit.name if i.unit else ""}
                for i in target.incidents.filter(occurred_on__lte=day).select_related("unit")]
    return [{"label": f"{v.unit.name} {v.month:%Y-%m}", "url": target.get_absolute_url(), "note": v.note,
             "value": target.written(v.value)} for v in counted_values(target, until=day)]


def counted_values(target, *, until):
    """The monthly values a reported target's figure is made of up to ``until``: every month's for a sum of
    the months, each unit's latest for a latest value or a cumulative figure."""
    values = list(MonthlyValue.objects.filter(target=target, month__lte=until).select_related("unit")
                  .order_by("unit__order", "unit_id", "month"))
    if target.aggregation == Aggregation.SUM:
        return values
    latest = {}
    for value in values:
        latest[value.unit_id] = value
    return list(latest.values())


def reporting_units(target):
    """Units that report a target's values: each unit with a quota, else the lead unit."""
    units = [q.unit for q in target.quotas.select_related("unit")]
    return units or [target.lead_unit]


def missing_reporters(target, month):
    """Units that owe ``month``'s value of a reported target and have not entered it."""
    reported = set(MonthlyValue.objects.filter(target=target, month=month).values_list("unit_id", flat=True))
    return [u for u in reporting_units(target) if u.pk not in reported]


def unit_month_items(*, unit_ids, today=None, config=None):
    """The reported targets the units owe values for in the month still open on time, entered or not (for
    "本月"). From the 6th to the 24th no month is open: ``(None, [])``, nothing offered past its deadline."""
    today = today or timezone.localdate()
    config = config or TargetSettings.load()
    month = config.calendar.on_time_month(today)
    if month is None:
        return None, []
    targets = list(
        Target.objects.filter(kind=TargetKind.REPORTED, is_confidential=False, plan__year=month.year)
        .filter(Q(quotas__unit__in=unit_ids) | Q(lead_unit__in=unit_ids, quotas__isnull=True)).distinct()
        .select_related("lead_unit").order_by("code")
    )
    quota_units = defaultdict(set)
    for target_id, unit_id in Quota.objects.filter(target__in=targets, unit__in=unit_ids).values_list("target", "unit"):
        quota_units[target_id].add(unit_id)
    entered = set(MonthlyValue.objects.filter(target__in=targets, month=month, unit__in=unit_ids)
                  .values_list("target", "unit"))
    items = []
    for target in targets:
        owing_units = quota_units.get(target.pk) or {target.lead_unit_id}
        for unit_id in sorted(owing_units & set(unit_ids)):
            items.append({"target": target, "unit_id": unit_id, "month": month,
                          "entered": (target.pk, unit_id) in entered})
    return month, items


def value_prefill(target, unit, month):
    """What a unit's value for ``month`` would be on its quota's pace (the form's prefilled figure), or None.

    Summed targets: the quota times the share due within the month; a level reached (latest value): the
    quota times the share due by the month's end; a rank or any other target: the unit's last value.
    """
    month = month_start(month)
    quota = Quota.objects.filter(target=target, unit=unit).values_list("figure", flat=True).first()
    if quota is None and unit.pk == target.lead_unit_id and not target.quotas.exists():
        quota = target.figure
    if quota is not None and target.direction == "at_least" and target.deadline:
        end = add_months(month, 1) - timedelta(days=1)
        share = pace.expected_share(target, end)
        if target.aggregation == Aggregation.SUM:
            share -= pace.expected_share(target, month - timedelta(days=1))
        return max(Decimal(0), quota * share).quantize(CENT)
    return (MonthlyValue.objects.filter(target=target, unit=unit, month__lt=month).order_by("-month")
            .values_list("value", flat=True).first())


def value_form_url(target, unit_id, month):
    """The form of one unit's value for a month (the target page, unit and month named): where reminders link."""
    return f"{target.get_absolute_url()}?unit={unit_id}&month={month:%Y-%m}#enter"
