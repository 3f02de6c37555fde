"""Demo data for the sprint race: the schemes of the last two years and this one, each unit's targets
sized to its own base, every quarter already past scored and published (so flags and the half-year
rule show), both past years evaluated, and their consequence cases decided, so that every rule
appears: bottom three of the four races, bottom two at year end, and bottom two two years running.

Targets are sized to what each unit's projects actually did that year (× 0.8–1.3, so some units are
ahead and some behind); a unit whose projects gave nothing on an indicator is not assessed on it (no
target), unless it was expected to sign a large project (a target of one, for about one unit in
five). Two laggards, a town and a department, had targets about twice what they did in the past two
years and weaker office reviews. Idempotent: a year with a published race keeps its targets,
published races are left alone, a year already evaluated is not evaluated again.
"""

import zlib
from collections import defaultdict
from decimal import ROUND_CEILING, Decimal

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from . import selectors, services
from .choices import CaseStatus, Derivation, RunTrigger
from .models import (
    AnnualTarget,
    CompositeEvaluation,
    ConsequenceCase,
    ManualValue,
    SprintRace,
    SprintScheme,
    SprintScore,
    YearEndAssessment,
)

# The demo's laggards (the projects demo's lagging town, and a department serving few projects).
LAGGARDS = {"ganduo", "cgj"}
DISMISSED = "该单位年内承担全市防汛抢险和重大活动保障任务，经市委研究，本年度不予约谈，由分管市领导提醒谈话。"
REASONS = {
    "interview": "经市委研究，同意由市领导约谈该单位主要负责人，限期提交整改报告。",
    "no_awards": "经市委研究，该单位本年度不得参加评优评先。",
    "reassignment": "连续两年年终综合考评后2位，经市委常委会研究，同意启动组织调整程序，由组织部提出方案。",
}


def _spread(*parts, low, high):
    """A stable pseudo-random Decimal in [low, high) from the parts (same every run)."""
    value = zlib.crc32("-".join(map(str, parts)).encode()) % 1000
    return Decimal(low) + (Decimal(high) - Decimal(low)) * Decimal(value) / 1000


def _scheme(year, office):
    scheme = SprintScheme.objects.filter(year=year).first()
    if scheme is None:
        scheme = services.scheme_save(user=office, year=year, data={})
    return scheme


def _target(indicator, unit, actual, year):
    """A unit's target for one indicator, sized to what its projects did (None: not assessed on it)."""
    if indicator.derivation == Derivation.MANUAL:
        return Decimal(100)
    laggard = unit.code in LAGGARDS and year < timezone.localdate().year
    factor = _spread(unit.code, indicator.code, year, low="1.9", high="2.3") if laggard else _spread(
        unit.code, indicator.code, year, low="0.8", high="1.3")
    if indicator.measure == "个":
        if actual <= 0:
            expected = laggard or zlib.crc32(f"{unit.code}-{indicator.code}-{year}".encode()) % 5 == 0
            return Decimal(1) if expected and indicator.derivation == Derivation.SIGNED_COUNT else None
        return max(Decimal(1), (actual * factor).to_integral_value(rounding=ROUND_CEILING))
    if actual <= 0:
        return None
    return max(Decimal(100), (actual * factor / 100).to_integral_value() * 100)


def _targets(scheme, units, office):
    """Every participating unit's targets for the year, replacing those copied from the year before."""
    indicators = list(scheme.indicators.all())
    full_year = selectors.actual_values(indicators=indicators, year=scheme.year, quarter=4)
    wanted = {indicator.id: {} for indicator in indicators}
    for unit in units:
        group = selectors.group_of(unit.kind)
        actuals = full_year.get((group, unit.id), {})
        mine = [i for i in indicators if i.applies_to(group)]
        for indicator in mine:
            wanted[indicator.id][unit.id] = _target(indicator, unit, actuals.get(indicator.id, Decimal(0)),
                                                    scheme.year)
        if not any(wanted[i.id][unit.id] for i in mine if not i.is_manual):
            # Nothing came of its projects this year: it was still expected to sign one.
            derived = [i for i in mine if not i.is_manual]
            signing = [i for i in derived if i.derivation == Derivation.SIGNED_COUNT]
            first = (signing or derived or [None])[0]
            if first is not None:
                wanted[first.id][unit.id] = Decimal(1)
    have = {(t.indicator_id, t.unit_id): t.target for t in AnnualTarget.objects.filter(indicator__scheme=scheme)}
    for indicator in indicators:
        values = {uid: value for uid, value in wanted[indicator.id].items()
                  if have.get((indicator.id, uid)) != value}
        values.update({uid: None for (iid, uid) in have if iid == indicator.id and uid not in wanted[indicator.id]})
        if values:
            services.targets_save(indicator=indicator, values=values, user=office)


