"""Demo data of the consequences that bite: the year's honours list, the leaders' interviews and the half-year
warnings, drawn from the races ``projects.sprint.demo`` seeds (registered after it)."""

from datetime import date, timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from gaoyou_portal import demo_clock

from . import services
from .choices import CaseStatus
from .demo import decision_moment
from .models import (
    CompositeEvaluation,
    ConsequenceCase,
    SprintRace,
)

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
    them), the interviews held some weeks after the decision with their record (one of last year's with the demo
    leader; scheduled while its day is still ahead), the half-year warnings of this year sent, the past years'
    decided. Idempotent."""
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
        # Held some weeks after the decision (in February at the latest); one whose day has not come is still
        # ahead (waiting on the leader since the decision: the workspace counts those days).
        if day < today - timedelta(days=3):
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
                                                scheduled_on=max(day, today + timedelta(days=3)), user=office)
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
