"""Demo data: this year's 100 livelihood tasks with progress (some overdue), and last year's list with
explanations for the tasks it did not complete. Idempotent: a year that already has tasks is left alone.

Written through the services, so the history and statuses are those a real year would have.
"""

import datetime
import random

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from org.models import Leader, Membership, Unit

from . import services
from .choices import TaskCategory as C
from .models import LivelihoodTask

TOWNS = ["gaoyou-jd", "mapeng-jd", "longqiu", "cheluo", "tangzhuang", "xiejia", "sanduo", "ganduo", "jieshou",
         "zhoushan", "linze", "songqiao", "lingtang"]

# (category, title, what will be delivered, lead unit, responsible units)
CITY_TASKS = [
    (C.EDUCATION, "新建城南实验小学", "建成48个班的小学一所，秋季学期招生", "jyj", ["zjj", "chengnan"]),
    (C.EDUCATION, "改扩建第二中学教学楼", "新增教学用房1.2万平方米", "jyj", ["zjj", "gaoyou-jd"]),
    (C.EDUCATION, "新建改扩建公办幼儿园5所", "新增学位1350个", "jyj", ["longqiu", "cheluo", "sanduo"]),
    (C.EDUCATION, "中小学教室照明改造", "完成全市中小学1200间教室照明改造", "jyj", []),
    (C.EDUCATION, "义务教育课后服务全覆盖", "公办义务教育学校课后服务覆盖率100%", "jyj", []),
    (C.EDUCATION, "校园食堂明厨亮灶提升", "学校食堂明厨亮灶覆盖率100%", "scjgj", ["jyj"]),
    (C.HEALTH, "市人民医院急诊急救大平台建设", "建成胸痛、卒中、创伤三大中心", "wjw", []),
    (C.HEALTH, "乡镇卫生院提档升级", "6家卫生院达到国家推荐标准", "wjw", ["longqiu", "linze", "jieshou"]),
    (C.HEALTH, "65岁以上老年人免费健康体检", "体检人数不少于9万人", "wjw", []),
    (C.HEALTH, "适龄女生HPV疫苗免费接种", "为1800名13—14岁女生接种", "wjw", ["jyj"]),
    (C.HEALTH, "家庭医生签约服务扩面", "重点人群签约率达到80%", "wjw", []),
    (C.HEALTH, "城乡居民两癌筛查", "完成妇女两癌筛查2万人", "wjw", []),
    (C.ELDERLY_CARE, "新建城市社区助餐点20个", "每个助餐点日均服务老人不少于30人", "mzj",
     ["gaoyou-jd", "mapeng-jd"]),
    (C.ELDERLY_CARE, "困难老年人家庭适老化改造", "完成500户改造", "mzj", ["longqiu", "tangzhuang", "xiejia"]),
    (C.ELDERLY_CARE, "市社会福利中心护理型床位扩容", "新增护理型床位200张", "mzj", []),
    (C.ELDERLY_CARE, "居家养老上门服务", "为3000名失能半失能老人提供上门服务", "mzj", []),
    (C.SOCIAL_ASSISTANCE, "低收入农户动态监测帮扶", "715户低收入农户全部纳入动态监测，无一返贫", "nyncj", TOWNS[:6]),
    (C.SOCIAL_ASSISTANCE, "经济薄弱村集体增收", "12个经济薄弱村集体经营性收入均超过60万元", "nyncj",
     ["longqiu", "ganduo"]),
    (C.SOCIAL_ASSISTANCE, "困境儿童关爱保护", "困境儿童基本生活保障应保尽保", "mzj", []),
    (C.SOCIAL_ASSISTANCE, "残疾人康复服务", "为1200名残疾人提供基本康复服务", "mzj", ["wjw"]),
    (C.ROADS, "S333高邮段改扩建", "完成路基路面工程12公里", "jtysj", ["cheluo", "tangzhuang"]),
    (C.ROADS, "城区断头路打通", "打通城区断头路8条", "zjj", ["gaoyou-jd"]),
    (C.ROADS, "新增城市公共停车泊位", "新增公共停车泊位2000个", "zjj", ["gaoyou-jd", "mapeng-jd"]),
    (C.ROADS, "城乡公交一体化", "新开、优化公交线路10条", "jtysj", []),
    (C.ROADS, "农村危桥改造", "改造农村危桥40座", "jtysj", ["longqiu", "zhoushan", "lingtang"]),
    (C.WATER, "城市污水管网提质增效", "新建改造污水管网30公里", "swuj", ["zjj"]),
    (C.WATER, "农村生活污水治理", "新增治理行政村20个", "swuj", ["sthjj", "longqiu", "sanduo"]),
    (C.WATER, "城区易淹易涝片区整治", "整治易淹易涝片区6处", "swuj", ["gaoyou-jd"]),
    (C.WATER, "城乡供水一体化提升", "更新改造老旧供水管网50公里", "swuj", []),
    (C.HOUSING, "老旧小区改造", "改造老旧小区15个、惠及居民4200户", "zjj", ["gaoyou-jd", "mapeng-jd"]),
    (C.HOUSING, "既有多层住宅加装电梯", "加装电梯40部", "zjj", []),
    (C.HOUSING, "城镇保障性租赁住房筹集", "筹集保障性租赁住房800套", "zjj", ["zrzyj"]),
    (C.HOUSING, "零散农户集中居住", "600户零散农户集中居住", "zrzyj", ["longqiu", "cheluo", "sanduo", "linze"]),
    (C.EMPLOYMENT, "城镇新增就业", "城镇新增就业9000人", "rsj", []),
    (C.EMPLOYMENT, "重点群体技能培训", "开展职业技能培训1.5万人次", "rsj", []),
    (C.EMPLOYMENT, "零工市场建设", "建成市级零工市场1个、乡镇零工驿站10个", "rsj", ["longqiu", "tangzhuang"]),
    (C.EMPLOYMENT, "根治欠薪", "农民工工资支付监控预警平台全覆盖", "rsj", ["zjj"]),
    (C.EMPLOYMENT, "城乡居民基本养老保险扩面", "参保率稳定在98%以上", "rsj", []),
    (C.RURAL, "生猪恢复性生产", "建成存栏2400头种猪场1个、年出栏12万头商品猪场1个", "nyncj", ["lingtang"]),
    (C.RURAL, "高标准农田建设", "新建高标准农田5万亩", "nyncj", ["longqiu", "zhoushan", "linze"]),
    (C.RURAL, "农村人居环境整治", "建成省级特色田园乡村3个", "nyncj", ["longqiu", "jieshou"]),
    (C.RURAL, "农村户厕问题整改", "完成问题户厕整改2000户", "nyncj", []),
    (C.ENVIRONMENT, "城市口袋公园建设", "新建口袋公园10个", "zjj", ["gaoyou-jd", "mapeng-jd"]),
    (C.ENVIRONMENT, "大运河沿线环境整治", "整治沿线环境问题点位60个", "sthjj", ["gaoyou-jd", "cheluo", "jieshou"]),
    (C.ENVIRONMENT, "生活垃圾分类", "城区生活垃圾分类小区覆盖率90%", "zjj", []),
    (C.CULTURE_SPORTS, "全民健身中心建设", "建成市全民健身中心一座", "jyj", []),
    (C.CULTURE_SPORTS, "城市书房建设", "新建城市书房5家", "jyj", ["gaoyou-jd"]),
    (C.CULTURE_SPORTS, "送戏下乡", "送戏下乡演出200场", "jyj", TOWNS[2:8]),
    (C.PUBLIC_SAFETY, "老旧住宅小区消防设施改造", "改造小区消防设施30个", "yjglj", ["zjj"]),
    (C.PUBLIC_SAFETY, "食品安全快检服务", "农贸市场快检室覆盖率100%", "scjgj", []),
    (C.PUBLIC_SAFETY, "电动自行车集中充电设施", "新增充电端口1万个", "yjglj", ["gaoyou-jd", "mapeng-jd"]),
]
# Per-town tasks: (category, title pattern, target, lead unit)
TOWN_TASKS = [
    (C.WATER, "{town}区域供水管网改造", "改造老旧供水管网8公里", "swuj"),
    (C.ROADS, "{town}农村公路提档升级", "提档升级农村公路10公里", "jtysj"),
    (C.ELDERLY_CARE, "{town}区域性养老服务中心建设", "建成区域性养老服务中心一个，床位不少于60张", "mzj"),
    (C.HEALTH, "{town}卫生院发热门诊标准化建设", "发热门诊达到标准化要求", "wjw"),
]

