"""Demo data: this year's plan with every figure of the article (40 targets of all four kinds, the 600
households split across the towns), plausible monthly values up to last month, stages, and a few
targets behind. Idempotent: a year that already has a plan is left alone.

Values are written with their history (save_audited) rather than through ``value_submit``, which would
refuse the months already locked.
"""

import datetime
import random
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from gaoyou_portal.audit import save_audited
from gaoyou_portal.reporting import add_months, month_start
from leaders.models import Leader
from org.models import Unit

from .choices import Aggregation, Direction, Pace, TargetKind, rollups_for
from .demo_wording import WORDING
from .measures import rounded
from .models import Incident, MonthlyValue, Plan, Quota, Section, Stage, Target

R, D, M, Z = TargetKind.REPORTED, TargetKind.DERIVED, TargetKind.MILESTONE, TargetKind.ZERO

SECTIONS = [
    ("总体目标", ""),
    ("聚焦经济发展", "打造“强引擎”"),
    ("着眼禀赋条件", "生态"),
    ("着眼禀赋条件", "文化"),
    ("着眼禀赋条件", "城乡"),
    ("心系改善民生", "民生实事"),
    ("心系改善民生", "脱贫"),
    ("心系改善民生", "生猪"),
    ("心系改善民生", "安全生产"),
    ("心系改善民生", "社会治理"),
    ("建强作风建设", "拧紧“螺丝扣”"),
]
HALF = (6, 30)
YEAR_END = (12, 31)

