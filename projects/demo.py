"""Demo projects: 60 distinct projects per ``--scale`` across the towns and parks, with three years of
history so that the sprint races of the past two years have real figures behind them.

- 3 provincial major projects: large industrial projects in the parks (tens of 亿元), signed last spring
  and started in the first half of this year, as the article requires;
- 18 Yangzhou-level projects (12 of them started this year), 39 Gaoyou-level ones;
- signings spread over the last three years and a half, so every year has signings, starts,
  completions and production starts; monthly reports from the signing (or two years back) to the last
  month due, monthly plans for this year;
- this year a spread of warning lights (on track, investment behind, milestone overdue, report missing,
  milestone due this month, finished); varied workloads, narratives and problems raised to the leaders.

Names, firms and people are fictitious. Idempotent: projects are matched by code and an existing
project is left as it is. Dates are relative to ``timezone.localdate()``. Rows are bulk-created with
their history rows (``bulk_create_with_history``) so that scale 100 stays fast.
"""

import random
from datetime import date, timedelta
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from gaoyou_portal.reporting import ReportingCalendar, add_months, month_start
from org.choices import LinkKind
from org.demo import IN_CHARGE
from org.models import Leader, LeaderLink, Unit

from .choices import BlockerStatus, MilestoneKind, ProjectCategory, ProjectLevel, ProjectStatus
from .models import Blocker, Milestone, MonthlyPlan, MonthlyReport, Project

PER_SCALE = 60
CATEGORY = {"I": ProjectCategory.INDUSTRIAL, "S": ProjectCategory.SERVICES, "N": ProjectCategory.INFRASTRUCTURE,
            "A": ProjectCategory.AGRICULTURE, "H": ProjectCategory.SOCIAL}