# Deadlines by task index (month, day), spread over the year; a few fall before "today" unfinished.
DEADLINE_MONTHS = [6, 9, 10, 11, 12, 12, 12, 12, 8, 12]


def _tasks_for(year):
    rows = list(CITY_TASKS)
    for category, pattern, target, lead in TOWN_TASKS:
        for code in TOWNS:
            rows.append((category, pattern, target, lead, [code]))
            if len(rows) >= 100:
                return rows
    return rows[:100]


def _reporters():
    """A reporter account for each unit (the demo's own "reporter" for 龙虬镇)."""
    found = {}
    for membership in Membership.objects.select_related("unit", "user").order_by("id"):
        found.setdefault(membership.unit.code, membership.user)
    return found


def _seed_year(year, *, today, admin, leaders, units, reporters, rng, unfinished_share):
    rows = _tasks_for(year)
    for index, (category, title, target, lead, responsible) in enumerate(rows, start=1):
        town = units.get(responsible[0]) if responsible else None
        if "{town}" in title:
            title = title.format(town=town.name if town else "")
        month = DEADLINE_MONTHS[index % len(DEADLINE_MONTHS)]
        deadline = datetime.date(year, month, 28 if month != 12 else 31)
        task = services.task_create(
            user=admin, year=year, number=index, title=title, category=category, target=target,
            responsible_leader=leaders[index % len(leaders)], lead_unit=units[lead],
            responsible_units=[units[c] for c in responsible if c in units and c != lead], deadline=deadline,
        )
        _seed_progress(task, today=today, admin=admin, reporters=reporters, rng=rng, unfinished_share=unfinished_share)


