"""Demo ledgers: 57 chemical firms (34 close, 7 rectify, 1 relocate, 15 retain and upgrade) and 260
garment workshops (161 shut, 87 rectify, 12 not yet decided) over the 13 towns, at every stage, some
overdue, and one closed firm found operating again. Names are fictitious.

Idempotent: firms are matched by credit code and workshops by town and name; nothing is created twice.
"""

import random
from datetime import datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from org.choices import UnitKind
from org.models import Membership, Unit

from .choices import CaseState, FirmDisposition, Hazard, HazardCategory, Verdict, WorkshopDisposition
from .models import ChemicalFirm, GarmentWorkshop, Inspection, RectificationItem
from .validators import make_credit_code

FIRM_WORDS = ["华安", "瑞丰", "恒达", "新源", "嘉禾", "泰和", "永盛", "金诚", "宏远", "隆昌", "东升", "润泽", "天成",
              "凯达", "明辉", "盛元", "康泰", "鑫源", "佳信", "博瑞"]
PRODUCTS = ["涂料", "胶黏剂", "染料中间体", "农药制剂", "塑料助剂", "油墨", "清洗剂", "树脂"]
SURNAMES = ["张", "王", "李", "赵", "陈", "刘", "杨", "黄", "周", "吴", "徐", "孙", "朱", "马", "胡", "郭"]
INSPECTORS = ["应急局 钱明、镇安监办 郑华", "应急局 冯涛、镇安监办 卫东", "镇安监办 蒋立、消防大队 沈强"]
FIRM_PLAN = [FirmDisposition.CLOSE] * 34 + [FirmDisposition.RECTIFY] * 7 + [FirmDisposition.RELOCATE] + [
    FirmDisposition.RETAIN_UPGRADE] * 15
WORKSHOP_PLAN = [WorkshopDisposition.SHUT] * 161 + [WorkshopDisposition.RECTIFY] * 87 + [""] * 12
# (state, weight): a spread of stages, most still open.
STAGES = [(CaseState.DECIDED, 12), (CaseState.IN_PROGRESS, 38), (CaseState.SUBMITTED, 10),
          (CaseState.SENT_BACK, 5), (CaseState.CLOSED_OUT, 35)]


def _stage(rng):
    return rng.choices([s for s, _w in STAGES], weights=[w for _s, w in STAGES])[0]


def _moment(day):
    return timezone.make_aware(datetime.combine(day, time(10, 0)))


def _fill(case, *, disposition, rng, today, safety, reporters):
    case.disposition = disposition
    if not disposition:
        case.state = CaseState.UNDECIDED
        return case
    case.disposition_date = today - timedelta(days=rng.randint(120, 300))
    # Most deadlines are still ahead; about one in five has passed.
    case.deadline = today + timedelta(days=rng.randint(-60, 150))
    case.state = _stage(rng)
    reporter = reporters.get(case.town_id)
    if case.state in (CaseState.SUBMITTED, CaseState.CLOSED_OUT):
        case.submitted_by = reporter
        case.submitted_at = _moment(min(today, case.deadline) - timedelta(days=rng.randint(3, 20)))
    if case.state == CaseState.CLOSED_OUT:
        case.closed_out_by = safety
        case.closed_out_at = case.submitted_at + timedelta(days=2)
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
                findings="设备已拆除，原料清空，断水断电。" if closure else "各项隐患已整改到位，符合要求。",
                verdict=Verdict.CLOSURE_CONFIRMED if closure else Verdict.PASSED, recorded_by=safety, **link))
        elif case.state in (CaseState.IN_PROGRESS, CaseState.SENT_BACK):
            inspections.append(Inspection(
                date=case.disposition_date + timedelta(days=20), inspectors=rng.choice(INSPECTORS),
                findings="仍在生产，尚未停产。" if closure else "电气线路私拉乱接，灭火器过期。",
                verdict=Verdict.HAZARDS_REMAIN, recorded_by=reporters.get(case.town_id) or safety, **link))
        if not closure and case.state != CaseState.DECIDED:
            done = case.state in (CaseState.SUBMITTED, CaseState.CLOSED_OUT)
            for hazard, measure in (("电气线路私拉乱接", "按规范重新敷设线路并穿管保护"),
                                    ("疏散通道堵塞", "清理通道，设置应急照明和疏散指示")):
                items.append(RectificationItem(
                    hazard=hazard, measure=measure, deadline=case.deadline,
                    done_on=(case.submitted_at.date() - timedelta(days=1)) if done else None,
                    verified_by=safety if case.state == CaseState.CLOSED_OUT else None,
                    verified_at=case.closed_out_at if case.state == CaseState.CLOSED_OUT else None, **link))
    bulk_create_with_history(inspections, Inspection, default_user=safety)
    bulk_create_with_history(items, RectificationItem, default_user=safety)


