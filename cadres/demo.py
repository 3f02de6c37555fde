"""Demo cadres: about 80 fictitious cadres (× scale) across the units, with types, front-line posts
and a few records of each kind, written through the services as the demo 组织部 user.

Idempotent: a cadre is matched by name and unit, and records are only added with a new cadre.
Runs after the sprint race (order 50 > 20), so confirmed consequences already there get their
pending interviews and reassignment proposals here too.
"""

import random
from datetime import date, timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from gaoyou_portal import demo_clock
from org.models import Unit

from . import hooks, services
from .choices import (
    CadreType,
    Campaign,
    CaseStatus,
    FaultDecision,
    FrontLine,
    IncentiveKind,
    InterviewKind,
    PostChangeKind,
    Rank,
    Sex,
)
from .models import (
    Cadre,
    CadreTypeAssessment,
    Clearance,
    FaultToleranceCase,
    Incentive,
    Interview,
    PostChange,
    WorkStyleCase,
)

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董潘袁蔡蒋余于杜叶程"
GIVEN = "建国志强海军晓明红梅文静玉兰春华立新永刚秀英国庆卫东丽娟德胜宏伟雪松佳怡子涵浩然明辉俊杰淑芬桂香"
LEADING_POST = {"town": "党委书记", "park": "党工委书记", "department": "党组书记、局长"}
OTHER_POSTS = [
    ("副镇长（分管招商）", "招商引资", FrontLine.INVESTMENT),
    ("项目办主任", "项目建设管理", FrontLine.CONSTRUCTION),
    ("综治办主任", "信访与矛盾调处", FrontLine.MEDIATION),
    ("副主任", "产业经济", ""),
    ("党政办主任", "综合文字", ""),
    ("驻外招商专员", "招商引资", FrontLine.INVESTMENT),
]
SKIP_UNITS = {"zzb", "khb"}


def _name(rng):
    return rng.choice(SURNAMES) + "".join(rng.sample(GIVEN, rng.choice([1, 2])))


def _rank(post, rng):
    """The rank a post carries: a deputy head of a town, park or bureau is 副科级; an office head in a town
    is 科员 or already 副科级; an envoy is 科员."""
    if post.startswith(("副镇长", "副局长", "管委会副主任", "办事处副主任", "副主任")):
        return Rank.DEPUTY_SECTION
    if post.startswith("驻外"):
        return Rank.STAFF
    return rng.choice([Rank.STAFF, Rank.DEPUTY_SECTION])


def _plan(units, count):
    """(unit, post, is_leading, specialist field, front line) for ``count`` cadres."""
    rows = []
    for unit in units:  # one principal leader per unit first
        rows.append((unit, LEADING_POST[unit.kind], True, "", ""))
    while len(rows) < count:
        unit = units[len(rows) % len(units)]
        post, field, line = OTHER_POSTS[len(rows) % len(OTHER_POSTS)]
        if line == FrontLine.INVESTMENT and post.startswith("副镇长"):
            post = {"department": "副局长（分管招商）", "park": "管委会副主任（分管招商）"}.get(
                unit.kind, "办事处副主任（分管招商）" if unit.name.endswith("街道") else post)
        rows.append((unit, post, False, field, line))
    return rows[:count]


def seed(*, scale=1, stdout=None):
    user = get_user_model().objects.filter(username="orgdept").first()
    if user is None:
        return
    today = timezone.localdate()
    units = [u for u in Unit.objects.active().order_by("order", "id") if u.code not in SKIP_UNITS]
    longqiu = [u for u in units if u.code == "longqiu"]
    # The demo reporter's town comes first so it always holds several cadres with records.
    units = longqiu + [u for u in units if u.code != "longqiu"]
    created = 0
    with transaction.atomic():
        for index, (unit, post, leading, field, line) in enumerate(_plan(units, 80 * scale)):
            rng = random.Random(2026_000 + index)  # one generator per cadre: reruns give the same names
            name = _name(rng)
            rank = Rank.SECTION if leading else _rank(post, rng)
            data = {
                "name": name, "sex": rng.choice([Sex.MALE, Sex.MALE, Sex.FEMALE]),
                "year_of_birth": today.year - rng.randint(28 if not leading else 40, 56),
                "unit": unit, "post": post, "rank": rank, "is_leading": leading, "specialist_field": field,
                "front_line": line,
                "front_line_since": today - timedelta(days=rng.randint(60, 700)) if line else None,
            }
            if Cadre.objects.filter(name=name, unit=unit).exists():
                continue
            # Entered when the department took its register into the portal, at the start of last year.
            entered = demo_clock.working_moment(date(today.year - 1, 2, 1), date(today.year - 1, 3, 31),
                                                key=f"cadre-{index}")
            with demo_clock.at(entered):
                cadre = services.cadre_create(data=data, user=user)
            created += 1
            _records(cadre, index, rng, today, user)
        _replay_consequences(user)
    if stdout:
        stdout.write(f"cadres: {created} new, {Cadre.objects.count()} cadres in all")


OVERRIDE = "该同志年内牵头完成防汛抢险任务，表现突出，经部务会研究同意予以专项表扬（演示数据）。"


def _days_ago(rng, today, low=10, high=300):
    return today - timedelta(days=rng.randint(low, high))