def _office_values(scheme, units, quarter, office):
    for indicator in scheme.indicators.filter(derivation=Derivation.MANUAL):
        have = set(ManualValue.objects.filter(indicator=indicator, quarter=quarter).values_list("unit_id", flat=True))
        values = {}
        for unit in units:
            if unit.id in have or not indicator.applies_to(selectors.group_of(unit.kind)):
                continue
            low, high = ("0.55", "0.7") if unit.code in LAGGARDS else ("0.75", "1.2")
            performance = _spread(unit.code, scheme.year, low=low, high=high) + _spread(
                unit.code, scheme.year, quarter, low="-0.05", high="0.05")
            values[unit.id] = (Decimal(100) * scheme.share(quarter) / 100 * performance).quantize(Decimal("0.01"))
        if values:
            services.manual_values_save(indicator=indicator, quarter=quarter, values=values, user=office)


def _evaluate(year, units, office):
    """Year-end assessments, the composite evaluation, and the office's decisions on the cases."""
    if CompositeEvaluation.objects.filter(year=year).exists():
        return
    have = set(YearEndAssessment.objects.filter(year=year).values_list("unit_id", flat=True))
    values = {u.id: _spread(u.code, year, "assessment", low="76", high="97").quantize(Decimal("0.1"))
              for u in units if u.id not in have}
    _assess_laggards(year, units, values)
    services.assessments_save(year=year, user=office, values=values)
    services.year_evaluate(year=year, user=office)
    cases = list(ConsequenceCase.objects.filter(year=year, status=CaseStatus.PROPOSED, kind__in=list(REASONS))
                 .order_by("unit__order", "kind"))
    interview = next((c for c in cases if c.kind == "interview"), None)
    for case in cases:
        if case == interview and year == timezone.localdate().year - 1:
            continue  # last year: one case still on the office's desk
        if case == interview:
            services.case_dismiss(case=case, user=office, reason=DISMISSED)  # the year before: one dismissed
        else:
            services.case_confirm(case=case, user=office, reason=REASONS[case.kind])


def _assess_laggards(year, units, values):
    """The laggards' year-end assessments: low (60–66), and low enough to end in the bottom two of their
    group (never below 40), so that "two years running" shows whatever the project data of the day."""
    scheme = SprintScheme.objects.get(year=year)
    scores = defaultdict(list)
    for unit_id, score in SprintScore.objects.filter(race__year=year, race__status="published").values_list(
            "unit_id", "score"):
        scores[unit_id].append(score)
    composite = {uid: sum(s, Decimal(0)) / len(s) for uid, s in scores.items()}

    def year_end(uid, assessment):
        return (composite[uid] * scheme.race_weight + assessment * scheme.assessment_weight) / 100

    for laggard in [u for u in units if u.code in LAGGARDS and u.id in composite and u.id in values]:
        group = selectors.group_of(laggard.kind)
        others = sorted(year_end(u.id, values[u.id]) for u in units
                        if u.id != laggard.id and u.id in composite and u.id in values
                        and selectors.group_of(u.kind) == group)
        assessment = _spread(laggard.code, year, "assessment", low="60", high="66")
        if len(others) > 1:
            room = (others[1] - composite[laggard.id] * scheme.race_weight / 100) * 100 / scheme.assessment_weight
            assessment = max(Decimal(40), min(assessment, room - 1))
        values[laggard.id] = assessment.quantize(Decimal("0.1"))


def seed(*, scale=1, stdout=None):
    office = get_user_model().objects.filter(username="office").first()
    today = timezone.localdate()
    units = list(selectors.participating_units().order_by("order", "id"))
    if office is None or not units:
        return
    published = 0
    years = (today.year - 2, today.year - 1, today.year)
    past = [(y, q) for y in years for q in (1, 2, 3, 4) if selectors.quarter_end(y, q) < today]
    for year in years:
        scheme = _scheme(year, office)
        if not SprintRace.objects.filter(year=year, status="published").exists():
            _targets(scheme, units, office)
        for quarter in (1, 2, 3, 4):
            if selectors.quarter_end(year, quarter) >= today:
                break
            if SprintRace.objects.filter(year=year, quarter=quarter, status="published").exists():
                continue
            _office_values(scheme, units, quarter, office)
            run = services.race_score(year=year, quarter=quarter, user=office, trigger=RunTrigger.DEMO)
            # Only the latest race notifies the units: the earlier ones are back-filled history.
            services.race_publish(race=run.race, user=office, notify=(year, quarter) == past[-1])
            published += 1
        if year < today.year and SprintRace.objects.filter(year=year, status="published").count() == 4:
            _evaluate(year, units, office)
    if stdout:
        stdout.write(
            f"sprint: {SprintRace.objects.count()} races ({published} scored now), "
            f"{ConsequenceCase.objects.count()} consequence cases"
        )


