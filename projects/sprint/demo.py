"""Demo data for the sprint race: the schemes of the last two years and this one, each unit's targets
sized to its own base, every quarter already past scored and published (so flags and the half-year
rule show), both past years evaluated, and their consequence cases decided, so that every rule
appears: bottom three of the four races, bottom two at year end, and bottom two two years running.

Targets are sized to what each unit's projects actually did that year, against the half-year rule (see
``_target``): most units meet it; the two laggards, a town and a department, miss it every year (and get
weaker office reviews), and two other units a year start slowly, so about four units a year are warned.
A unit whose projects gave nothing on an indicator is not assessed on it (no target), unless it was
expected to sign a large project (a target of one, for about one unit in five). Idempotent: a year with
a published race keeps its targets, published races are left alone, a year already evaluated is not
evaluated again.
"""

import zlib
from collections import defaultdict
from datetime import date, timedelta
from decimal import ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_UP, Decimal

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from gaoyou_portal import demo_clock

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
from .scoring import COUNTED

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


def _slow_starters(units, year):
    """Two or three units besides the laggards that miss the half-year rule this year (a stable choice)."""
    others = sorted((u for u in units if u.code not in LAGGARDS),
                    key=lambda u: zlib.crc32(f"{u.code}-{year}-slow".encode()))
    return {u.code for u in others[:2 + zlib.crc32(str(year).encode()) % 2]}


def _pace(unit, slow):
    """How a unit stands at the half year: ``lag`` (the laggards, every year), ``slow`` (the year's slow
    starters) or ``pass`` (the rest)."""
    if unit.code in LAGGARDS:
        return "lag"
    return "slow" if unit.code in slow else "pass"


# The share of the Q2 share a unit has done of each indicator's target by 30 June (pass: 103–130%, so 62–78%
# of the annual target at the default 60%; slow: 75–93%; laggards: 50–75%).
PACES = {"pass": ("1.03", "1.3"), "slow": ("0.75", "0.93"), "lag": ("0.5", "0.75")}
# The office's review, as a share of the quarter's due score.
REVIEWS = {"pass": ("1.0", "1.2"), "slow": ("0.8", "1.0"), "lag": ("0.55", "0.7")}
# Below this share of the year's output by 30 June an indicator is sized to the full year instead.
EARLY = Decimal("0.3")


def _early(half, full):
    """Whether enough of the year's output came by 30 June to size the target to the half year."""
    return full > 0 and half >= full * EARLY


def _target(indicator, unit, half, full, share, year, pace):
    """A unit's target for one indicator (None: not assessed on it).

    Where at least 30% of the year's output came by 30 June, the target is sized to the half year: what
    was done by then is the pace's share of the Q2 share of it, so most units pass the half-year rule
    and finish the year ahead. Where little or nothing came by then, it is sized to the full year (× 0.8–
    1.3, the laggards × 1.9–2.3): behind at the half year, the unit catches up later (or not).
    """
    if indicator.derivation == Derivation.MANUAL:
        return Decimal(100)
    count = indicator.measure in COUNTED
    if _early(half, full):
        low, high = PACES[pace]
        due = half * 100 / (share * _spread(unit.code, indicator.code, year, "pace", low=low, high=high))
        rounding = ROUND_FLOOR if pace == "pass" else ROUND_CEILING  # passing units keep their margin
        if count:
            return max(Decimal(1), due.to_integral_value(rounding=rounding))
        return max(Decimal(100), (due / 100).to_integral_value(rounding=rounding) * 100)
    laggard = pace == "lag"
    factor = _spread(unit.code, indicator.code, year, low="1.9", high="2.3") if laggard else _spread(
        unit.code, indicator.code, year, low="0.8", high="1.3")
    if count:
        if full <= 0:
            expected = laggard or zlib.crc32(f"{unit.code}-{indicator.code}-{year}".encode()) % 5 == 0
            return Decimal(1) if expected and indicator.derivation == Derivation.SIGNED_COUNT else None
        return max(Decimal(1), (full * factor).to_integral_value(rounding=ROUND_CEILING))
    if full <= 0:
        return None
    return max(Decimal(100), (full * factor / 100).to_integral_value() * 100)


# The highest rate a target allows in any quarter (actual ÷ the quarter's due): 110–130%, and 150–175% for
# about one unit and indicator in twenty-five (a believable outlier). Never above 200%.
BAND = ("1.1", "1.3")
OUTLIER = ("1.5", "1.75")