# (unit code, name, category, industry, total investment in 亿元, service departments, what is built)
PROJECTS = [
    # Provincial major projects: large industrial projects in the parks (tens of 亿元).
    ("gaoyou-etdz", "锂睿动力年产20GWh储能电池项目", "I", "新能源", 45.0, ["fgw", "gxj", "xzspj"],
     "新建储能电芯及系统集成生产线，配套研发中心"),
    ("chengnan", "晶耀光电Mini LED显示模组产业化项目", "I", "光电", 32.0, ["gxj", "kjj", "swj"],
     "新建Mini LED芯片封装、显示模组生产线12条"),
    ("huxi", "苏邮电缆超高压海缆及新材料项目", "I", "电线电缆", 26.0, ["gxj", "zrzyj", "sthjj"],
     "新建超高压交直流海缆生产线及配套新材料车间"),
    # Yangzhou-level projects.
    ("longqiu", "龙虬鸭蛋深加工及冷链仓储项目", "A", "现代农业", 6.2, ["nyncj", "scjgj"],
     "建设咸鸭蛋、蛋制品加工车间和2万吨冷库"),
    ("longqiu", "龙虬庄遗址公园配套文旅综合体", "S", "文旅", 8.5, ["wglj", "zrzyj", "jyj"],
     "建设遗址博物馆配套游客中心、研学基地和文创街区"),
    ("gaoyou-etdz", "华驰智能装备机器人焊接工作站项目", "I", "高端装备", 12.0, ["gxj", "kjj"],
     "新建焊接机器人及智能工作站装配车间"),
    ("gaoyou-etdz", "芯微能功率半导体封测项目", "I", "光电", 18.0, ["gxj", "kjj", "swj"],
     "新建IGBT功率模块封装测试生产线"),
    ("chengnan", "城南新区高端医疗器械产业园", "I", "生物医药", 9.6, ["gxj", "scjgj", "ybj"],
     "建设标准厂房8万平方米，引进医用耗材企业"),
    ("huxi", "湖西新区光伏组件及逆变器项目", "I", "新能源", 15.0, ["gxj", "fgw"],
     "新建高效光伏组件和组串式逆变器生产线"),
    ("cheluo", "车逻精工数控机床功能部件项目", "I", "高端装备", 7.8, ["gxj", "xzspj"],
     "新建滚珠丝杠、直线导轨精密加工车间"),
    ("tangzhuang", "汤庄特种纤维复合材料项目", "I", "新材料", 6.5, ["gxj", "sthjj", "yjglj"],
     "新建碳纤维预浸料及复合材料制品生产线"),
    ("sanduo", "邮驿冷链物流园", "S", "现代物流", 5.8, ["jtysj", "swj"],
     "建设冷链仓储、分拨中心和城乡配送网络"),
    ("xiejia", "华鑫线缆特种电缆扩能项目", "I", "电线电缆", 10.5, ["gxj", "zrzyj"],
     "新增轨道交通、新能源汽车用特种电缆生产线"),
    ("gaoyou-jd", "大运河文化带盂城驿片区提升工程", "S", "文旅", 7.2, ["wglj", "zjj", "gaj"],
     "盂城驿周边街巷修缮、运河岸线景观和游客服务设施"),
    ("mapeng-jd", "高邮市人民医院新院区", "H", "健康养老", 14.0, ["wjw", "czj", "ybj"],
     "新建1200张床位综合医院及急诊急救中心"),
    ("linze", "临泽绿色建材产业园", "I", "建筑建材", 5.5, ["gxj", "sthjj"],
     "建设装配式建筑构件和新型墙材生产基地"),
    ("songqiao", "送桥生物基可降解材料项目", "I", "新材料", 8.0, ["gxj", "sthjj", "yjglj"],
     "新建PBAT可降解塑料改性及制品生产线"),
    ("zhoushan", "周山现代农业产业园核心区", "A", "现代农业", 5.2, ["nyncj", "swuj"],
     "建设稻虾共作基地、育秧中心和农产品加工区"),
    ("jieshou", "界首运河风光带及古镇保护利用", "S", "文旅", 5.0, ["wglj", "zrzyj"],
     "古镇街区保护修缮、运河风光带和民宿集群"),
    ("lingtang", "菱塘清真食品产业园", "A", "清真食品", 6.0, ["scjgj", "nyncj", "swj"],
     "建设清真食品加工标准厂房和检测中心"),
    ("ganduo", "甘垛农机装备制造项目", "I", "高端装备", 5.3, ["gxj", "xzspj"],
     "新建插秧机、植保机整机装配线"),
    # Gaoyou-level projects.
    ("longqiu", "龙虬高标准农田及灌区改造", "A", "现代农业", 1.6, ["nyncj", "swuj"],
     "改造农田1.2万亩，配套泵站和渠系建筑物"),
    ("longqiu", "龙虬农产品电商物流中心", "S", "现代物流", 0.9, ["swj", "jtysj"],
     "建设农产品电商仓配中心和直播基地"),
    ("longqiu", "龙虬镇区污水处理厂提标改造", "N", "基础设施", 0.6, ["swuj", "sthjj"],
     "处理规模提升至每日8000吨，出水达一级A标准"),
    ("longqiu", "龙虬汽车零部件精密铸造项目", "I", "高端装备", 2.8, ["gxj", "yjglj"],
     "新建精密铸造及机加工车间"),
    ("gaoyou-etdz", "开发区人才公寓二期", "H", "人才公寓", 3.2, ["zjj", "rsj"],
     "建设人才公寓680套及配套商业"),
    ("gaoyou-etdz", "开发区220千伏变电站配套工程", "N", "基础设施", 2.1, ["fgw", "zrzyj"],
     "新建220千伏变电站及进出线工程"),
    ("gaoyou-etdz", "恒锐新能源汽车电机项目", "I", "新能源", 4.5, ["gxj", "swj"],
     "新建驱动电机定转子及总装生产线"),
    ("chengnan", "城南实验学校新建工程", "H", "教育", 2.8, ["jyj", "zjj", "czj"],
     "新建36个班九年一贯制学校及风雨操场"),
    ("chengnan", "城南新区标准化厂房三期", "I", "高端装备", 3.6, ["zjj", "xzspj"],
     "建设标准化厂房12万平方米"),
    ("chengnan", "芯瑞光学镜头模组项目", "I", "光电", 4.2, ["gxj", "kjj"],
     "新建车载及安防光学镜头模组生产线"),
    ("chengnan", "城南新区科创中心", "S", "科技服务", 2.5, ["kjj", "fgw"],
     "建设孵化器、中试基地和技术转移中心"),
    ("chengnan", "城南片区雨污分流改造", "N", "基础设施", 1.2, ["swuj", "czj", "cgj"],
     "新建改造雨污水管网26公里"),
    ("huxi", "湖西新区滨湖大道延伸工程", "N", "基础设施", 2.4, ["jtysj", "czj"],
     "新建城市主干路4.6公里"),
    ("huxi", "鑫源高分子新材料改扩建项目", "I", "新材料", 3.3, ["gxj", "sthjj", "yjglj"],
     "改扩建工程塑料改性生产线"),
    ("cheluo", "车逻镇商贸物流中心", "S", "现代物流", 1.1, ["swj", "tyjrj"],
     "建设商贸仓储中心和快递分拨场站"),
    ("cheluo", "车逻康养服务综合体", "H", "健康养老", 1.4, ["mzj", "wjw", "ybj"],
     "建设护理型养老床位300张和日间照料中心"),
    ("tangzhuang", "汤庄光伏农业综合利用项目", "A", "新能源", 1.8, ["fgw", "nyncj"],
     "建设渔光互补光伏电站30兆瓦"),
    ("tangzhuang", "汤庄镇区道路及管网提升", "N", "基础设施", 0.7, ["zjj", "jtysj"],
     "镇区主次干道改造6公里及配套管网"),
    ("xiejia", "卸甲建筑工业化部品项目", "I", "建筑建材", 2.2, ["zjj", "gxj"],
     "新建预制楼梯、叠合板等部品生产线"),
    ("xiejia", "卸甲现代渔业循环水养殖基地", "A", "现代农业", 0.8, ["nyncj", "swuj"],
     "建设工厂化循环水养殖车间2万平方米"),
    ("sanduo", "三垛粮食烘干仓储中心", "A", "现代农业", 0.9, ["nyncj", "fgw"],
     "建设粮食烘干中心和5万吨低温储备库"),
    ("sanduo", "三垛红色教育基地提升工程", "S", "文旅", 0.8, ["wglj", "tyjrj", "jyj"],
     "三垛河口战斗纪念馆提升及研学营地"),
    ("ganduo", "甘垛纺织服装产业升级项目", "I", "纺织服装", 1.5, ["gxj", "rsj"],
     "建设智能化服装加工标准厂房，承接小作坊入园"),
    ("ganduo", "甘垛镇中心卫生院迁建", "H", "健康养老", 0.9, ["wjw", "mzj"],
     "迁建中心卫生院，床位150张"),
    ("jieshou", "界首湖鲜食品加工项目", "A", "现代农业", 1.3, ["scjgj", "nyncj"],
     "建设湖鲜预制菜加工车间和冷库"),
    ("jieshou", "界首镇农村供水管网改造", "N", "基础设施", 0.5, ["swuj"],
     "更新改造老旧供水管网40公里"),
    ("zhoushan", "周山稻米精深加工项目", "A", "现代农业", 1.2, ["nyncj", "scjgj"],
     "建设稻米精深加工和米糠油生产线"),
    ("zhoushan", "周山退役军人创业园", "S", "商贸服务", 0.6, ["tyjrj", "rsj"],
     "建设创业孵化厂房和培训中心"),
    ("linze", "临泽智能家居五金项目", "I", "高端装备", 2.6, ["gxj", "swj"],
     "新建智能门锁、卫浴五金生产线"),
    ("linze", "临泽镇区综合整治及集镇提升", "N", "基础设施", 0.8, ["zjj", "cgj"],
     "集镇立面整治、停车场和口袋公园"),
    ("songqiao", "送桥新型电子元器件项目", "I", "光电", 3.9, ["gxj", "kjj"],
     "新建片式电感、电容生产线"),
    ("songqiao", "送桥镇农旅融合示范区", "S", "文旅", 1.0, ["wglj", "nyncj"],
     "建设田园综合体、农事体验和露营基地"),
    ("lingtang", "菱塘民族风情街区", "S", "文旅", 1.1, ["wglj", "zjj"],
     "建设民族特色街区和游客服务中心"),
    ("lingtang", "菱塘精密铸件扩产项目", "I", "高端装备", 1.9, ["gxj", "yjglj"],
     "新增精密铸件自动化生产线"),
    ("mapeng-jd", "马棚街道智慧物流配送中心", "S", "现代物流", 1.7, ["swj", "jtysj", "gaj"],
     "建设城市共同配送中心和智能快递柜网络"),
    ("mapeng-jd", "马棚片区老旧小区改造", "H", "城市更新", 1.3, ["zjj", "mzj"],
     "改造老旧小区9个，加装电梯和停车设施"),
    ("gaoyou-jd", "汪曾祺特色街区建设", "S", "文旅", 2.3, ["wglj", "zjj", "cgj"],
     "汪曾祺故居周边街区保护更新和文化展陈"),
    ("gaoyou-jd", "平津堰保护工程", "S", "文旅", 0.9, ["wglj", "swuj"],
     "平津堰遗址本体保护、展示和周边环境整治"),
    ("gaoyou-jd", "高邮城区智慧停车及公交枢纽", "N", "基础设施", 1.6, ["jtysj", "gaj", "cgj"],
     "建设城区公交枢纽和智慧停车泊位3000个"),
]
PERSONS = ["王志刚", "李红梅", "张卫国", "刘洋", "陈静", "杨光明", "赵敏", "黄磊", "周婷", "吴强", "徐海涛", "孙丽华",
           "朱建军", "马晓燕", "胡成林", "郭振宇", "何玉芳", "高志远", "林建平", "罗春燕", "郑国华", "梁文斌"]