# --- consequences that bite: honours lists, the leaders' interviews, the half-year warnings --------------------
HONOUR_TITLE = "年度高质量发展综合考评先进单位"
HALF_YEAR_DISMISSED = "已在半年工作推进会上通报提醒，年终结果按综合考评处理。"
INTERVIEW_RECORD = ("市领导听取了该单位主要负责人关于冲刺赛排名靠后原因的汇报，指出项目推进慢、投资完成率低等问题，"
                    "要求一个月内提交整改报告，明确项目攻坚责任人和时间节点。")
INTERVIEW_FOLLOW_UP = "整改报告已按期提交，考核办按月跟踪重点项目推进情况。"


def _interview_leader(interview, leaders):
    """Who holds a demo interview: the unit's linked leader, else the leader the bureau answers to."""
    from org.demo import IN_CHARGE

    return interview.leader or leaders.get(IN_CHARGE.get(interview.unit.code)) or next(iter(leaders.values()))


@transaction.atomic
def seed_consequences(*, scale=1, stdout=None):
    """Every consequence rule on show: the honours lists of the past years (the barred units visible beside
    them), the interviews of the year before last held with their record, last year's scheduled (one of them
    with the demo leader), the half-year warnings of this year sent, the past years' decided. Idempotent."""
    from datetime import date, timedelta

    from org.demo import DEMO_LEADER
    from org.models import Leader

    from . import consequences
    from .choices import ConsequenceKind, InterviewStatus
    from .models import HonourProposal, LeaderInterview

    office = get_user_model().objects.filter(username="office").first()
    leaders = {leader.name: leader for leader in Leader.objects.filter(active=True).order_by("order", "id")}
    if office is None or not leaders:
        return
    today = timezone.localdate()
    for case in ConsequenceCase.objects.filter(kind=ConsequenceKind.INTERVIEW, status=CaseStatus.CONFIRMED):
        consequences.interview_from_case(case=case, user=office)
    interviews = list(LeaderInterview.objects.filter(status=InterviewStatus.TO_SCHEDULE)
                      .select_related("unit", "case", "leader").order_by("case__year", "unit__order"))
    demo_leader_given = LeaderInterview.objects.filter(leader__name=DEMO_LEADER).exists()
    for n, interview in enumerate(interviews):
        year = interview.case.year
        leader = _interview_leader(interview, leaders)
        if year == today.year - 1 and not demo_leader_given and DEMO_LEADER in leaders:
            leader, demo_leader_given = leaders[DEMO_LEADER], True  # the mayor holds one himself
        if year < today.year - 1:
            day = date(year + 1, 2, 10 + n % 15)
            consequences.interview_schedule(interview=interview, leader=leader, scheduled_on=day, user=office)
            consequences.interview_record(interview=interview, held_on=day, record=INTERVIEW_RECORD,
                                          follow_up=INTERVIEW_FOLLOW_UP, user=office)
        else:
            consequences.interview_schedule(interview=interview, leader=leader,
                                            scheduled_on=today + timedelta(days=5 + 2 * n), user=office)
    for year in (today.year - 2, today.year - 1):
        if HonourProposal.objects.filter(year=year).exists():
            continue
        best = (CompositeEvaluation.objects.filter(year=year, year_end_rank__lte=2).select_related("unit")
                .order_by("group", "year_end_rank", "unit__order"))
        for n, evaluation in enumerate(best):
            if consequences.no_awards_case(unit_id=evaluation.unit_id, year=year):
                continue
            proposal = consequences.honour_propose(year=year, unit=evaluation.unit, title=HONOUR_TITLE, user=office,
                                                   note=f"{year}年度综合考评第{evaluation.year_end_rank}名")
            if year < today.year - 1 or n % 2 == 0:
                consequences.honour_award(proposal=proposal, user=office)
    for case in ConsequenceCase.objects.filter(kind=ConsequenceKind.HALF_YEAR, year__lt=today.year,
                                               status=CaseStatus.PROPOSED):
        services.case_dismiss(case=case, user=office, reason=HALF_YEAR_DISMISSED)
    q2 = SprintRace.objects.filter(year=today.year, quarter=2, status="published").select_related("scheme").first()
    warned = consequences.half_year_warn(race=q2, user=office)["warned"] if q2 else 0
    if stdout:
        stdout.write(f"sprint consequences: {LeaderInterview.objects.count()} interviews, "
                     f"{HonourProposal.objects.count()} honours proposals, {warned} half-year warnings sent now")
