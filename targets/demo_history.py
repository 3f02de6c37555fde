"""Demo history: the plans of the two years before this one, with the records that made their figures (monthly
values, stages reached, incidents), closed by the office in January with their final values and statuses, an
approved explanation for every target missed, and each target linked to the same code a year earlier, so the
target pages show three years side by side and the headline compares with the same day last year.

Idempotent: a year that already has a plan is left alone; links are made only where missing.
"""

import datetime
import random
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from gaoyou_portal import demo_clock
from gaoyou_portal.audit import save_audited
from leaders.models import Leader
from org.models import Unit

from . import pace, selectors
from .choices import Direction, ExplanationState, Pace, Status, TargetKind, rollups_for
from .demo import SECTIONS, TARGETS
from .demo_time import _demo_rows, adopted, date_plan
from .demo_wording import WORDING
from .measures import rounded
from .models import Explanation, Incident, MonthlyValue, Plan, Section, Stage, Target, TargetSettings

R, D, M, Z = TargetKind.REPORTED, TargetKind.DERIVED, TargetKind.MILESTONE, TargetKind.ZERO
# Figures that grew year on year (the rest were the same pledge): {code: (two years ago, last year)}.
EARLIER_FIGURES = {"E03": (10, 11), "E07": (24, 27), "B02": (6, 8), "B12": (450, 520), "L05": (90000, 105000),
                   "L04": (1600, 2000), "C01": (40, 50), "C02": (20, 25)}
# How far each reported target got, as a share of its figure: {code: (two years ago, last year)}.
REACHED = {"G01": (23, 19), "G02": (3, 2), "E04": (1.0, 1.0), "E07": (0.92, 1.04), "B02": (1.17, 1.0),
           "B12": (0.96, 1.02), "L04": (1.0, 1.05), "L05": (0.87, 1.01), "C01": (1.1, 1.0), "C02": (0.9, 1.04)}
# Derived targets whose records the demo's other apps do not hold for those years (projects started, safety
# cases struck off before the portal kept them): the final value the office froze, as a share of the figure.
FROZEN = {"E02": (1.0, 1.0), "E03": (0.9, 1.0), "L06": (0.94, 1.0), "L07": (1.0, 1.0), "L08": (1.0, 1.0),
          "L09": (1.0, 1.0), "L10": (1.0, 0.98), "L11": (0.95, 1.0)}
MISSED_REASONS = ["受土地指标和资金到位影响，进度慢于计划，已列入次年重点推进事项。",
                  "上级审批时间延后，节点顺延，已与省、扬州市主管部门对接。",
                  "市场行情变化导致部分主体推迟实施，牵头单位已制定追赶计划。"]


def _shift(month_day, year):
    month, day = month_day
    return datetime.date(year, month, day)


def _figure(code, figure, back):
    pair = EARLIER_FIGURES.get(code)
    return Decimal(pair[2 - back] if pair else figure)


def _reported_values(target, unit, year, reach, user):
    """Twelve months of values reaching ``reach`` (a share of the figure, or a rank for a target at most)."""
    final = Decimal(str(reach)) if target.direction == Direction.AT_MOST else target.figure * Decimal(str(reach))
    final = rounded(final, target.decimals)
    for month in range(1, 13):
        if target.direction == Direction.AT_MOST:
            value = final if month >= 10 else final + (12 - month) // 4
        elif target.aggregation == "latest":
            value = rounded(final * month / 12, target.decimals)
        else:
            share = rounded(final * month / 12, target.decimals) - rounded(final * (month - 1) / 12, target.decimals)
            value = share
        save_audited(MonthlyValue(target=target, unit=unit, month=datetime.date(year, month, 1), value=value,
                                  entered_by=user), user=user, reason="演示数据")


