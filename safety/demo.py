"""Demo ledgers: 57 chemical firms (34 close, 7 rectify, 1 relocate, 15 retain and upgrade) and 260
garment workshops (161 shut, 87 rectify, 12 not yet decided) over the 13 towns, unevenly as in a real
city (chemical firms cluster in a few towns, workshops in the garment villages), at every stage, some
overdue, and one closed firm found operating again. Names are fictitious; inspection findings and
rectification items fit the kind of site and its disposition.

Idempotent: firms are matched by credit code and workshops by town and name; nothing is created twice.
"""

import random
from datetime import date, timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from gaoyou_portal import demo_clock
from gaoyou_portal.credit_codes import make_credit_code
from leaders.choices import LinkKind
from leaders.models import Enterprise, LeaderLink
from org.choices import UnitKind
from org.models import Membership, Unit

from .choices import CaseState, FirmDisposition, Hazard, HazardCategory, Verdict, WorkshopDisposition
from .models import ChemicalFirm, GarmentWorkshop, Inspection, RectificationItem

FIRM_WORDS = ["华安", "瑞丰", "恒达", "新源", "嘉禾", "泰和", "永盛", "金诚", "宏远", "隆昌", "东升", "润泽", "天成",
              "凯达", "明辉", "盛元", "康泰", "鑫源", "佳信", "博瑞"]
PRODUCTS = ["涂料", "胶黏剂", "染料中间体", "农药制剂", "塑料助剂", "油墨", "清洗剂", "树脂"]
SURNAMES = ["张", "王", "李", "赵", "陈", "刘", "杨", "黄", "周", "吴", "徐", "孙", "朱", "马", "胡", "郭"]
INSPECTORS = ["应急局 钱明、镇安监办 郑华", "应急局 冯涛、镇安监办 卫东", "镇安监办 蒋立、消防大队 沈强",
              "生态环境局 韩冰、镇安监办 褚文", "市场监管局 秦岭、镇安监办 许亮"]
FIRM_FORMS = ["化工有限公司", "精细化工有限公司", "化学品有限公司", "新材料科技有限公司"]
FIRM_PREFIXES = ["高邮市", "扬州", "江苏"]
# How many firms and workshops each town holds (57 and 260 in all).
FIRMS_PER_TOWN = {"tangzhuang": 8, "songqiao": 7, "xiejia": 7, "linze": 6, "cheluo": 5, "zhoushan": 4,
                  "jieshou": 4, "sanduo": 4, "ganduo": 4, "longqiu": 3, "lingtang": 3, "mapeng-jd": 1,
                  "gaoyou-jd": 1}
WORKSHOPS_PER_TOWN = {"ganduo": 42, "sanduo": 35, "linze": 31, "jieshou": 26, "xiejia": 24, "longqiu": 22,
                      "zhoushan": 18, "tangzhuang": 16, "cheluo": 14, "songqiao": 12, "mapeng-jd": 9,
                      "lingtang": 7, "gaoyou-jd": 4}