# (section index, code, title, source sentence, kind, figure, measure, direction, deadline, lead unit,
#  leader index, options)
TARGETS = [
    (0, "G01", "全省高质量发展考核争先进位", "继续在全省高质量发展考核中争先进位", R, 20, "名次", Direction.AT_MOST,
     YEAR_END, "khb", 0, {"aggregation": Aggregation.LATEST, "values": [24, 22, 21, 19, 18]}),
    (0, "G02", "扬州高质量发展考核保持第一方阵", "在扬州高质量发展考核中保持第一方阵", R, 3, "名次", Direction.AT_MOST,
     YEAR_END, "khb", 0, {"aggregation": Aggregation.LATEST, "values": [2, 3, 2]}),
    (1, "E01", "上半年完成全年考核任务60%以上的乡镇（园区）", "明确上半年完成全年考核任务60%以上", D, 16, "个",
     Direction.AT_LEAST, HALF, "khb", 1, {"metric": "sprint.half_year_met"}),
    (1, "E02", "3个省级重大项目上半年全部开工", "上半年，确保3个省级重大项目全部开工", D, 3, "个",
     Direction.AT_LEAST, HALF, "fgw", 0, {"metric": "projects.provincial_started"}),
    (1, "E03", "扬州市级项目开工", "目前，扬州市级项目开工12个", D, 12, "个", Direction.AT_LEAST, YEAR_END, "fgw", 1,
     {"metric": "projects.prefecture_started", "pace": Pace.QUARTERS}),
    (1, "E04", "每月常态化研究经济工作", "坚持每月常态化研究经济工作，高位协调项目推进矛盾问题", R, 12, "次",
     Direction.AT_LEAST, YEAR_END, "fgw", 0, {"monthly": 1}),
    (1, "E05", "出台产业政策一揽子意见", "出台完善企业上市、兼并重组、技术改造、人才公寓建设等一揽子政策意见", M, 4,
     "项", Direction.AT_LEAST, YEAR_END, "gxj", 1,
     {"stages": [("企业上市政策出台", 3, 31, True), ("兼并重组政策出台", 5, 31, True),
                 ("技术改造政策出台", 7, 31, True), ("人才公寓建设政策出台", 9, 30, True)]}),
    (1, "E06", "优化营商环境专项行动", "把优化营商环境作为“永不竣工的工程”", M, 3, "项", Direction.AT_LEAST,
     YEAR_END, "xzspj", 1,
     {"stages": [("方案印发", 2, 28, True), ("“一件事”改革上线", 6, 30, True), ("第三方评估", 11, 30, False)],
      "late": {"第三方评估": "第三方评估机构已于11月下旬进场，企业问卷回收率未达要求，"
                            "补充调查后于12月中旬形成评估报告。"}}),
    (1, "E07", "大院大所合作与技术转移中心建设", "鼓励企业进一步深化与大院大所合作，加强技术转移中心建设", R, 30, "项",
     Direction.AT_LEAST, YEAR_END, "kjj", 4, {"monthly": 2.7}),
    (2, "B01", "严格执行江淮生态经济区正负面清单", "严格执行江淮生态经济区高邮市产业准入和生态管控正负面清单", Z, 0,
     "个", Direction.ZERO, YEAR_END, "sthjj", 3, {}),
    (2, "B02", "生态产业化项目", "谋划好产业生态化、生态产业化“两篇文章”", R, 10, "个", Direction.AT_LEAST, YEAR_END,
     "sthjj", 3, {"monthly": 0.7}),
    (3, "B03", "大运河遗产保护利用", "推进大运河遗产保护利用，打造“古韵运河、浪漫运河、动感运河、文化运河”", M, 3, "项",
     Direction.AT_LEAST, YEAR_END, "zrzyj", 5,
     {"stages": [("保护规划批复", 3, 31, True), ("运河文化带节点开工", 6, 30, True), ("节点建成开放", 12, 31, False)]}),
    (3, "B04", "平津堰保护工程", "加快推进平津堰保护工程", M, 4, "项", Direction.AT_LEAST, YEAR_END, "swuj", 5,
     {"stages": [("立项", 2, 28, True), ("开工", 4, 30, True), ("主体完工", 10, 31, True),
                 ("建成开放", 12, 31, False)]}),
    (3, "B05", "龙虬庄遗址公园", "加快推进龙虬庄遗址公园建设", M, 4, "项", Direction.AT_LEAST, YEAR_END, "longqiu", 2,
     {"stages": [("立项", 3, 15, True), ("开工", 6, 30, False), ("主体完工", 11, 30, False),
                 ("建成开放", 12, 31, False)],
      "late": {"开工": "考古勘探在公园北区新发现一处灰坑遗存，施工方案须调整后重新报省文物局审批，批复前暂不开工；"
                      "龙虬镇已会同文广旅局完善方案，力争批复后一个月内开工。",
               "主体完工": "受开工推迟影响顺延，待省文物局批复后倒排工期。"}}),
    (3, "B06", "汪曾祺特色街区", "加快推进汪曾祺特色街区建设", M, 3, "项", Direction.AT_LEAST, YEAR_END, "gaoyou-jd", 5,
     {"stages": [("开工", 3, 31, True), ("主体完工", 9, 30, True), ("开街运营", 12, 31, False)]}),
    (3, "B07", "创成全国文明城市", "推进新时代文明实践、网格化治理和文明城市创建有机融合，创成全国文明城市", M, 4, "项",
     Direction.AT_LEAST, YEAR_END, "zjj", 0,
     {"stages": [("创建方案印发", 1, 31, True), ("省级测评", 6, 30, True), ("中央文明办实地测评", 10, 31, True),
                 ("通过命名", 12, 31, False)]}),
    (4, "B08", "“四河四路”乡村振兴综合示范试验区先导区", "先行破题“四河四路”乡村振兴综合示范试验区先导区建设", M, 3,
     "项", Direction.AT_LEAST, YEAR_END, "nyncj", 2,
     {"stages": [("规划编制", 3, 31, True), ("首批项目开工", 6, 30, True), ("先导区建成", 12, 31, False)]}),
    (4, "B09", "农科区建设", "扎实推进农科区建设", M, 3, "项", Direction.AT_LEAST, YEAR_END, "nyncj", 2,
     {"stages": [("基础设施开工", 4, 30, True), ("科研平台入驻", 8, 31, True), ("验收", 12, 31, False)]}),
    (4, "B10", "申报国家级现代农业产业园", "积极申报国家级现代农业产业园区", M, 3, "项", Direction.AT_LEAST,
     YEAR_END, "nyncj", 2,
     {"stages": [("省级认定", 4, 30, True), ("申报材料上报", 7, 31, True), ("部级评审", 11, 30, True)]}),
    (4, "B11", "争创国家级“星创天地”", "争创国家级“星创天地”", M, 2, "项", Direction.AT_LEAST, YEAR_END, "kjj", 4,
     {"stages": [("省级备案", 5, 31, True), ("国家级申报", 9, 30, True)]}),
    (4, "B12", "600户零散农户集中居住", "今年计划实现 600 户零散农户集中居住", R, 600, "户", Direction.AT_LEAST,
     YEAR_END, "zrzyj", 2, {"quotas": True}),
    (5, "L01", "100件民生实事", "明确今年必须完成的 100 件民生实事，逐项明确责任领导、牵头单位、责任单位和完成时限",
     D, 100, "件", Direction.AT_LEAST, YEAR_END, "khb", 0,
     # Tasks fall due from June, half of them in December: the share due by each quarter's end.
     {"metric": "livelihood.tasks_completed", "pace": Pace.QUARTERS, "quarters": (0, 10, 30)}),
    (6, "L02", "715户低收入农户不返贫", "截至去年底，已有 715 户低收入农户……全部脱贫……确保稳定脱贫不返贫", Z, 0, "户",
     Direction.ZERO, YEAR_END, "nyncj", 2, {}),
    (6, "L03", "12个经济薄弱村不返贫", "12 个经济薄弱村全部脱贫……确保稳定脱贫不返贫", Z, 0, "个", Direction.ZERO,
     YEAR_END, "nyncj", 2, {}),
    (7, "L04", "年存栏2400头种猪场", "重点建设 1 个年存栏 2400 头的种猪场", R, 2400, "头", Direction.AT_LEAST,
     YEAR_END, "nyncj", 2, {"aggregation": Aggregation.LATEST, "levels": [600, 800, 1000, 1200, 1400, 1550, 1700,
                                                                        1850, 2000, 2150, 2300]}),
    (7, "L05", "年出栏12万头规模猪场", "重点建设 1 个年出栏 12 万头的规模猪场", R, 120000, "头", Direction.AT_LEAST,
     YEAR_END, "nyncj", 2, {"monthly": 10300}),
    (8, "L06", "关闭化工企业34家", "全市 57 家化工企业，关闭 34 家", D, 34, "家", Direction.AT_LEAST, YEAR_END, "yjglj",
     3, {"metric": "safety.firms_closed"}),
    (8, "L07", "限期整改化工企业7家", "限期整改 7 家", D, 7, "家", Direction.AT_LEAST, YEAR_END, "yjglj", 3,
     {"metric": "safety.firms_rectified"}),
    (8, "L08", "搬迁化工企业1家", "搬迁 1 家", D, 1, "家", Direction.AT_LEAST, YEAR_END, "yjglj", 3,
     {"metric": "safety.firms_relocated"}),
    (8, "L09", "保留提升化工企业15家", "保留提升 15 家", D, 15, "家", Direction.AT_LEAST, YEAR_END, "yjglj", 3,
     {"metric": "safety.firms_retained"}),
    (8, "L10", "取缔关停服装小作坊161家", "全市 260 多家服装小作坊，取缔关停 161 家", D, 161, "家", Direction.AT_LEAST,
     YEAR_END, "yjglj", 3, {"metric": "safety.workshops_shut"}),
    (8, "L11", "整改提升服装小作坊87家", "整改提升 87 家", D, 87, "家", Direction.AT_LEAST, YEAR_END, "yjglj", 3,
     {"metric": "safety.workshops_rectified"}),
    (9, "L12", "基层“三整合”改革", "扎实推进基层“三整合”改革，着力解决人从哪里来、钱从哪里出、职责如何定的问题", M, 3,
     "项", Direction.AT_LEAST, YEAR_END, "mzj", 4,
     {"stages": [("改革方案印发", 3, 31, True), ("乡镇试点", 6, 30, True), ("全面推开", 9, 30, True)]}),
    (9, "L13", "健全公共卫生应急管理体系", "不断完善重大疫情防控体制机制，健全公共卫生应急管理体系", M, 3, "项",
     Direction.AT_LEAST, YEAR_END, "wjw", 4,
     {"stages": [("体系建设方案", 4, 30, True), ("疾控中心改造开工", 7, 31, True),
                 ("应急物资储备到位", 11, 30, True)]}),
    (9, "L14", "重大活动期间不发生重大信访事件", "确保重大活动期间，我市不发生重大信访事件", Z, 0, "起", Direction.ZERO,
     YEAR_END, "xfj", 4, {}),
    (9, "L15", "重大活动期间不发生越级上访事件", "确保重大活动期间，我市不发生……越级上访事件", Z, 0, "起",
     Direction.ZERO, YEAR_END, "xfj", 4, {"incident": (9, 18, "重大活动期间发生1起越级上访，已劝返并化解。")}),
    (10, "C01", "选树“三型干部”", "既用“老黄牛型”干部，又用“狮子型”干部，也用“猎豹型”干部", R, 60, "名",
     Direction.AT_LEAST, YEAR_END, "zzb", 0, {"confidential": True, "monthly": 5}),
    (10, "C02", "专业型干部配备到第一线", "把优秀干部尤其是专业型干部，选拔配备到招商引资、项目建设、矛盾调处第一线", R,
     30, "名", Direction.AT_LEAST, YEAR_END, "zzb", 0, {"confidential": True, "monthly": 2.6}),
    (10, "C03", "用好“三项机制”", "用准用好活鼓励激励、容错纠错、能上能下“三项机制”", M, 3, "项", Direction.AT_LEAST,
     YEAR_END, "zzb", 0, {"confidential": True, "stages": [("激励办法", 3, 31, True), ("容错纠错办法", 6, 30, True),
                                                          ("能上能下办法", 9, 30, True)]}),
    (10, "C04", "实施“三大整治”", "纠治作风病、整治形式主义官僚主义、查处中梗阻微腐败", M, 3, "项", Direction.AT_LEAST,
     YEAR_END, "zzb", 0, {"confidential": True, "stages": [("专项行动部署", 3, 31, True), ("中期督查", 7, 31, True),
                                                          ("总结通报", 12, 20, False)]}),
]
# 600 households across the 13 towns and subdistricts; each reports its part monthly.
HOUSEHOLD_QUOTAS = {"gaoyou-jd": 60, "mapeng-jd": 40, "longqiu": 55, "cheluo": 50, "tangzhuang": 45, "xiejia": 50,
                    "sanduo": 45, "ganduo": 45, "jieshou": 40, "zhoushan": 40, "linze": 50, "songqiao": 40,
                    "lingtang": 40}