@transaction.atomic
def seed(*, scale=1, stdout=None):
    rng = random.Random(2026)
    today = timezone.localdate()
    User = get_user_model()
    safety = User.objects.filter(username="safety").first()
    towns = list(Unit.objects.filter(kind=UnitKind.TOWN).order_by("order", "id"))
    if not towns:
        return
    # Longqiu (the demo reporter's town) first, so it surely holds firms and workshops.
    towns.sort(key=lambda u: u.code != "longqiu")
    reporters = {m.unit_id: m.user for m in Membership.objects.filter(unit__in=towns).select_related("user")
                 .order_by("user__username")}
    departments = {u.code: u for u in Unit.objects.filter(code__in=["yjglj", "sthjj"])}

    firms = []
    taken = set(ChemicalFirm.objects.values_list("credit_code", flat=True))
    for copy in range(scale):
        for n, disposition in enumerate(FIRM_PLAN):
            serial = copy * 1000 + n + 1
            code = make_credit_code(serial)
            if code in taken:
                continue
            town = towns[n % len(towns)]
            word = FIRM_WORDS[n % len(FIRM_WORDS)]
            firm = ChemicalFirm(
                # "高邮" + the town's short name, except for 高邮街道 itself (no "高邮高邮").
                name=f"高邮{town.short_name.removeprefix('高邮')}{word}化工有限公司"
                + (f"（{copy + 1}）" if copy else ""),
                credit_code=code, town=town, address=f"{town.name}工业集中区{n + 1}号",
                products=rng.choice(PRODUCTS), hazard_category=rng.choice(HazardCategory.values),
                responsible_department=departments.get("yjglj" if n % 3 else "sthjj"),
                responsible_person=f"{rng.choice(SURNAMES)}主任",
            )
            firms.append(_fill(firm, disposition=disposition, rng=rng, today=today, safety=safety,
                               reporters=reporters))
    bulk_create_with_history(firms, ChemicalFirm, default_user=safety, default_change_reason="演示数据")
    firms = list(ChemicalFirm.objects.filter(credit_code__in=[f.credit_code for f in firms]))
    _children(firms, kind="firm", rng=rng, safety=safety, reporters=reporters)

    workshops = []
    existing = set(GarmentWorkshop.objects.values_list("town_id", "name"))
    for copy in range(scale):
        for n, disposition in enumerate(WORKSHOP_PLAN):
            town = towns[n % len(towns)]
            surname = SURNAMES[(n // len(towns)) % len(SURNAMES)]
            name = f"{town.short_name}{surname}记服装加工点{n // len(towns) + 1 + copy * 100}号"
            if (town.pk, name) in existing:
                continue
            hazards = rng.sample([Hazard.THREE_IN_ONE, Hazard.ELECTRICAL, Hazard.ESCAPE, Hazard.EXTINGUISHERS,
                                  Hazard.FLAMMABLE], k=rng.randint(1, 3))
            if n % 2 == 0 and Hazard.THREE_IN_ONE not in hazards:
                hazards.insert(0, Hazard.THREE_IN_ONE)
            workshop = GarmentWorkshop(
                name=name, operator=f"{surname}某", town=town, address=f"{town.name}{rng.randint(1, 30)}组",
                workers=rng.randint(2, 25), hazards=",".join(hazards),
                responsible_person=f"{rng.choice(SURNAMES)}镇长",
            )
            workshops.append(_fill(workshop, disposition=disposition, rng=rng, today=today, safety=safety,
                                   reporters=reporters))
    bulk_create_with_history(workshops, GarmentWorkshop, default_user=safety, default_change_reason="演示数据")
    created = {(w.town_id, w.name) for w in workshops}
    workshops = [w for w in GarmentWorkshop.objects.filter(name__in={n for _t, n in created})
                 if (w.town_id, w.name) in created]
    _children(workshops, kind="workshop", rng=rng, safety=safety, reporters=reporters)
    _demo_reopened(firms, safety=safety, today=today)
    if stdout:
        stdout.write(f"safety: {ChemicalFirm.objects.count()} chemical firms, "
                     f"{GarmentWorkshop.objects.count()} garment workshops")


def _demo_reopened(new_firms, *, safety, today):
    """The one closed firm found operating again, through the same service as a real inspection."""
    from .services import inspection_record

    if ChemicalFirm.objects.filter(raised_to_leaders=True).exists():
        return
    candidate = next((f for f in new_firms if f.disposition == FirmDisposition.CLOSE
                      and f.state == CaseState.CLOSED_OUT), None)
    if candidate is None or safety is None:
        return
    inspection_record(
        case=candidate, date=today - timedelta(days=3), inspectors="应急局 钱明、镇安监办 郑华",
        findings="夜间突击检查发现厂房内设备重新通电运行，有工人作业，原料桶若干。",
        verdict=Verdict.OPERATING_AGAIN, user=safety,
    )