# Scenario by project number: on track, investment behind (yellow / red), milestone overdue,
# report missing, milestone due this month, finished earlier.
SCENARIOS = ["ok", "ok", "ok", "ok", "behind_yellow", "behind_red", "overdue", "missing", "due", "done"]
# A town whose projects lagged in the past two years (the demo's "two years running" case).
LAGGARD = "ganduo"
COPY = ["", "二期", "三期", "四期", "五期", "六期", "七期", "八期", "九期", "十期"]

# Monthly workload by phase and category: what a reporter writes.
PREPARING = ["完成可研报告评审和项目备案", "完成环评、能评公示", "取得建设用地规划许可证", "完成施工图审查和施工招标",
             "完成地块三通一平和临时设施搭建", "取得施工许可证，施工单位进场"]
BUILDING = {
    "I": ["主厂房桩基施工完成60%", "主厂房基础承台浇筑完成", "钢结构主体吊装完成过半", "主厂房屋面彩钢板安装",
          "综合楼主体结构封顶", "动力站房及配电工程施工", "生产线设备基础施工", "首批生产设备进场安装",
          "洁净车间装修和管道安装", "设备单机调试完成", "厂区道路、管网和绿化施工", "生产线联动试车"],
    "S": ["游客中心主体结构施工", "景观步道和驳岸施工", "仓储区钢结构安装", "街区建筑立面修缮",
          "展陈设计深化和布展施工", "室外管网和停车场施工", "冷库保温及制冷设备安装", "配套商业装修"],
    "N": ["完成管线迁改和交通导改", "路基填筑完成3公里", "雨污水管道铺设完成5公里", "桥梁下部结构施工",
          "水稳层摊铺完成", "沥青面层摊铺", "变电站主控楼施工", "泵站主体结构施工", "附属设施和标志标线施工"],
    "A": ["完成土地平整和沟渠开挖", "育秧中心钢结构大棚搭建", "加工车间主体施工", "灌溉泵站设备安装",
          "冷库主体结构完成", "烘干设备安装调试", "田间道路硬化", "养殖车间循环水设备安装"],
    "H": ["主楼桩基施工", "地下室底板浇筑", "主体结构施工至六层", "主体结构封顶", "机电安装和幕墙施工",
          "室内装修和医用气体安装", "室外工程和绿化施工", "消防验收准备"],
}
NARRATIVE = [
    "按计划推进，现场施工人员{workers}人，投入大型机械{machines}台。",
    "本月完成投资{amount}万元，形象进度与计划基本一致。",
    "受连续降雨影响停工{days}天，已通过增加作业面追回进度。",
    "建设单位与施工单位每周召开调度会，质量安全检查未发现重大隐患。",
    "设备采购合同已签订，首批设备预计下月到场。",
    "资金到位{amount}万元，其中银行贷款占六成。",
    "镇（园区）挂钩领导现场办公一次，协调解决施工用电问题。",
    "材料价格上涨，已调整采购计划，不影响总体进度。",
    "完成月度计划，已报送节点影像资料。",
    "夜间施工许可已办理，实行两班倒作业。",
]
LAGGING = [
    "投资进度滞后于计划，主要因设备款支付延后，已约谈施工单位。",
    "施工队伍人员不足，进度慢于计划，已要求增加班组。",
    "融资审批尚未完成，本月投资低于计划。",
]
# Problems raised to the leaders: (title, description, resolution when resolved).
BLOCKERS = [
    ("用地指标尚未落实", "项目二期用地约120亩，年度新增建设用地指标不足，需市级统筹。",
     "市自然资源和规划局调剂年度指标，已完成组卷报批。"),
    ("电力增容审批滞后", "生产线试车需增容至2万千伏安，供电方案尚未批复。", "供电公司出具供电方案，专线施工已启动。"),
    ("环评批复进度慢", "项目涉及VOCs排放，总量指标需在全市范围内平衡。", "生态环境局完成总量平衡，环评已批复。"),
    ("施工图审查意见反复", "消防设计审查两次退回，影响开工时间。", "行政审批局组织联合审图，一次性告知修改意见。"),
    ("高压线迁改未完成", "地块内有一条110千伏线路需迁改，涉及跨镇协调。", "迁改方案经市领导协调确定，已完成停电迁改。"),
    ("征地拆迁遗留问题", "地块内3户居民和1处养殖场尚未签订协议。", "镇政府完成补偿安置，地块已交付。"),
    ("配套道路未打通", "厂区北侧规划道路未建成，大件设备运输受阻。", "交通运输局调整年度计划，道路已贯通。"),
    ("天然气管道接入滞后", "燃气公司管道延伸工程未排入年度计划。", "燃气公司专项施工，已接通供气。"),
    ("企业融资困难", "银行授信审批收紧，设备款缺口约1.5亿元。", "市财政局牵头银企对接，两家银行追加授信。"),
    ("外籍技术人员入境手续", "设备厂商调试工程师签证办理周期长。", "商务局协调出具邀请函，已办理入境。"),
    ("河道占用许可", "取水口及排水口需占用河道管理范围。", "水务局完成防洪影响评价审查并发证。"),
    ("文物勘探未完成", "地块位于遗址保护范围附近，需先行考古勘探。", "文广旅局组织考古勘探，未发现文物遗存。"),
    ("施工用水接入", "临时施工用水管径不足，混凝土养护受影响。", "自来水公司增设临时接口。"),
    ("土方外运消纳场地", "基坑土方约8万方，城区消纳场地已满。", "城管局指定临时消纳点，已完成外运。"),
]