def _within_band(indicator, unit, year, target, done, ceiling=None):
    """Raise a target that some scored quarter would overshoot. ``done``: (actual to date, share) of each
    scored quarter. Counted indicators stay whole, their quarters' dues rounded as the scoring rounds them."""
    if not target or not any(actual for actual, _share in done):
        return target
    key = (unit.code, indicator.code, year, "band")
    low, high = OUTLIER if zlib.crc32("-".join(map(str, key)).encode()) % 25 == 0 else BAND
    ceiling = ceiling or _spread(*key, low=low, high=high)
    if indicator.measure in COUNTED:
        def top(annual):
            return max(a / max(Decimal(1), (annual * s / 100).quantize(Decimal(1), rounding=ROUND_HALF_UP))
                       for a, s in done)
        while top(target) > ceiling:
            target += 1
        return target
    least = max(a * 100 / s for a, s in done) / ceiling
    return target if target >= least else (least / 100).to_integral_value(rounding=ROUND_CEILING) * 100


def _half_year(targets, half, indicators):
    """The half-year completion (percent) these targets give, as ``scoring.half_year_completion`` counts it."""
    weights = {i.id: i.weight for i in indicators if targets.get(i.id)}
    done = sum((weights[iid] * min(half.get(iid, Decimal(0)) / targets[iid], Decimal(1)) for iid in weights),
               Decimal(0))
    return done * 100 / sum(weights.values()) if weights else Decimal(0)


def _targets(scheme, units, office):
    """Every participating unit's targets for the year, replacing those copied from the year before.

    A unit meant to pass the half-year rule that still falls short (an indicator sized to the full year,
    whose output came mostly after June, weighs too much) is not assessed on such indicators, largest
    weight first, until it passes."""
    indicators = list(scheme.indicators.all())
    share = scheme.share(2)
    full_year = selectors.actual_values(indicators=indicators, year=scheme.year, quarter=4)
    half_year = selectors.actual_values(indicators=indicators, year=scheme.year, quarter=2)
    today = timezone.localdate()
    scored = [q for q in (1, 2, 3, 4) if selectors.quarter_end(scheme.year, q) < today]
    by_quarter = {q: selectors.actual_values(indicators=indicators, year=scheme.year, quarter=q) for q in scored}
    slow = _slow_starters(units, scheme.year)
    wanted = {indicator.id: {} for indicator in indicators}
    for unit in units:
        group = selectors.group_of(unit.kind)
        pace = _pace(unit, slow)
        actuals, half = full_year.get((group, unit.id), {}), dict(half_year.get((group, unit.id), {}))
        mine = [i for i in indicators if i.applies_to(group)]
        derived = [i for i in mine if not i.is_manual]
        targets = {i.id: _target(i, unit, half.get(i.id, Decimal(0)), actuals.get(i.id, Decimal(0)), share,
                                 scheme.year, pace) for i in mine}
        if not any(targets[i.id] for i in derived):
            # Nothing came of its projects this year: it was still expected to sign one.
            signing = [i for i in derived if i.derivation == Derivation.SIGNED_COUNT]
            first = (signing or derived or [None])[0]
            if first is not None:
                targets[first.id] = Decimal(1)
        raised, sized = [], dict(targets)
        done = {i.id: [(by_quarter[q].get((group, unit.id), {}).get(i.id, Decimal(0)), scheme.share(q))
                       for q in scored] for i in derived}
        for i in derived:
            banded = _within_band(i, unit, scheme.year, targets[i.id], done[i.id])
            if banded != targets[i.id]:
                raised.append(i)
            targets[i.id] = banded
        for i in mine:
            if i.is_manual:
                half[i.id] = _review(unit, scheme, 2, pace)
        late = sorted((i for i in derived if targets[i.id]
                       and not _early(half.get(i.id, Decimal(0)), actuals.get(i.id, Decimal(0)))),
                      key=lambda i: -i.weight)
        late += sorted((i for i in raised if i not in late), key=lambda i: -i.weight)
        while pace == "pass" and late and _half_year(targets, half, mine) < share + 2:
            if not any(targets[i.id] for i in derived if i != late[0]):
                break  # always assessed on some project data
            targets[late.pop(0).id] = None
        # Lumpy output (one project in spring, one in autumn) on the only indicator left: a passing unit keeps
        # its pace, a later quarter's rate allowed higher, step by step, never above 200%.
        for ceiling in ("1.5", "1.75", "2"):
            for i in sorted((i for i in raised if targets[i.id]), key=lambda i: -i.weight):
                if pace != "pass" or _half_year(targets, half, mine) >= share + 2:
                    break
                targets[i.id] = _within_band(i, unit, scheme.year, sized[i.id], done[i.id], ceiling=Decimal(ceiling))
        for i in mine:
            wanted[i.id][unit.id] = targets[i.id]
    have = {(t.indicator_id, t.unit_id): t.target for t in AnnualTarget.objects.filter(indicator__scheme=scheme)}
    for indicator in indicators:
        values = {uid: value for uid, value in wanted[indicator.id].items()
                  if have.get((indicator.id, uid)) != value}
        values.update({uid: None for (iid, uid) in have if iid == indicator.id and uid not in wanted[indicator.id]})
        if values:
            services.targets_save(indicator=indicator, values=values, user=office)