WORKSHOP_KINDS = ["服装加工点", "制衣坊", "服饰加工作坊", "羽绒服加工点", "童装加工点", "针织加工点"]
GIVEN = "建华国平秀英桂兰玉梅志刚春生红霞海波立新小燕德明美玲"
# Inspection findings by (kind, closure?, outcome).
FINDINGS = {
    ("firm", True, "done"): ["生产设备已拆除，原料和产品已清运，断水断电。",
                            "反应釜、储罐已拆除，危险化学品全部转移处置，厂房已断电。",
                            "设备已拆除，危险废物已委托有资质单位处置，现场无生产迹象。"],
    ("firm", False, "done"): ["各项隐患已整改到位，符合要求。", "重点监管工艺已实现自动化控制，安全评价报告已备案。",
                             "储罐区围堰和可燃气体报警装置已完善，复核合格。"],
    ("firm", True, "open"): ["仍在生产，尚未停产。", "已停产，但原料尚未清运，设备未拆除。"],
    ("firm", False, "open"): ["可燃气体报警器未与切断阀联动，储罐区防火堤有破损。",
                             "特殊作业审批不规范，部分安全阀未按期校验。", "危险废物贮存不规范，台账不全。"],
    ("workshop", True, "done"): ["缝纫设备已搬离，场所已恢复居住用途。", "作坊已停业，设备已处置，门口张贴取缔告知书。",
                                "经营者已搬入园区标准厂房，原场所已清空。"],
    ("workshop", False, "done"): ["住人区域与生产区域已实施防火分隔，“三合一”问题消除。",
                                 "电气线路已穿管敷设，配齐灭火器和应急照明。", "疏散通道已清理，安全出口标识完善。"],
    ("workshop", True, "open"): ["仍有工人在作业，尚未停业。", "设备未搬离，夜间仍有加工。"],
    ("workshop", False, "open"): ["电气线路私拉乱接，灭火器过期。", "员工宿舍与车间未分隔，存在“三合一”问题。",
                                 "布料堆放堵塞疏散通道。"],
}
ITEMS = {
    "firm": [("可燃气体报警装置缺失", "在储罐区和车间加装可燃气体报警并联动切断"),
             ("储罐区防火堤破损", "修复防火堤并做防渗处理"),
             ("自动化控制不完善", "重点监管工艺装置实现自动化控制"),
             ("危险废物贮存不规范", "按规范建设危废仓库并建立台账"),
             ("甲类仓库安全距离不足", "调整仓库布局，拆除违章搭建")],
    "workshop": [("电气线路私拉乱接", "按规范重新敷设线路并穿管保护"),
                 ("疏散通道堵塞", "清理通道，设置应急照明和疏散指示"),
                 ("“三合一”场所", "住人区域与生产区域实施防火分隔"),
                 ("灭火器过期或缺失", "配齐并更换灭火器"),
                 ("易燃布料堆放不当", "布料成品分区存放，与热源保持安全距离")],
}
FIRM_PLAN = [FirmDisposition.CLOSE] * 34 + [FirmDisposition.RECTIFY] * 7 + [FirmDisposition.RELOCATE] + [
    FirmDisposition.RETAIN_UPGRADE] * 15
WORKSHOP_PLAN = [WorkshopDisposition.SHUT] * 161 + [WorkshopDisposition.RECTIFY] * 87 + [""] * 12


ROADS = ["纬一路", "纬二路", "经三路", "化工路", "创业路"]
VILLAGES = ["新民", "联合", "东风", "永丰", "红旗", "友谊", "光明", "建设", "团结", "幸福", "三星", "龙港"]


def _slots(per_town, towns):
    """(town, index within the town) for each firm or workshop, the towns taking turns (a town with more
    sites keeps taking turns after the others run out)."""
    queues = [[(towns[code], i) for i in range(count)] for code, count in per_town.items() if code in towns]
    if not queues:
        queues = [[(town, 0)] for town in towns.values()]
    slots = []
    while any(queues):
        for queue in queues:
            if queue:
                slots.append(queue.pop(0))
    return slots


def closed_share(today):
    """The share of each disposition's cases struck off by ``today``: a few in January, nine in ten by December
    (the plan's targets L06–L11 count them against a straight line to 31 December, so they keep pace)."""
    elapsed = (today.timetuple().tm_yday - 1) / 365
    return 0.03 + 0.94 * elapsed


def _stage(rng, today, *, closed):
    """A stage: struck off (``closed``), else an open stage weighted by the time of year (in January most
    cases just decided or in progress; late in the year more of the open ones sent in for checking)."""
    if closed:
        return CaseState.CLOSED_OUT
    elapsed = (today.timetuple().tm_yday - 1) / 365
    weights = {CaseState.DECIDED: 2 + 10 * (1 - elapsed), CaseState.IN_PROGRESS: 6 + 32 * (1 - elapsed),
               CaseState.SUBMITTED: 8, CaseState.SENT_BACK: 4}
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def _closing(plan, today):
    """For each position of a shuffled plan, the day that case was struck off (``None``: still open today).

    The first ``closed_share`` of each disposition's cases (in the plan's shuffled order) are struck off, each
    on the first day the share reached it: as at any earlier day the ledgers hold what a seed on that day
    would hold (the few struck off by 1 January were struck off last December)."""
    totals, seen, closing = {}, {}, []
    for disposition in plan:
        totals[disposition] = totals.get(disposition, 0) + 1
    first_day = {}  # (disposition, rank) -> day
    for disposition, total in totals.items():
        rank, day = 0, date(today.year, 1, 1)
        while day <= today:
            while rank < round(total * closed_share(day)):
                first_day[disposition, rank] = (date(today.year - 1, 12, 18) - timedelta(days=3 * rank)
                                                if day.timetuple().tm_yday == 1 else day)
                rank += 1
            day += timedelta(days=1)
    for disposition in plan:
        rank = seen.get(disposition, 0)
        seen[disposition] = rank + 1
        closing.append(first_day.get((disposition, rank)))
    return closing