SLOW_TOWNS = {"zhoushan", "lingtang", "longqiu"}


def _date(year, month_day):
    month, day = month_day
    return datetime.date(year, month, day)


def _value(target, unit, month, value, user, note=""):
    amount = rounded(Decimal(str(value)), target.decimals)  # a count (户, 次, 头 …) is whole
    save_audited(MonthlyValue(target=target, unit=unit, month=month, value=amount, note=note, entered_by=user),
                 user=user, reason="演示数据")


@transaction.atomic
def seed(*, scale=1, stdout=None):
    today = timezone.localdate()
    year = today.year
    units = {u.code: u for u in Unit.objects.all()}
    leaders = list(Leader.objects.order_by("order", "id"))
    office = get_user_model().objects.filter(username="office").first()
    if not leaders or "khb" not in units:
        if stdout:
            stdout.write("targets: skipped (org demo data missing)")
        return
    if Plan.objects.filter(year=year).exists():
        if stdout:
            stdout.write(f"targets: the {year} plan is already there")
        return
    rng = random.Random(year)
    plan = save_audited(Plan(year=year, title=f"{year}年高质量发展目标任务"), user=office)
    sections = [save_audited(Section(plan=plan, order=i, title=t, subtitle=s), user=office)
                for i, (t, s) in enumerate(SECTIONS)]
    # Months that have values: January up to last month (this month's are not due yet).
    last = add_months(month_start(today), -1)
    months = [datetime.date(year, m, 1) for m in range(1, 13) if datetime.date(year, m, 1) <= last]
    for order, (sec, code, title, source, kind, figure, measure, direction, deadline, lead, leader, opts) in \
            enumerate(TARGETS):
        target = Target(
            plan=plan, section=sections[sec], order=order, code=code, title=title, source=source, kind=kind,
            definition=WORDING[code][0], data_source=WORDING[code][1],
            figure=Decimal(figure), measure=measure, direction=direction, deadline=_date(year, deadline),
            pace=opts.get("pace", Pace.MILESTONES if kind == M else Pace.LINEAR), metric=opts.get("metric", ""),
            aggregation=opts.get("aggregation", rollups_for(kind, direction)[0]), lead_unit=units[lead],
            responsible_leader=leaders[leader % len(leaders)], is_confidential=opts.get("confidential", False),
            is_public=not opts.get("confidential", False),
        )
        if "quarters" in opts:
            target.q1_share, target.q2_share, target.q3_share = map(Decimal, opts["quarters"])
        target.full_clean()
        save_audited(target, user=office, reason="演示数据")
        if kind == M:
            for index, (name, month, day, reached) in enumerate(opts["stages"]):
                planned = datetime.date(year, month, day)
                done = reached and planned <= today
                save_audited(Stage(target=target, order=index, name=name, planned_date=planned,
                                   reached_on=min(planned + datetime.timedelta(days=rng.randint(-10, 12)), today)
                                   if done else None,
                                   # A stage past its date and not reached: the lead unit's word on why.
                                   evidence="会议纪要、现场照片已存档" if done else
                                   opts.get("late", {}).get(name, "") if planned < today else ""),
                             user=office)
        elif kind == Z and opts.get("incident"):
            month, day, text = opts["incident"]
            if datetime.date(year, month, day) <= today:
                save_audited(Incident(target=target, occurred_on=datetime.date(year, month, day), description=text,
                                      unit=units["mzj"], reported_by=office), user=office)
        elif kind == R and opts.get("quotas"):
            target.responsible_units.set([units[code] for code in HOUSEHOLD_QUOTAS])
            for unit_code, share in HOUSEHOLD_QUOTAS.items():
                save_audited(Quota(target=target, unit=units[unit_code], figure=Decimal(share)), user=office)
                pace_factor = 0.75 if unit_code in SLOW_TOWNS else 1.0
                remaining = share
                # The slow towns have not entered last month yet (still open until the deadline day).
                for month in months[:-1] if unit_code in SLOW_TOWNS else months:
                    amount = min(remaining, round(share / 12 * pace_factor * rng.uniform(0.85, 1.3)))
                    remaining -= amount
                    _value(target, units[unit_code], month, amount, office, note=f"{month.month}月集中居住签约入住")
        elif kind == R:
            if "values" in opts:
                for month, value in zip(months[-len(opts["values"]):], opts["values"], strict=False):
                    _value(target, units[lead], month, value, office)
            elif "levels" in opts:
                for month, value in zip(months, opts["levels"], strict=False):
                    _value(target, units[lead], month, value, office, note="月末存栏")
            elif "monthly" in opts:
                for month in months:
                    _value(target, units[lead], month, opts["monthly"] * rng.uniform(0.8, 1.15), office)
    if stdout:
        stdout.write(f"targets: the {year} plan with {plan.targets.count()} targets, "
                     f"{MonthlyValue.objects.filter(target__plan=plan).count()} monthly values")