def _records(cadre, index, rng, today, user):
    """A few records of each kind, spread over the cadres by their position in the plan."""
    def add(*, model, cadre, user, data):
        """A record entered on the latest day it records (a scheduled talk: a few days before it), never before
        its cadre was entered."""
        day = max((value for key, value in data.items() if key.endswith("_on") and value), default=today)
        day = max(min(day, today - timedelta(days=3)), timezone.localdate(cadre.created_at))
        with demo_clock.at(demo_clock.day_moment(day, key=f"{model.__name__}-{cadre.pk}")):
            services.record_create(model=model, cadre=cadre, user=user, data=data)
    if index % 5 != 4:  # four in five cadres have been typed
        cadre_type = [CadreType.OX, CadreType.LION, CadreType.CHEETAH][index % 3]
        add(model=CadreTypeAssessment, cadre=cadre, user=user, data={
            "cadre_type": cadre_type, "facts": "年度考核优秀，牵头完成重点工作（演示数据）",
            "assessed_by": "市委组织部考察组", "assessed_on": _days_ago(rng, today, 30, 400),
        })
    if index % 6 == 1:
        granted_on = _days_ago(rng, today)
        # A leading cadre of a unit barred from awards (不得评优) gets one only with the department's
        # recorded reason: the demo shows that override.
        barred = cadre.is_leading and any(hooks.award_bar(unit_id=cadre.unit_id, year=y)
                                          for y in (granted_on.year, granted_on.year - 1))
        add(model=Incentive, cadre=cadre, user=user, data={
            "kind": rng.choice(IncentiveKind.values), "reason": "季度冲刺赛中表现突出（演示数据）",
            "granted_on": granted_on, "issuing_body": "中共高邮市委",
            "bar_override_reason": OVERRIDE if barred else "",
        })
    if index % 10 == 3:
        occurred = _days_ago(rng, today, 60, 300)
        decided = index % 20 == 3
        add(model=FaultToleranceCase, cadre=cadre, user=user, data={
            "occurred_on": occurred, "facts": "先行先试推进项目审批，程序存在瑕疵（演示数据）",
            "rule_applied": "高邮市容错纠错实施办法第六条" if decided else "",
            "decision": FaultDecision.TOLERATED if decided else "",
            "decided_on": occurred + timedelta(days=20) if decided else None,
            "correction_required": decided, "correction_measures": "完善审批台账" if decided else "",
        })
    if index % 9 == 5:
        add(model=PostChange, cadre=cadre, user=user, data={
            "kind": rng.choice([PostChangeKind.PROMOTION, PostChangeKind.TRANSFER]), "from_post": cadre.post,
            "to_post": cadre.post + "（兼）", "reason": "实绩突出，有为者有位（演示数据）",
            "effective_on": _days_ago(rng, today),
        })
    if index % 20 == 7:
        add(model=Clearance, cadre=cadre, user=user, data={
            "accusation": "匿名举报违规插手工程（演示数据）", "finding": "经查不实",
            "made_known": "在全镇干部大会上公开澄清", "cleared_on": _days_ago(rng, today),
        })
    if index % 10 == 8:
        closed = index % 20 == 8
        opened = _days_ago(rng, today, 40, 250)
        add(model=WorkStyleCase, cadre=cadre, user=user, data={
            "campaign": [Campaign.FOUR_STYLES, Campaign.FORMALISM, Campaign.OBSTRUCTION][index % 3],
            "facts": "群众反映办事推诿（演示数据）", "handling": "约谈提醒，限期整改",
            "outcome": "已整改到位" if closed else "", "status": CaseStatus.CLOSED if closed else CaseStatus.HANDLING,
            "opened_on": opened, "closed_on": opened + timedelta(days=30) if closed else None,
        })
    if index % 15 == 11:
        add(model=Interview, cadre=cadre, user=user, data={
            "kind": InterviewKind.CONDUCT, "reason": "工作作风提醒谈话（演示数据）", "status": "pending",
            "scheduled_on": today + timedelta(days=7), "interviewer": "市委组织部",
        })


def _replay_consequences(user):
    """Consequences confirmed before the cadres existed get their interviews and proposals now."""
    from cadres.models import ReassignmentProposal

    handled = set(Interview.objects.filter(sprint_case_id__isnull=False).values_list("sprint_case_id", flat=True))
    handled |= set(ReassignmentProposal.objects.values_list("sprint_case_id", flat=True))
    for consequence in hooks.all_confirmed():
        if consequence.id not in handled:  # a rerun of the demo neither repeats nor re-announces them
            with demo_clock.at((consequence.decided_at or demo_clock.real_now()) + timedelta(hours=2)):
                services.consequence_received(consequence=consequence, user=user)
    _hold_past_interviews(user)


def _hold_past_interviews(user):
    """The consequence interviews of the year before last were held early last year; of last year's,
    every other one has been held this spring and the rest are still pending."""
    from leaders.demo import IN_CHARGE
    from leaders.models import Leader, LeaderLink

    this_year = timezone.localdate().year
    leaders = {link.unit_id: link.leader for link in LeaderLink.objects.filter(kind="unit").select_related("leader")}
    by_name = {leader.name: leader for leader in Leader.objects.all()}
    pending = Interview.objects.filter(status="pending", sprint_case_id__isnull=False, sprint_year__isnull=False)
    for interview in pending.select_related("unit").order_by("id"):
        if interview.sprint_year >= this_year or (interview.sprint_year == this_year - 1 and interview.pk % 2):
            continue
        leader = leaders.get(interview.unit_id) or by_name.get(IN_CHARGE.get(interview.unit.code, ""))
        held_on = date(interview.sprint_year + 1, 2, 10 + interview.pk % 15)
        if held_on >= timezone.localdate():
            continue  # not held yet: its day is still to come
        with demo_clock.at(demo_clock.day_moment(held_on, key=f"held-{interview.pk}")):
            services.interview_hold(
                interview=interview, user=user, held_on=held_on,
                interviewer=f"{leader.title}{leader.name}" if leader else "市委主要领导",
                notes="约谈指出年度综合考评排名靠后的主要原因，要求一个月内提交整改报告，整改情况纳入下一年度考评。",
            )