def _moment(day):
    return demo_clock.day_moment(day, key=f"safety-{day}-{_moment.calls}")


_moment.calls = 0


def _fill(case, *, disposition, rng, today, safety, reporters, closed=None):
    case.disposition = disposition
    if not disposition:
        case.state = CaseState.UNDECIDED
        return case
    case.disposition_date = today - timedelta(days=rng.randint(120, 300))
    # Most deadlines are still ahead; about one in five has passed.
    case.deadline = today + timedelta(days=rng.randint(-60, 150))
    case.state = _stage(rng, today, closed=closed is not None)
    if closed is not None:  # struck off on ``closed``: decided well before, due on or after that day
        case.disposition_date = min(case.disposition_date, closed - timedelta(days=rng.randint(45, 120)))
        case.deadline = max(case.deadline, closed + timedelta(days=rng.randint(3, 30)))
    reporter = reporters.get(case.town_id)
    if case.state in (CaseState.SUBMITTED, CaseState.CLOSED_OUT):
        case.submitted_by = reporter
        last = min(today, case.deadline) - timedelta(days=3)
        first = min(last, case.disposition_date + timedelta(days=30))
        if case.state == CaseState.SUBMITTED:  # waiting for the bureau's check: sent in the last weeks
            first = max(first, last - timedelta(days=17))
        _moment.calls += 1
        day = first + timedelta(days=rng.randint(0, max(0, (last - first).days)))
        case.submitted_at = _moment(closed - timedelta(days=2) if closed is not None else day)
    if case.state == CaseState.CLOSED_OUT:
        case.closed_out_by = safety
        case.closed_out_at = min(case.submitted_at + timedelta(days=2), demo_clock.real_now() - timedelta(minutes=5))
    if case.state == CaseState.SENT_BACK:
        case.sent_back_reason = "现场核查发现隐患未全部整改到位，请补充整改照片后重新提交。"
    return case


def _children(cases, *, kind, rng, safety, reporters):
    """Inspections and items that match each case's stage (closed-out cases carry their accepting inspection)."""
    inspections, items = [], []
    for case in cases:
        if not case.disposition:
            continue
        closure = case.is_closure
        link = {kind: case}
        if case.state == CaseState.CLOSED_OUT:
            inspections.append(Inspection(
                date=case.closed_out_at.date() - timedelta(days=1), inspectors=rng.choice(INSPECTORS),
                findings=rng.choice(FINDINGS[(kind, closure, "done")]),
                verdict=Verdict.CLOSURE_CONFIRMED if closure else Verdict.PASSED, recorded_by=safety, **link))
        elif case.state in (CaseState.IN_PROGRESS, CaseState.SENT_BACK):
            inspections.append(Inspection(
                date=case.disposition_date + timedelta(days=20), inspectors=rng.choice(INSPECTORS),
                findings=rng.choice(FINDINGS[(kind, closure, "open")]),
                verdict=Verdict.HAZARDS_REMAIN, recorded_by=reporters.get(case.town_id) or safety, **link))
        if not closure and case.state != CaseState.DECIDED:
            done = case.state in (CaseState.SUBMITTED, CaseState.CLOSED_OUT)
            for hazard, measure in rng.sample(ITEMS[kind], k=rng.randint(1, 3)):
                items.append(RectificationItem(
                    hazard=hazard, measure=measure, deadline=case.deadline,
                    done_on=(case.submitted_at.date() - timedelta(days=1)) if done else None,
                    verified_by=safety if case.state == CaseState.CLOSED_OUT else None,
                    verified_at=case.closed_out_at if case.state == CaseState.CLOSED_OUT else None, **link))
    for item in items:
        case = item.firm if kind == "firm" else item.workshop
        item._history_date = demo_clock.day_moment(case.disposition_date + timedelta(days=15), key=f"item-{case.pk}")
    bulk_create_with_history(inspections, Inspection, default_user=safety)
    bulk_create_with_history(items, RectificationItem, default_user=safety)
    recorded = Inspection.objects.filter(**{f"{kind}__in": [c.pk for c in cases]}).only("pk", "date")
    demo_clock.restamp(Inspection, {i.pk: demo_clock.day_moment(i.date, key=f"inspection-{i.pk}") for i in recorded},
                       fields=["created_at"])
    model = type(cases[0]) if cases else None
    if model is not None:
        demo_clock.restamp(model, {c.pk: demo_clock.day_moment(c.disposition_date or c.created_at.date(),
                                                               key=f"case-{kind}-{c.pk}")
                                   for c in cases}, fields=["created_at", "updated_at"])