def _plan(year, back, units, leaders, office, rng):
    plan = save_audited(Plan(year=year, title=f"{year}年高质量发展目标任务"), user=office)
    sections = [save_audited(Section(plan=plan, order=i, title=t, subtitle=s), user=office)
                for i, (t, s) in enumerate(SECTIONS)]
    for order, (sec, code, title, source, kind, figure, measure, direction, deadline, lead, leader, opts) in \
            enumerate(TARGETS):
        stages = opts.get("stages", [])
        target = save_audited(Target(
            plan=plan, section=sections[sec], order=order, code=code, title=title, source=source, kind=kind,
            definition=WORDING[code][0], data_source=WORDING[code][1],
            figure=_figure(code, figure, back) if kind != Z else Decimal(0), measure=measure, direction=direction,
            deadline=_shift(deadline, year), pace=opts.get("pace", Pace.MILESTONES if kind == M else Pace.LINEAR),
            metric=opts.get("metric", ""), aggregation=opts.get("aggregation", rollups_for(kind, direction)[0]),
            lead_unit=units[lead], responsible_leader=leaders[leader % len(leaders)],
            is_confidential=opts.get("confidential", False), is_public=not opts.get("confidential", False),
        ), user=office, reason="演示数据")
        if kind == R:
            _reported_values(target, units[lead], year, REACHED.get(code, (1, 1))[2 - back], office)
        elif kind == M:
            # Most works were done in full; one in five left its last stage open at year end.
            open_last = rng.random() < 0.2
            for index, (name, month, day, _reached) in enumerate(stages):
                planned = datetime.date(year, month, day)
                reached = not (open_last and index == len(stages) - 1)
                save_audited(Stage(target=target, order=index, name=name, planned_date=planned,
                                   reached_on=min(planned + datetime.timedelta(days=rng.randint(-12, 15)),
                                                  datetime.date(year, 12, 31)) if reached else None,
                                   evidence="验收材料已存档" if reached else ""), user=office)
        elif kind == Z and rng.random() < 0.15:
            save_audited(Incident(target=target, occurred_on=datetime.date(year, rng.randint(3, 11), 12),
                                  description="发生1起，已妥善处置并追责。", unit=units[lead], reported_by=office),
                         user=office)
    return plan


def closing_day(year):
    """The office closes a year on the first working day from 10 January after it."""
    day = datetime.date(year + 1, 1, 10)
    return day + datetime.timedelta(days=max(0, 7 - day.weekday()) if day.weekday() >= 5 else 0)


def _close(plan, office, back):
    """Freeze the year as the office did in January (services.plan_close without its date and role checks):
    the explanations of the targets missed written in the morning, the year closed in the afternoon."""
    closed_on = closing_day(plan.year)
    morning = timezone.make_aware(datetime.datetime.combine(closed_on, datetime.time(10)))
    targets = list(plan.targets.select_related("section", "lead_unit", "responsible_leader", "plan"))
    with demo_clock.at(morning):
        config = TargetSettings.load()
        for row in selectors.evaluate_targets(targets, today=closed_on, config=config):
            target = row.target
            if target.code in FROZEN:
                share = Decimal(str(FROZEN[target.code][2 - back]))
                row.evaluation = pace.evaluate(target, today=closed_on, config=config,
                                               actual=rounded(target.figure * share, target.decimals))
            target.final_actual, target.final_status = row.evaluation.actual, row.evaluation.status
            save_audited(target, user=office, update_fields=["final_actual", "final_status"], reason="演示数据")
            if row.evaluation.status == Status.MISSED and not Explanation.objects.filter(target=target).exists():
                reason = MISSED_REASONS[sum(map(ord, target.code)) % len(MISSED_REASONS)]
                save_audited(Explanation(target=target, text=f"{target.title}：{row.evaluation.reason}。{reason}",
                                         state=ExplanationState.APPROVED, drafted_by=office, approved_by=office,
                                         approved_at=morning), user=office)
    with demo_clock.at(morning + datetime.timedelta(hours=6)):
        plan.closed_at = timezone.now()
        save_audited(plan, user=office, update_fields=["closed_at"], reason="演示数据")


def link_predecessors(user=None):
    """Link every target without a predecessor to the same code in the nearest earlier plan."""
    linked = 0
    by_code = {}
    for target in Target.objects.select_related("plan").order_by("plan__year", "code"):
        earlier = by_code.get(target.code)
        if earlier is not None and target.predecessor_id is None:
            target.predecessor = earlier
            with demo_clock.at(adopted(target.plan.year) + datetime.timedelta(minutes=30)):  # with its plan
                save_audited(target, user=user, update_fields=["predecessor"], reason="演示数据")
            linked += 1
        by_code[target.code] = target
    return linked