def _money(value):
    return Decimal(value).quantize(Decimal("0.01"))


def _signing(k, year, rng):
    """The signing date of catalogue entry ``k``: provincial projects in last year's second quarter, twelve
    Yangzhou-level ones from January to August last year (all of them start this year), the rest over the
    last three years and a half."""
    if k < 3:
        return date(year - 1, 4 + k, 10 + 5 * k)
    if k < 15:
        return date(year - 1, 1, 10) + timedelta(days=(k - 3) * 20 + rng.randint(0, 8))
    if k < 21:
        return date(year - 3, 6, 1) + timedelta(days=(k - 15) * 95 + rng.randint(0, 20))
    slot = CITY_SLOT[k]  # eleven a year, signed at the signing rounds of the first half (Jan–Jun)
    return date(year - 3 + slot // 11, 1 + (slot % 11) * 6 // 11, rng.randint(5, 25))


def _city_slots():
    """Gaoyou-level projects sign in turns across the towns (each town's first, then each one's second …),
    so that every town has projects signing and building in every year."""
    seen, keys = {}, []
    for k in range(21, len(PROJECTS)):
        unit = PROJECTS[k][0]
        keys.append((seen.setdefault(unit, 0), k))
        seen[unit] += 1
    return {k: slot for slot, (_turn, k) in enumerate(sorted(keys))}


CITY_SLOT = _city_slots()


def _milestones(k, signing, scenario, today, rng):
    """Planned and actual dates of the four milestones, and the scenario actually played."""
    this_month = month_start(today)
    started_plan = signing + timedelta(days=rng.randint(45, 110))
    if k < 3:  # the provincial projects start in the first half of this year
        started_plan = date(today.year, 3 + k, 10 + 5 * k)
    elif k < 15:  # so do twelve Yangzhou-level projects (扬州市级项目开工12个)
        started_plan = date(today.year, 1 + (k - 3) // 2, 8 + (k % 3) * 6)
    completed_plan = started_plan + timedelta(days=rng.randint(420, 700) if k < 21 else rng.randint(300, 540))
    production_plan = completed_plan + timedelta(days=rng.randint(90, 180))
    plan = {MilestoneKind.SIGNED: signing, MilestoneKind.STARTED: started_plan,
            MilestoneKind.COMPLETED: completed_plan, MilestoneKind.IN_PRODUCTION: production_plan}
    actual = {MilestoneKind.SIGNED: signing}
    slip = {MilestoneKind.STARTED: (-10, 20), MilestoneKind.COMPLETED: (0, 45), MilestoneKind.IN_PRODUCTION: (0, 40)}
    for kind in (MilestoneKind.STARTED, MilestoneKind.COMPLETED, MilestoneKind.IN_PRODUCTION):
        day = plan[kind] + timedelta(days=rng.randint(*slip[kind]))
        if day > today or (kind != MilestoneKind.STARTED and scenario not in ("done", "ok")
                           and day >= date(today.year, 1, 1)):
            break  # the projects that show a warning light this year are still building
        actual[kind] = day
    pending = next((kind for kind in plan if kind not in actual), None)
    if scenario == "done" and pending is not None and pending != MilestoneKind.IN_PRODUCTION:
        scenario = "ok"
    if pending is not None and scenario == "overdue":
        plan[pending] = add_months(this_month, -2).replace(day=15)
    elif pending is not None and scenario == "due":
        plan[pending] = this_month.replace(day=25)
    if pending is not None and plan[pending] < this_month and scenario != "overdue":
        # Not yet reached: the plan was moved to a later date (a new 时间表 agreed with the office).
        plan[pending] = add_months(this_month, rng.randint(2, 6)).replace(day=rng.randint(5, 25))
        for later in list(plan)[list(plan).index(pending) + 1:]:
            plan[later] = max(plan[later], plan[pending] + timedelta(days=120 * (list(plan).index(later)
                                                                                - list(plan).index(pending))))
    return {kind: (plan[kind], actual.get(kind)) for kind in plan}, scenario


def _work(category, index):
    phase = BUILDING[category]
    return phase[index % len(phase)]


@transaction.atomic
def seed(*, scale=1, stdout=None):
    today = timezone.localdate()
    this_month = month_start(today)
    history_start = date(today.year - 2, 1, 1)
    last_due = ReportingCalendar(deadline_day=5).due_month(today)
    units = {u.code: u for u in Unit.objects.towns_and_parks()}
    if not units:
        return
    departments = {u.code: u for u in Unit.objects.departments()}
    fallback = list(units.values())
    leaders = {leader.name: leader for leader in Leader.objects.all()}
    demo_leader = Leader.objects.filter(user__username="leader").first()
    unit_leader = {
        link.unit_id: link.leader for link in LeaderLink.objects.filter(kind=LinkKind.UNIT).select_related("leader")
    }
    User = get_user_model()
    reporters = {u.username: u for u in User.objects.filter(username__startswith="reporter")}

    total = PER_SCALE * scale
    codes = [f"GY{today.year}-{n + 1:04d}" for n in range(total)]
    existing = set(Project.objects.filter(code__in=codes).values_list("code", flat=True))
    projects, plan_rows, report_rows, milestone_rows, services_of = [], [], [], [], {}
    for n, code in enumerate(codes):
        if code in existing:
            continue
        rng = random.Random(code)
        k, copy = n % PER_SCALE, n // PER_SCALE
        unit_code, name, category, industry, yi, served, content = PROJECTS[k]
        unit = units.get(unit_code) or fallback[n % len(fallback)]
        level = ProjectLevel.PROVINCIAL if k < 3 else ProjectLevel.PREFECTURE if k < 21 else ProjectLevel.CITY
        scenario = SCENARIOS[n % len(SCENARIOS)]
        if k < 3:
            scenario = "ok"
        signing = _signing(k, today.year, rng)
        total_investment = _money(Decimal(str(yi)) * 10000 * Decimal(rng.uniform(0.97, 1.03)))
        if copy:
            label = COPY[copy] if copy < len(COPY) else f"第{copy + 1}期"
            name = f"{name}（{label}）"
        milestones, scenario = _milestones(k, signing, scenario, today, rng)
        project = Project(
            code=code, name=name, level=level, category=CATEGORY[category], industry=industry,
            responsible_unit=unit, responsible_person=rng.choice(PERSONS),
            responsible_phone=f"1390514{rng.randint(0, 9999):04d}", total_investment=total_investment,
            signing_date=signing, status=ProjectStatus.SIGNED,
            description=f"{content}。总投资约{yi:g}亿元。（演示数据，企业和人员均为虚构）",
        )
        if milestones[MilestoneKind.IN_PRODUCTION][1]:
            project.status = ProjectStatus.IN_PRODUCTION
        elif milestones[MilestoneKind.COMPLETED][1]:
            project.status = ProjectStatus.COMPLETED
        elif milestones[MilestoneKind.STARTED][1]:
            project.status = ProjectStatus.UNDER_CONSTRUCTION
        services_of[code] = served
        # Investment spread over the months from signing to completion (little before the start).
        started = milestones[MilestoneKind.STARTED][1] or milestones[MilestoneKind.STARTED][0]
        finish = milestones[MilestoneKind.COMPLETED][1] or milestones[MilestoneKind.COMPLETED][0]
        months, month = [], month_start(signing)
        while month <= month_start(finish):
            months.append(month)
            month = add_months(month, 1)
        weights = [(0.15 if m < month_start(started) else 1.0) * rng.uniform(0.7, 1.3) for m in months] or [1.0]
        spend = total_investment * Decimal("0.9")
        amounts = {m: _money(spend * Decimal(w / sum(weights))) for m, w in zip(months, weights, strict=True)}
        this_year = [m for m in months if m.year == today.year]
        project.year_planned_investment = sum((amounts[m] for m in this_year), Decimal(0))
        ratio = {"behind_yellow": 0.8, "behind_red": 0.5}.get(scenario)
        reported_until = this_month if today.day >= 25 else last_due
        behind_before = unit_code == LAGGARD
        for index, m in enumerate(months):
            if m.year == today.year:
                work = _work(category, index) if m >= month_start(started) else PREPARING[index % len(PREPARING)]
                plan_rows.append((code, m, amounts[m], f"{m.month}月：{work}"))
            if m < history_start or m > reported_until:
                continue
            if scenario == "missing" and m == last_due:
                continue
            if m.year == today.year:
                factor = (ratio or rng.uniform(0.96, 1.08)) * rng.uniform(0.95, 1.05)
            else:
                factor = rng.uniform(0.55, 0.75) if behind_before else rng.uniform(0.88, 1.1)
            report_rows.append((code, unit, m, _money(amounts[m] * Decimal(factor)), category, index,
                                m >= month_start(started), factor < 0.8, rng))
        milestone_rows.append((code, milestones))
        projects.append(project)

    bulk_create_with_history(projects, Project, batch_size=500)
    by_code = {p.code: p for p in Project.objects.filter(code__in=[p.code for p in projects])}
    bulk_create_with_history(
        [Milestone(project=by_code[code], kind=kind, planned_date=planned, actual_date=actual,
                   evidence=EVIDENCE[kind] if actual else "")
         for code, milestones in milestone_rows for kind, (planned, actual) in milestones.items()],
        Milestone, batch_size=1000,
    )
    bulk_create_with_history(
        [MonthlyPlan(project=by_code[code], month=month, planned_investment=amount, planned_workload=work)
         for code, month, amount, work in plan_rows],
        MonthlyPlan, batch_size=1000,
    )
    reports = []
    for code, unit, month, amount, category, index, building, lagging, rng in report_rows:
        if building:
            workload = _work(category, index)
        else:
            workload = PREPARING[index % len(PREPARING)]
        text = rng.choice(LAGGING) if lagging else rng.choice(NARRATIVE)
        reports.append(MonthlyReport(
            project=by_code[code], month=month, investment=amount, workload=workload,
            narrative=text.format(workers=rng.randint(40, 320), machines=rng.randint(3, 25), amount=amount,
                                  days=rng.randint(3, 9)),
            submitted_by=reporters.get("reporter" if unit.code == "longqiu" else f"reporter-{unit.code}"),
        ))
    bulk_create_with_history(reports, MonthlyReport, batch_size=1000)
    # Leaders' links, service departments and the problems raised to the leaders.
    ct = ContentType.objects.get_for_model(Project)
    links, through, blockers = [], [], []
    top = [leaders[name] for name in ("韩立成", "周建华") if name in leaders]
    for index, project in enumerate(by_code.values()):
        served = services_of.get(project.code) or [""]
        # The leader linked to its town or park, and the leader in charge of its first serving bureau.
        linked = [unit_leader.get(project.responsible_unit_id), leaders.get(IN_CHARGE.get(served[0], ""))]
        if project.level == ProjectLevel.PROVINCIAL:
            linked += top
        elif demo_leader and index % 5 == 0:
            linked.append(demo_leader)  # the demo leader account coordinates a share of the projects
        linked = list(dict.fromkeys(leader for leader in linked if leader))
        for leader in linked:
            # Linked from its signing, or from the start of the present term (two years back) for older projects.
            started = max(project.signing_date or today, date(today.year - 2, 1, 1))
            links.append(LeaderLink(leader=leader, kind=LinkKind.PROJECT, content_type=ct, object_id=project.pk,
                                    started_on=started))
        if linked and (index % 6 == 2 or project.level == ProjectLevel.PROVINCIAL and index % 3 == 1):
            rng = random.Random(f"blocker-{project.code}")
            title, description, resolution = BLOCKERS[(index * 5 + rng.randint(0, 3)) % len(BLOCKERS)]
            resolved = index % 4 == 0
            blockers.append(Blocker(
                project=project, title=title, description=description, assigned_leader=linked[-1],
                deadline=today + timedelta(days=-rng.randint(5, 40) if resolved else rng.randint(-12, 30)),
                status=BlockerStatus.RESOLVED if resolved else BlockerStatus.OPEN,
                raised_at=timezone.now() - timedelta(days=rng.randint(62, 90) if resolved else rng.randint(2, 45)),
                resolution=resolution if resolved else "",
                resolved_at=timezone.now() - timedelta(days=rng.randint(3, 60)) if resolved else None,
            ))
        for dept_code in services_of.get(project.code, []):
            if dept_code in departments:
                through.append(Project.service_units.through(project_id=project.pk, unit_id=departments[dept_code].pk))
    bulk_create_with_history(links, LeaderLink, batch_size=1000)
    Project.service_units.through.objects.bulk_create(through, batch_size=1000, ignore_conflicts=True)
    bulk_create_with_history(blockers, Blocker, batch_size=500)
    if stdout:
        stdout.write(
            f"projects: {len(projects)} new ({Project.objects.count()} in all), {len(plan_rows)} plans, "
            f"{len(reports)} reports"
        )


EVIDENCE = {
    MilestoneKind.SIGNED: "投资协议书及签约仪式照片",
    MilestoneKind.STARTED: "施工许可证、开工现场照片",
    MilestoneKind.COMPLETED: "竣工验收备案表",
    MilestoneKind.IN_PRODUCTION: "达产核查表及近三个月产值报表",
}