@transaction.atomic
def seed(*, scale=1, stdout=None):
    rng = random.Random(2026)
    today = timezone.localdate()
    User = get_user_model()
    safety = User.objects.filter(username="safety").first()
    towns = {u.code: u for u in Unit.objects.filter(kind=UnitKind.TOWN)}
    if not towns:
        return
    reporters = {m.unit_id: m.user for m in Membership.objects.filter(unit__in=towns.values())
                 .select_related("user").order_by("user__username")}
    departments = {u.code: u for u in Unit.objects.filter(code__in=["yjglj", "sthjj"])}
    firm_towns = _slots(FIRMS_PER_TOWN, towns)
    firm_plan = list(FIRM_PLAN)
    random.Random(57).shuffle(firm_plan)
    firm_closing = _closing(firm_plan, today)

    firms = []
    taken = set(ChemicalFirm.objects.values_list("credit_code", flat=True))
    for copy in range(scale):
        for n, disposition in enumerate(firm_plan):
            serial = copy * 1000 + n + 1
            code = make_credit_code(serial)
            if code in taken:
                continue
            town, _index = firm_towns[n % len(firm_towns)]
            name = f"{FIRM_PREFIXES[n % 3]}{FIRM_WORDS[n % len(FIRM_WORDS)]}{FIRM_FORMS[(n // 20 + n) % 4]}"
            firm = ChemicalFirm(
                name=name + (f"（{copy + 1}）" if copy else ""),
                credit_code=code, town=town, address=f"{town.name}化工集中区{rng.choice(ROADS)}{n + 1}号",
                products=rng.choice(PRODUCTS), hazard_category=rng.choice(HazardCategory.values),
                responsible_department=departments.get("yjglj" if n % 3 else "sthjj"),
                responsible_person=f"{rng.choice(SURNAMES)}主任",
            )
            firms.append(_fill(firm, disposition=disposition, rng=rng, today=today, safety=safety,
                               reporters=reporters, closed=firm_closing[n]))
    _enterprises_for(firms)
    bulk_create_with_history(firms, ChemicalFirm, default_user=safety, default_change_reason="演示数据")
    firms = list(ChemicalFirm.objects.filter(credit_code__in=[f.credit_code for f in firms]))
    _leader_links(firms, today=today)
    _children(firms, kind="firm", rng=rng, safety=safety, reporters=reporters)

    workshops = []
    existing = set(GarmentWorkshop.objects.values_list("town_id", "name"))
    workshop_towns = _slots(WORKSHOPS_PER_TOWN, towns)
    workshop_plan = list(WORKSHOP_PLAN)
    random.Random(260).shuffle(workshop_plan)
    workshop_closing = _closing(workshop_plan, today)
    for copy in range(scale):
        for n, disposition in enumerate(workshop_plan):
            town, i = workshop_towns[n % len(workshop_towns)]
            surname = SURNAMES[i % len(SURNAMES)]
            kind = WORKSHOP_KINDS[(i % 16 + 5 * (i // 16)) % len(WORKSHOP_KINDS)]
            name = f"{town.short_name}{surname}记{kind}" + (f"（{copy + 1}）" if copy else "")
            if (town.pk, name) in existing:
                continue
            hazards = rng.sample([Hazard.THREE_IN_ONE, Hazard.ELECTRICAL, Hazard.ESCAPE, Hazard.EXTINGUISHERS,
                                  Hazard.FLAMMABLE], k=rng.randint(1, 3))
            if n % 2 == 0 and Hazard.THREE_IN_ONE not in hazards:
                hazards.insert(0, Hazard.THREE_IN_ONE)
            given = GIVEN[2 * (i % 8):2 * (i % 8) + 2]
            workshop = GarmentWorkshop(
                name=name, operator=f"{surname}{given}", town=town,
                address=f"{town.name}{rng.choice(VILLAGES)}村{rng.randint(1, 12)}组",
                workers=rng.randint(2, 25), hazards=",".join(hazards),
                responsible_person=f"{rng.choice(SURNAMES)}镇长",
            )
            workshops.append(_fill(workshop, disposition=disposition, rng=rng, today=today, safety=safety,
                                   reporters=reporters, closed=workshop_closing[n]))
    bulk_create_with_history(workshops, GarmentWorkshop, default_user=safety, default_change_reason="演示数据")
    created = {(w.town_id, w.name) for w in workshops}
    workshops = [w for w in GarmentWorkshop.objects.filter(name__in={n for _t, n in created})
                 if (w.town_id, w.name) in created]
    _children(workshops, kind="workshop", rng=rng, safety=safety, reporters=reporters)
    _demo_reopened(firms, safety=safety, today=today)
    if stdout:
        stdout.write(f"safety: {ChemicalFirm.objects.count()} chemical firms, "
                     f"{GarmentWorkshop.objects.count()} garment workshops")


def _enterprises_for(firms):
    """Each firm is also an enterprise record (org), matched by credit code: the record leaders link to."""
    known = {e.credit_code: e for e in Enterprise.objects.filter(credit_code__in=[f.credit_code for f in firms])}
    new = [Enterprise(name=f.name, credit_code=f.credit_code, town=f.town, industry="化工") for f in firms
           if f.credit_code not in known]
    bulk_create_with_history(new, Enterprise, default_change_reason="演示数据")
    made = {e.credit_code: e for e in Enterprise.objects.filter(credit_code__in=[e.credit_code for e in new])}
    known.update(made)
    # On the enterprise register since the demo's history began (before the rectification campaign).
    setup = demo_clock.history_start(timezone.localdate())
    demo_clock.restamp(Enterprise, {e.pk: setup + timedelta(minutes=5, seconds=n) for n, e in enumerate(made.values())},
                       fields=[])
    for firm in firms:
        firm.enterprise = known[firm.credit_code]


def _leader_links(firms, *, today):
    """The leader linked to a town also follows one chemical firm there (the open case with the nearest
    deadline), so the leader's workspace shows the firm's case through the shared enterprise record."""
    open_firms = sorted((f for f in firms if f.state != CaseState.CLOSED_OUT and f.deadline),
                        key=lambda f: (f.deadline, f.pk))
    links = []
    for link in LeaderLink.objects.active().filter(kind=LinkKind.UNIT).select_related("leader"):
        # The open case with the nearest deadline; late in the year, when the town's are all closed out, the
        # one the leader followed to its close.
        firm = next((f for f in open_firms if f.town_id == link.unit_id), None) or next(
            (f for f in firms if f.town_id == link.unit_id and f.disposition), None)
        if firm is None:
            continue
        if LeaderLink.objects.active().filter(leader=link.leader, enterprise=firm.enterprise_id).exists():
            continue
        if any(x.leader_id == link.leader_id and x.enterprise_id == firm.enterprise_id for x in links):
            continue
        links.append(LeaderLink(leader=link.leader, kind=LinkKind.ENTERPRISE, enterprise_id=firm.enterprise_id,
                                started_on=date(today.year - 1, 6, 1)))
    bulk_create_with_history(links, LeaderLink, default_change_reason="演示数据")
    made = LeaderLink.objects.filter(kind=LinkKind.ENTERPRISE, started_on=date(today.year - 1, 6, 1),
                                     enterprise__in=[x.enterprise_id for x in links])
    demo_clock.restamp(LeaderLink, {link.pk: demo_clock.working_moment(link.started_on, link.started_on
                                                                       + timedelta(days=9), key=f"link-{link.pk}")
                                    for link in made}, fields=[])


def _demo_reopened(new_firms, *, safety, today):
    """The one closed firm found operating again, through the same service as a real inspection."""
    from .services import inspection_record

    if ChemicalFirm.objects.filter(raised_to_leaders=True).exists():
        return
    candidate = next((f for f in new_firms if f.disposition == FirmDisposition.CLOSE
                      and f.state == CaseState.CLOSED_OUT), None)
    if candidate is None or safety is None:
        return
    day = min(today, max(today - timedelta(days=3), timezone.localdate(candidate.closed_out_at) + timedelta(days=1)))
    with demo_clock.at(demo_clock.day_moment(day, key="reopened")):
        inspection_record(
            case=candidate, date=day, inspectors="应急局 钱明、镇安监办 郑华",
            findings="夜间突击检查发现厂房内设备重新通电运行，有工人作业，原料桶若干。",
            verdict=Verdict.OPERATING_AGAIN, user=safety,
        )