def _review(unit, scheme, quarter, pace):
    """The office's review of a unit for a quarter: the quarter's due score × the unit's standing."""
    low, high = REVIEWS[pace]
    performance = _spread(unit.code, scheme.year, low=low, high=high) + _spread(
        unit.code, scheme.year, quarter, low="-0.05", high="0.05")
    return (Decimal(100) * scheme.share(quarter) / 100 * performance).quantize(Decimal("0.01"))


def _office_values(scheme, units, quarter, office):
    slow = _slow_starters(units, scheme.year)
    for indicator in scheme.indicators.filter(derivation=Derivation.MANUAL):
        have = set(ManualValue.objects.filter(indicator=indicator, quarter=quarter).values_list("unit_id", flat=True))
        values = {}
        for unit in units:
            if unit.id in have or not indicator.applies_to(selectors.group_of(unit.kind)):
                continue
            values[unit.id] = _review(unit, scheme, quarter, _pace(unit, slow))
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
    evaluated = demo_clock.working_moment(date(year + 1, 1, 8), date(year + 1, 1, 14), key=f"evaluate-{year}")
    with demo_clock.at(evaluated):
        services.assessments_save(year=year, user=office, values=values)
        services.year_evaluate(year=year, user=office)
    cases = list(ConsequenceCase.objects.filter(year=year, status=CaseStatus.PROPOSED, kind__in=list(REASONS))
                 .order_by("unit__order", "kind"))
    interview = next((c for c in cases if c.kind == "interview"), None)
    last_year = timezone.localdate().year - 1  # read before the clock moves to the decision
    # The office decides a year's cases in the January after it (the 18th, or the first working day after).
    with demo_clock.at(decision_moment(year)):
        for case in cases:
            if case == interview and year == last_year:
                continue  # last year: one case still on the office's desk
            if case == interview:
                services.case_dismiss(case=case, user=office, reason=DISMISSED)  # the year before: one dismissed
            else:
                services.case_confirm(case=case, user=office, reason=REASONS[case.kind])


def decision_moment(year):
    """When the office decided a year's consequence cases: mid-January of the year after."""
    return demo_clock.working_moment(date(year + 1, 1, 18), date(year + 1, 1, 23), key=f"decide-{year}")


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
    past = [(y, q) for y in years for q in (1, 2, 3, 4) if selectors.quarter_end(y, q) + timedelta(days=2) < today]
    for year in years:
        # The office sets the year's scheme and targets in January, scores each quarter in the first working
        # days after it, and evaluates the year in the January after.
        january = demo_clock.working_moment(date(year, 1, 5), date(year, 1, 16), key=f"scheme-{year}")
        with demo_clock.at(january):
            scheme = _scheme(year, office)
        if not SprintRace.objects.filter(year=year, status="published").exists():
            # Sized on the year's data as the demo has it (outside the January clock, which would hide it).
            _targets(scheme, units, office)
            demo_clock.restamp(AnnualTarget, {pk: january for pk in AnnualTarget.objects.filter(
                indicator__scheme=scheme).values_list("pk", flat=True)}, fields=[], user=office)
        for quarter in (1, 2, 3, 4):
            end = selectors.quarter_end(year, quarter)
            if end + timedelta(days=2) >= today:
                break  # the office scores a quarter in the working days after it, not on its last evening
            if SprintRace.objects.filter(year=year, quarter=quarter, status="published").exists():
                continue
            scored = demo_clock.working_moment(end + timedelta(days=3), end + timedelta(days=10),
                                               key=f"race-{year}-{quarter}")
            with demo_clock.at(scored):
                _office_values(scheme, units, quarter, office)
                run = services.race_score(year=year, quarter=quarter, user=office, trigger=RunTrigger.DEMO)
            with demo_clock.at(scored + timedelta(hours=1, minutes=30)):
                # Only the latest race notifies the units: the earlier ones are back-filled history.
                services.race_publish(race=run.race, user=office, notify=(year, quarter) == past[-1])
            published += 1
        # A year is evaluated in the second week of January after it: before, its results are not out yet.
        if (today > date(year + 1, 1, 14)
                and SprintRace.objects.filter(year=year, status="published").count() == 4):
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
    from leaders.demo import IN_CHARGE

    return interview.leader or leaders.get(IN_CHARGE.get(interview.unit.code)) or next(iter(leaders.values()))