def _seed_progress(task, *, today, admin, reporters, rng, unfinished_share):
    """Monthly published updates up to today; a share of tasks left unfinished (overdue when past due)."""
    units = [task.lead_unit, *task.responsible_units.all()]
    reporter = next((reporters[u.code] for u in reversed(units) if u.code in reporters), admin)
    lead_reporter = reporters.get(task.lead_unit.code, admin)
    start = datetime.date(task.year, 3, 15)
    end = min(task.deadline, today)
    finish = rng.random() >= unfinished_share
    final = 100 if finish else rng.choice([35, 50, 60, 70, 85])
    if task.deadline > today and not finish:
        final = rng.choice([0, 40, 55, 65, 80])
    steps = 1 if task.year < today.year else max(1, min(3, (end - start).days // 60))
    percent = 0
    for step in range(1, steps + 1):
        date = start + (end - start) * step // (steps + 1)
        percent = max(percent, final * step // steps if not (finish and step == steps) else 90)
        if percent == 0:
            break
        services.update_add(
            task=task, user=reporter, date=date, percent=percent,
            text=f"完成阶段性工作，累计完成{percent}%：{task.target}。",
            published=not (step == steps and step > 1 and task.number % 11 == 0),
        )
    if finish and task.deadline <= today:
        services.task_confirm_completion(
            task=task, user=lead_reporter, date=min(task.deadline, today),
            note=f"已完成：{task.target}。经牵头单位验收确认。",
        )


def _explain_unfinished(year, *, reporters, admin):
    for task in LivelihoodTask.objects.filter(year=year, completed_on__isnull=True).select_related("lead_unit"):
        user = reporters.get(task.lead_unit.code, admin)
        services.explanation_write(
            task=task, user=user,
            reason="受征地拆迁和施工季节影响，工程未能在年内完工。",
            next_steps="已调整施工计划并增加施工力量，牵头单位每月向社会公布进度。",
            new_date=datetime.date(year + 1, 6, 30),
        )
        if task.number % 5:  # one in five is still waiting for approval
            services.explanation_approve(task=task, user=user)


@transaction.atomic  # one commit for the whole seed: far faster than one per service call on SQLite
def seed(*, scale=1, stdout=None):
    today = timezone.localdate()
    admin = get_user_model().objects.filter(username="admin").first()
    leaders = list(Leader.objects.order_by("order", "id"))
    units = {u.code: u for u in Unit.objects.all()}
    if admin is None or not leaders or "jyj" not in units:
        if stdout:
            stdout.write("livelihood: skipped (org demo data missing)")
        return
    reporters = _reporters()
    rng = random.Random(2026)
    # This year, then last year (with explanations); --scale N adds earlier years for volume.
    for offset in range(0, 1 + max(1, scale)):
        year = today.year - offset
        if LivelihoodTask.objects.filter(year=year).exists():
            continue
        past = offset > 0
        # Fully past deadlines while seeding a past year, then "today" rolls forward to now.
        _seed_year(year, today=today, admin=admin, leaders=leaders, units=units, reporters=reporters, rng=rng,
                   unfinished_share=0.08 if past else 0.2)
        if past:
            _explain_unfinished(year, reporters=reporters, admin=admin)
    result = services.tasks_refresh_statuses(today=today)
    if stdout:
        stdout.write(
            f"livelihood: {LivelihoodTask.objects.count()} tasks, "
            f"{len(result['overdue'])} newly overdue, {len(result['explanation_due'])} still needing an explanation"
        )