@transaction.atomic
def seed(*, scale=1, stdout=None):
    today = timezone.localdate()
    units = {u.code: u for u in Unit.objects.all()}
    leaders = list(Leader.objects.order_by("order", "id"))
    office = get_user_model().objects.filter(username="office").first()
    if not leaders or "khb" not in units:
        return
    made = []
    for back in (2, 1):
        year = today.year - back
        if Plan.objects.filter(year=year).exists():
            continue
        with demo_clock.at(adopted(year)):
            plan = _plan(year, back, units, leaders, office, random.Random(year))
        date_plan(plan)
        made.append(year)
    # A year is closed in January after it, once that day has come (a seed on 2 January finds last year open).
    for plan in Plan.objects.filter(year__in=[today.year - 2, today.year - 1], closed_at__isnull=True):
        if today > closing_day(plan.year) and _demo_rows(Target, plan=plan).exists():
            _close(plan, office, today.year - plan.year)
    linked = link_predecessors(office)
    issued = _reports(today, office)
    if stdout:
        stdout.write(f"targets: history plans {made or 'already there'}, {linked} targets linked to last year's, "
                     f"{issued} reports of record issued")


def _reports(today, office):
    """Last year's year-end report and this year's mid-year report, published; the year-end one carries a dated
    note (a correction after publication). Reports already there are left alone."""
    from . import reports
    from .choices import ReportKind
    from .models import Report, ReportNote
    from .permissions import is_office

    if office is None or not is_office(office):
        return 0
    issued = 0
    # Drafted in the weeks after the report's day (the year-end one after the year is closed), approved and
    # published over the next days; a year-end note a month later.
    wanted = [(today.year - 1, ReportKind.YEAR, datetime.date(today.year, 1, 13)),
              (today.year, ReportKind.H1, datetime.date(today.year, 7, 13))]
    for year, kind, first in wanted:
        plan = Plan.objects.filter(year=year).first()
        if (plan is None or today < first or Report.objects.filter(plan=plan, kind=kind).exists()
                or (kind == ReportKind.YEAR and plan.closed_at is None)):
            continue
        drafted = demo_clock.working_moment(first, first + datetime.timedelta(days=6), key=f"report-{year}-{kind}")
        if kind == ReportKind.H1:
            _explain_missed(plan, kind, office, drafted - datetime.timedelta(days=5))
        with demo_clock.at(drafted):
            report = reports.report_draft(plan=plan, kind=kind, user=office, today=timezone.localdate())
            counts = report.content
            report = reports.report_edit(report=report, title=report.title, user=office, summary=(
                f"{year}年目标任务共 {counts['total']} 项，已完成或正常推进 {counts['on_pace']} 项"
                f"（{counts['share']}%）。未完成事项均已由牵头单位说明原因并提出整改措施，考核办将跟踪督办。"))
        with demo_clock.at(drafted + datetime.timedelta(days=1)):
            report = reports.report_approve(report=report, user=office)
        with demo_clock.at(drafted + datetime.timedelta(days=2)):
            report = reports.report_publish(report=report, user=office)
        if kind == ReportKind.YEAR and today > first + datetime.timedelta(days=40):
            with demo_clock.at(drafted + datetime.timedelta(days=35)):
                save_audited(ReportNote(report=report, text="经复核，L05 年出栏数以农业农村局年报数为准，"
                                                           "报告所列数值不变，特此说明。", created_by=office),
                             user=office)
        issued += 1
    return issued


# The lead units' words on a target missed by the mid-year report (E01: the half-year mark).
MISSED_BY_MIDYEAR = {
    "E01": "上半年16个镇（园区）中15个完成全年考核任务60%以上；未达标的1个镇受两个重点项目开工推迟影响，"
           "完成58%。考核办已约谈其主要负责人，项目已于7月开工，确保全年任务完成。",
}


def _explain_missed(plan, kind, office, moment):
    """Before the mid-year report, an approved explanation for each target missed by 30 June (drafted by
    the office for the lead unit a few days earlier)."""
    from . import reports

    for target in reports.missing_explanations(plan=plan, kind=kind):
        text = MISSED_BY_MIDYEAR.get(target.code) or (
            f"{target.title}：{MISSED_REASONS[sum(map(ord, target.code)) % len(MISSED_REASONS)]}")
        with demo_clock.at(moment):
            explanation = Explanation.objects.filter(target=target).first() or Explanation(target=target)
            explanation.text, explanation.drafted_by = text, office
            explanation.state, explanation.approved_by = ExplanationState.APPROVED, office
            explanation.approved_at = timezone.now()
            save_audited(explanation, user=office, reason="演示数据")