@transaction.atomic
def seed_consequences(*, scale=1, stdout=None):
    """Every consequence rule on show: the honours lists of the past years (the barred units visible beside
    them), the interviews of the year before last held with their record, last year's scheduled (one of them
    with the demo leader), the half-year warnings of this year sent, the past years' decided. Idempotent."""
    from leaders.models import Leader
    from org.demo import DEMO_LEADER

    from . import consequences
    from .choices import ConsequenceKind, InterviewStatus
    from .models import HonourProposal, LeaderInterview

    office = get_user_model().objects.filter(username="office").first()
    leaders = {leader.name: leader for leader in Leader.objects.filter(active=True).order_by("order", "id")}
    if office is None or not leaders:
        return
    today = timezone.localdate()
    for case in ConsequenceCase.objects.filter(kind=ConsequenceKind.INTERVIEW, status=CaseStatus.CONFIRMED):
        with demo_clock.at(decision_moment(case.year) + timedelta(minutes=20)):  # opened with the decision
            consequences.interview_from_case(case=case, user=office)
    interviews = list(LeaderInterview.objects.filter(status=InterviewStatus.TO_SCHEDULE)
                      .select_related("unit", "case", "leader").order_by("case__year", "unit__order"))
    # The mayor holds one of last year's interviews himself (whoever the units' linked leaders are).
    demo_leader_given = (LeaderInterview.objects.filter(leader__name=DEMO_LEADER, case__year=today.year - 1)
                         .exclude(status=InterviewStatus.TO_SCHEDULE).exists())
    for n, interview in enumerate(interviews):
        year = interview.case.year
        leader = _interview_leader(interview, leaders)
        if year == today.year - 1 and not demo_leader_given and DEMO_LEADER in leaders:
            leader = leaders[DEMO_LEADER]
        demo_leader_given = demo_leader_given or (year == today.year - 1 and leader.name == DEMO_LEADER)
        decided = timezone.localdate(decision_moment(year))
        day = decided + timedelta(days=21 + n % 15)
        day += timedelta(days=max(0, 7 - day.weekday()) if day.weekday() >= 5 else 0)  # a working day
        # Held some weeks after the decision; the mayor's own, and any whose day has not come, still ahead
        # (waiting on the leader since the decision: the workspace counts those days).
        if day < today - timedelta(days=3) and not (year == today.year - 1 and leader.name == DEMO_LEADER):
            with demo_clock.at(demo_clock.working_moment(decided + timedelta(days=2), decided + timedelta(days=6),
                                                         key=f"schedule-{interview.pk}")):
                consequences.interview_schedule(interview=interview, leader=leader, scheduled_on=day, user=office)
            with demo_clock.at(demo_clock.day_moment(day, key=f"held-{interview.pk}") + timedelta(hours=2)):
                consequences.interview_record(interview=interview, held_on=day, record=INTERVIEW_RECORD,
                                              follow_up=INTERVIEW_FOLLOW_UP, user=office)
        else:
            with demo_clock.at(demo_clock.working_moment(decided + timedelta(days=2), today,
                                                         key=f"schedule-{interview.pk}")):
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
            proposed = decision_moment(year) + timedelta(days=3, minutes=n)
            with demo_clock.at(proposed):
                proposal = consequences.honour_propose(year=year, unit=evaluation.unit, title=HONOUR_TITLE,
                                                       user=office,
                                                       note=f"{year}年度综合考评第{evaluation.year_end_rank}名")
            if year < today.year - 1 or n % 2 == 0:
                with demo_clock.at(proposed + timedelta(days=7)):
                    consequences.honour_award(proposal=proposal, user=office)
    for case in ConsequenceCase.objects.filter(kind=ConsequenceKind.HALF_YEAR, year__lt=today.year,
                                               status=CaseStatus.PROPOSED):
        with demo_clock.at(demo_clock.working_moment(date(case.year, 7, 20), date(case.year, 7, 31),
                                                     key=f"half-{case.year}")):
            services.case_dismiss(case=case, user=office, reason=HALF_YEAR_DISMISSED)
    q2 = SprintRace.objects.filter(year=today.year, quarter=2, status="published").select_related("scheme").first()
    warned = 0
    if q2:
        with demo_clock.at(q2.published_at + timedelta(hours=2) if q2.published_at else demo_clock.real_now()):
            warned = consequences.half_year_warn(race=q2, user=office)["warned"]
    if stdout:
        stdout.write(f"sprint consequences: {LeaderInterview.objects.count()} interviews, "
                     f"{HonourProposal.objects.count()} honours proposals, {warned} half-year warnings sent now")
