"""Demo data: this year's 100 livelihood tasks with progress (some overdue), and last year's own 100 tasks
with explanations for those it did not complete. Each task is led by the bureau whose work it is and
answered for by the city leader in charge of that bureau (a few by the mayor or the deputy secretary in
charge of rural work). Idempotent: a year that already has tasks is left alone.

Written through the services, so the history and statuses are those a real year would have.
"""

import datetime
import random

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from gaoyou_portal import demo_clock
from leaders.demo import IN_CHARGE
from leaders.models import Leader, LeaderLink
from org.models import Membership, Unit

from . import demo_photos, services
from .choices import TaskCategory as C
from .models import LivelihoodTask

CATEGORY = {"E": C.EDUCATION, "H": C.HEALTH, "O": C.ELDERLY_CARE, "R": C.ROADS, "W": C.WATER, "U": C.HOUSING,
            "J": C.EMPLOYMENT, "S": C.SOCIAL_ASSISTANCE, "V": C.RURAL, "N": C.ENVIRONMENT, "C": C.CULTURE_SPORTS,
            "P": C.PUBLIC_SAFETY}
# One task a line: category | title | what will be delivered | lead unit | responsible units | leader (when
# not the one in charge of the lead unit). This year's list, then last year's (its own tasks).
THIS_YEAR = """
E|新建城南实验学校|建成36个班九年一贯制学校，秋季学期招生|jyj|chengnan,zjj
E|第二中学教学楼改扩建|新增教学用房1.2万平方米|jyj|zjj
E|新建改扩建公办幼儿园5所|新增公办学位1350个|jyj|longqiu,cheluo,sanduo
E|中小学教室照明改造|完成1200间教室照明达标改造|jyj|
E|义务教育课后服务提质|公办义务教育学校课后服务覆盖率100%|jyj|
E|农村学校食堂改造|改造农村学校食堂12所|jyj|ganduo,linze,zhoushan
E|中小学心理健康服务|每所中小学配备专兼职心理教师|jyj|wjw
E|职业教育实训基地建设|建成智能制造实训基地1个|jyj|rsj,gxj
E|学校周边交通安全设施完善|完善18所学校周边护学岗和隔离设施|gaj|jyj,jtysj
E|普惠性托育机构建设|新增普惠托位600个|wjw|jyj
E|中小学生近视防控|学生近视率较上年下降1个百分点|jyj|wjw
E|家庭经济困难学生资助|家庭经济困难学生应助尽助|jyj|czj
H|市人民医院急诊急救大平台|建成胸痛、卒中、创伤三大中心|wjw|
H|乡镇卫生院提档升级|6家卫生院达到国家推荐标准|wjw|longqiu,linze,jieshou
H|65岁以上老年人免费健康体检|体检不少于9万人|wjw|
H|适龄女生HPV疫苗免费接种|为1800名13—14岁女生接种|wjw|jyj
H|家庭医生签约服务扩面|重点人群签约率达到80%|wjw|
H|城乡妇女两癌筛查|完成两癌筛查2万人|wjw|
H|村卫生室标准化建设|改造提升村卫生室30个|wjw|ganduo,zhoushan,songqiao
H|医保服务15分钟便民圈|乡镇医保服务站全覆盖|ybj|
H|门诊慢特病待遇扩面|门诊慢特病病种扩大至40种|ybj|wjw
H|院前急救网络建设|新增急救站点3个，平均反应时间不超过12分钟|wjw|
H|严重精神障碍患者关爱|规范管理率达到92%|wjw|gaj,mzj
H|基层中医馆建设|新建乡镇中医馆4个|wjw|
O|城市社区助餐点建设|新建社区助餐点20个|mzj|gaoyou-jd,mapeng-jd
O|困难老年人家庭适老化改造|完成500户改造|mzj|longqiu,tangzhuang,xiejia
O|社会福利中心护理型床位扩容|新增护理型床位200张|mzj|
O|居家养老上门服务|为3000名失能半失能老人提供上门服务|mzj|
O|区域性养老服务中心建设|建成区域性养老服务中心2个|mzj|sanduo,linze
O|农村互助养老点建设|新建农村互助养老点15个|mzj|ganduo,jieshou
O|失能老人助浴服务|为800名失能老人提供助浴服务|mzj|
O|医养结合机构建设|新增医养结合床位150张|wjw|mzj
O|敬老院改造提升|改造提升敬老院4所|mzj|
R|S333高邮段改扩建|完成路基路面工程12公里|jtysj|cheluo,tangzhuang
R|城区断头路打通|打通城区断头路8条|zjj|gaoyou-jd
R|新增城市公共停车泊位|新增公共停车泊位2000个|zjj|gaoyou-jd,mapeng-jd,cgj
R|城乡公交线路优化|新开、优化公交线路10条|jtysj|
R|农村危桥改造|改造农村危桥40座|jtysj|longqiu,zhoushan,lingtang
R|农村公路提档升级|提档升级农村公路60公里|jtysj|
R|城区路口信号智能化|30个路口信号灯联网优化|gaj|
W|城市污水管网提质增效|新建改造污水管网30公里|swuj|zjj
W|农村生活污水治理|新增治理行政村20个|swuj|sthjj,longqiu,sanduo
W|城区易淹易涝片区整治|整治易淹易涝片区6处|swuj|gaoyou-jd
W|城乡供水管网更新|更新改造老旧供水管网50公里|swuj|
W|二次供水设施改造|改造老旧小区二次供水泵房12座|swuj|zjj
W|农村河塘清淤|清淤农村河塘300条|swuj|nyncj
W|城区河道水环境提升|整治城区河道8条|swuj|sthjj
W|饮用水水源地保护|完成水源地保护区规范化建设|sthjj|swuj
U|老旧小区改造|改造老旧小区15个、惠及4200户|zjj|gaoyou-jd,mapeng-jd
U|既有多层住宅加装电梯|加装电梯40部|zjj|
U|保障性租赁住房筹集|筹集保障性租赁住房800套|zjj|zrzyj
U|零散农户集中居住|600户零散农户集中居住|zrzyj|longqiu,cheluo,sanduo,linze|沈国平
U|城镇危旧房屋解危|完成危旧房屋解危120户|zjj|
U|农村困难群众危房改造|改造农村危房80户|zjj|mzj
U|城市燃气管道老化更新|更新老化燃气管道25公里|zjj|
J|城镇新增就业|城镇新增就业9000人|rsj||周建华
J|重点群体技能培训|开展职业技能培训1.5万人次|rsj|
J|零工市场建设|建成市级零工市场1个、乡镇零工驿站10个|rsj|longqiu,tangzhuang
J|根治欠薪|农民工工资支付监控预警平台全覆盖|rsj|zjj
J|城乡居民基本养老保险扩面|参保率稳定在98%以上|rsj|
J|高校毕业生就业见习|提供见习岗位1000个|rsj|
J|退役军人就业创业服务|组织退役军人专场招聘会6场|tyjrj|rsj
J|创业担保贷款|发放创业担保贷款2亿元|rsj|czj
J|灵活就业人员参保|新增灵活就业人员参保3000人|rsj|
S|低收入农户动态监测帮扶|715户低收入农户全部纳入动态监测，无一返贫|nyncj|longqiu,ganduo,zhoushan|沈国平
S|经济薄弱村集体增收|12个经济薄弱村集体经营性收入均超过60万元|nyncj||沈国平
S|困境儿童关爱保护|困境儿童基本生活保障应保尽保|mzj|
S|残疾人基本康复服务|为1200名残疾人提供基本康复服务|mzj|wjw
S|困难群众医疗救助|医疗救助资助参保率100%|ybj|mzj
S|残疾人家庭无障碍改造|改造200户|mzj|zjj
S|退役军人服务站标准化|村（社区）服务站标准化率达到100%|tyjrj|
V|生猪恢复性生产|建成存栏2400头种猪场1个、年出栏12万头商品猪场1个|nyncj|lingtang
V|高标准农田建设|新建高标准农田5万亩|nyncj|longqiu,zhoushan,linze
V|特色田园乡村建设|建成省级特色田园乡村3个|nyncj|longqiu,jieshou
V|农村户厕问题整改|完成问题户厕整改2000户|nyncj|
V|农村生活垃圾分类|新增垃圾分类示范村30个|cgj|nyncj
V|“四河四路”乡村振兴先导区建设|完成先导区沿线环境整治和产业布局|nyncj|longqiu,tangzhuang,sanduo|沈国平
V|农村路灯亮化|新增农村路灯3000盏|jtysj|
V|农产品质量安全追溯|规模主体追溯覆盖率达到90%|nyncj|scjgj
N|城市口袋公园建设|新建口袋公园10个|cgj|gaoyou-jd,mapeng-jd
N|大运河沿线环境整治|整治沿线环境问题点位60个|sthjj|gaoyou-jd,cheluo,jieshou
N|城区生活垃圾分类|城区生活垃圾分类小区覆盖率90%|cgj|
N|高邮湖生态保护修复|退圩还湖1.2万亩|swuj|sthjj,jieshou,lingtang
N|城区绿道建设|新建绿道15公里|zjj|cgj
N|餐饮油烟整治|完成200家餐饮单位油烟净化|sthjj|scjgj,cgj
N|建筑工地扬尘治理|建筑工地扬尘在线监测全覆盖|zjj|sthjj
C|全民健身中心建设|建成市全民健身中心一座|wglj|
C|城市书房建设|新建城市书房5家|wglj|gaoyou-jd
C|送戏下乡|送戏下乡演出200场|wglj|longqiu,cheluo,tangzhuang,xiejia,sanduo,ganduo
C|农村公益电影放映|放映公益电影2400场|wglj|
C|汪曾祺纪念馆提升开放|年接待观众20万人次|wglj|gaoyou-jd
C|社区健身设施更新|更新健身路径100套|wglj|
C|运河夜间文化活动|举办运河夜游文化活动50场|wglj|gaoyou-jd
P|老旧小区消防设施改造|改造小区消防设施30个|yjglj|zjj
P|校园食堂明厨亮灶|学校食堂明厨亮灶覆盖率100%|scjgj|jyj
P|农贸市场食品快检|农贸市场快检室覆盖率100%|scjgj|
P|电动自行车集中充电设施|新增充电端口1万个|yjglj|gaoyou-jd,mapeng-jd
P|公共视频监控补点|新增公共视频监控点位800个|gaj|
P|小餐饮食品安全提升|规范提升小餐饮店300家|scjgj|
P|燃气用户安全装置加装|为2万户居民加装燃气安全装置|zjj|yjglj
"""
LAST_YEAR = """
E|新建市第三幼儿园|新增学位540个|jyj|zjj
E|城北小学改扩建|新增学位900个|jyj|gaoyou-jd
E|乡镇中学宿舍楼改造|改造宿舍楼6幢|jyj|sanduo,ganduo
E|中小学空调进教室|完成800间教室空调安装|jyj|
E|智慧校园建设|建成智慧校园示范校15所|jyj|
E|校园一键报警系统|中小学一键报警全覆盖|gaj|jyj
E|学前教育普惠扩容|普惠性幼儿园覆盖率达到90%|jyj|
E|特殊教育资源中心建设|建成特殊教育资源中心1个|jyj|mzj
E|中小学劳动教育基地|建成劳动教育基地5个|jyj|nyncj
E|青少年校外活动中心|建成青少年校外活动中心|jyj|
E|学校操场改造|改造学校操场8个|jyj|
H|市中医院门诊楼改造|门诊楼改造1.5万平方米|wjw|
H|市妇幼保健院儿科提升|新增儿科床位50张|wjw|
H|乡镇卫生院发热门诊规范化|乡镇卫生院发热门诊全部规范化|wjw|
H|0—6岁儿童健康管理|儿童健康管理率达到92%|wjw|
H|孕产妇免费产前筛查|完成产前筛查4000人|wjw|
H|居民电子健康档案|电子健康档案建档率达到90%|wjw|
H|医保电子凭证推广|医保电子凭证激活率达到70%|ybj|
H|异地就医直接结算|跨省异地就医住院直接结算率达到85%|ybj|
H|流动体检车进村|体检车巡回服务全部行政村|wjw|
H|在岗村医养老保障|在岗村医全部纳入养老保障|wjw|rsj
H|卫生院远程心电诊断|远程心电诊断覆盖全部卫生院|wjw|
O|老年人助餐服务扩面|新增助餐点15个|mzj|gaoyou-jd
O|农村敬老院消防改造|改造敬老院6所|mzj|yjglj
O|智慧养老服务平台|建成市级智慧养老服务平台|mzj|
O|社区老年活动中心建设|新建社区老年活动中心10个|mzj|mapeng-jd
O|高龄津贴按时发放|80周岁以上老人高龄津贴按时足额发放|mzj|czj
O|养老护理员培训|培训养老护理员500人|mzj|rsj
O|长期护理保险试点|长期护理保险覆盖城镇职工|ybj|mzj
O|居家适老化改造补贴|补贴300户|mzj|
R|G233国道高邮段改造|完成改造8公里|jtysj|zhoushan,songqiao
R|城区主干道白改黑|完成城区道路白改黑6条|zjj|
R|农村公路安全生命防护工程|实施安防工程100公里|jtysj|
R|镇村公交全覆盖|镇村公交通达率100%|jtysj|
R|城区非机动车道改造|改造非机动车道12公里|zjj|gaj
R|公共自行车站点增设|新增公共自行车站点30个|cgj|
R|汽车客运站候车厅改造|完成客运站候车厅改造|jtysj|
R|农村桥梁检测|完成农村桥梁检测500座|jtysj|
R|新能源公交车更新|更新新能源公交车40辆|jtysj|
W|区域供水管网延伸|新增通水自然村30个|swuj|
W|城区雨水泵站新建|新建雨水泵站2座|swuj|gaoyou-jd
W|农村饮水安全巡检|农村供水水质达标率100%|swuj|wjw
W|小型农田水利设施|新建改造泵站60座|swuj|nyncj
W|城区黑臭水体长效管护|城区黑臭水体消除比例保持100%|swuj|sthjj
W|镇级污水处理厂提标|提标改造镇级污水处理厂3座|swuj|zhoushan,linze,ganduo
U|棚户区改造|完成棚户区改造800户|zjj|gaoyou-jd
U|城中村环境整治|整治城中村5个|zjj|mapeng-jd
U|公租房租赁补贴|发放租赁补贴1200户|zjj|
U|住宅小区充电桩建设|新增小区充电桩2000个|zjj|
U|农村住房条件改善|改善农村住房1200户|zrzyj||沈国平
U|不动产登记便民服务|一般登记3个工作日内办结|zrzyj|
U|物业服务进老旧小区|新增物业覆盖小区20个|zjj|
J|失业人员再就业|帮助失业人员再就业3000人|rsj|
J|农村劳动力转移就业|新增农村劳动力转移就业4000人|rsj|
J|返乡创业园建设|建成返乡创业园2个|rsj|zhoushan
J|企业职工技能提升|企业职工岗位技能提升培训8000人|rsj|
J|家政服务提质|培训家政服务人员1000人|rsj|swj
J|劳动人事争议调解|争议调解成功率达到65%|rsj|
J|就业困难人员援助|就业困难人员帮扶就业率100%|rsj|
J|公益性岗位开发|开发公益性岗位800个|rsj|
S|城乡低保标准提高|城乡低保标准提高至每月850元|mzj|czj
S|临时救助|临时救助及时率100%|mzj|
S|孤儿基本生活保障|孤儿基本生活费按时足额发放|mzj|
S|重度残疾人托养|托养重度残疾人300人|mzj|
S|儿童之家建设|建成儿童之家20个|mzj|
S|困难退役军人帮扶|帮扶困难退役军人400人|tyjrj|
S|残疾人辅具适配|适配辅具1500件|mzj|
V|美丽宜居村庄建设|创建美丽宜居村庄20个|nyncj|
V|稻田综合种养|发展稻虾综合种养5万亩|nyncj||沈国平
V|农村集体产权制度改革|完成股份合作制改革|nyncj||沈国平
V|区域农机服务中心|建成区域农机服务中心5个|nyncj|
V|村级电商服务站|新建村级电商服务站50个|swj|
V|农村公厕改造|改造农村公厕100座|nyncj|cgj
V|渔民上岸安居|安置渔民上岸200户|nyncj|zrzyj,jieshou
V|农业科技示范户培育|培育科技示范户500户|nyncj|kjj
N|城区绿化提升|新增城市绿地20万平方米|cgj|
N|大气污染防治|PM2.5平均浓度下降5%|sthjj|
N|秸秆综合利用|秸秆综合利用率达到95%|nyncj|sthjj
N|城区公厕提档|改造城区公厕30座|cgj|
N|工业企业VOCs治理|完成80家企业VOCs治理|sthjj|gxj
N|河湖长制巡河|河湖巡查全覆盖|swuj|
N|噪声扰民整治|整治噪声投诉点30处|sthjj|gaj
N|湿地保护修复|修复湿地1万亩|zrzyj|sthjj
C|文化惠民演出|组织惠民演出150场|wglj|
C|图书馆总分馆建设|建成乡镇分馆13个|wglj|
C|运河文化节|举办运河文化节系列活动|wglj|
C|村级综合文化服务中心|提档升级50个|wglj|
C|全民健身运动会|举办全民健身赛事30项|wglj|
C|非遗展示馆建设|建成非遗展示馆1个|wglj|
C|农家书屋更新|更新图书5万册|wglj|
P|农村微型消防站|配备农村微型消防站30个|yjglj|
P|食品安全示范城市创建|创成省食品安全示范城市|scjgj||周建华
P|药品零售企业规范|药店规范化率达到95%|scjgj|
P|电梯安全检验|电梯检验率100%|scjgj|
P|平安校园建设|中小学幼儿园专职保安配备率100%|gaj|jyj
P|易燃易爆场所整治|整治隐患点200处|yjglj|
P|事故多发路段整治|整治事故多发路段20处|gaj|jtysj
P|防汛物资仓库建设|新建防汛物资仓库2座|swuj|yjglj
P|网格化服务中心建设|建成网格化服务中心13个|gaj|
E|乡村少年宫建设|建成乡村少年宫5所|jyj|
"""

# Deadlines by task index (month), spread over the year; a few fall before "today" unfinished.
DEADLINE_MONTHS = [6, 9, 10, 11, 12, 12, 12, 12, 8, 12]
# Progress notes: (percent below which it applies, text).
PROGRESS = [
    (30, ["已完成实施方案编制并报市政府审定。", "完成项目立项和资金落实，正在组织招标。",
          "已完成前期摸底调查，建立工作台账。", "召开推进会明确各责任单位分工，制定月度计划。"]),
    (60, ["主体工作全面铺开，已完成{target}的{percent}%。", "完成招标，施工（服务）单位已进场，按序时推进。",
          "已完成过半任务量，牵头单位每周调度一次。", "分批次推进实施，首批已完成并通过初验。"]),
    (90, ["主要任务基本完成，正在扫尾和资料整理。", "已完成{percent}%，剩余部分正在集中攻坚。",
          "大部分点位已投入使用，群众反映良好，余下部分加快推进。"]),
    (101, ["全部完成，正在组织验收。", "任务量已全部完成，待牵头单位组织验收。"]),
]
# Why a task was not completed by year end, by category (the public explanation).
REASONS = {
    C.ROADS: "受征地拆迁和冬季施工条件影响，部分路段未能按期完工。",
    C.WATER: "管网施工涉及道路开挖审批和汛期停工，工程未能在年内完工。",
    C.HOUSING: "部分居民意见未能统一，改造方案需重新征求意见，进度滞后。",
    C.EDUCATION: "项目用地调整导致开工推迟，主体工程未能在年内完成。",
    C.HEALTH: "设备采购因招标流标重新组织，影响了完成时间。",
    C.ELDERLY_CARE: "选址调整后重新办理审批手续，建设进度推迟。",
}
REASONS.update({
    C.EMPLOYMENT: "部分培训班次因企业用工旺季推迟开班，参训人数未达到计划。",
    C.SOCIAL_ASSISTANCE: "部分对象需入户复核认定，帮扶资金拨付晚于计划。",
    C.RURAL: "受秋收秋种农时影响，部分村组施工推迟到农闲时节。",
    C.ENVIRONMENT: "涉及沿线企业和住户搬迁协商，部分点位整治未能按期完成。",
    C.CULTURE_SPORTS: "场馆主体完工后消防验收未一次通过，开放时间顺延。",
    C.PUBLIC_SAFETY: "部分小区业主对设施选址意见不一，安装进度滞后。",
})
DEFAULT_REASON = "受资金拨付和实施条件影响，年内未能全部完成。"
NEXT_STEPS = {
    C.ROADS: "{unit}已与施工单位签订赶工协议，开春后增加作业面，剩余路段分段通车。",
    C.WATER: "{unit}已办结道路开挖手续，汛后集中施工，每周向社会公布进度。",
    C.HOUSING: "{unit}逐户上门征求意见，修订改造方案后分批实施。",
    C.EDUCATION: "{unit}已落实新建设用地，主体工程加快施工，确保下学期投入使用。",
}
DEFAULT_NEXT = "{unit}已调整实施计划，每月向社会公布进度，确保按新的完成时间完成。"


def _rows(text):
    rows = []
    for line in text.strip().splitlines():
        parts = line.split("|") + [""] * 2
        category, title, target, lead, responsible, leader = parts[:6]
        rows.append((CATEGORY[category], title, target, lead, [c for c in responsible.split(",") if c], leader))
    return rows


def _tasks_for(year, this_year):
    """This year's 100 tasks, last year's own 100 (earlier years, for --scale, alternate the two lists)."""
    return _rows(THIS_YEAR if (this_year - year) % 2 == 0 else LAST_YEAR)


def _reporters():
    """A reporter account for each unit (the demo's own "reporter" for 龙虬镇)."""
    found = {}
    for membership in Membership.objects.select_related("unit", "user").order_by("id"):
        found.setdefault(membership.unit.code, membership.user)
    return found


def _seed_year(year, *, today, admin, leaders, units, reporters, rng, unfinished_share):
    rows = _tasks_for(year, today.year)
    in_charge = {code: leaders.get(name) for code, name in IN_CHARGE.items()}
    town_leader = {link.unit.code: link.leader for link in LeaderLink.objects.filter(kind="unit")
                   .select_related("unit", "leader")}
    fallback = next(iter(leaders.values()))
    # The list is adopted with the year's government work report, in January.
    adopted = demo_clock.working_moment(datetime.date(year, 1, 6), datetime.date(year, 1, 20), key=f"tasks-{year}")
    for index, (category, title, target, lead, responsible, leader_name) in enumerate(rows, start=1):
        month = DEADLINE_MONTHS[index % len(DEADLINE_MONTHS)]
        deadline = datetime.date(year, month, 28 if month != 12 else 31)
        leader = (leaders.get(leader_name) or in_charge.get(lead) or town_leader.get(lead)
                  or (town_leader.get(responsible[0]) if responsible else None) or fallback)
        with demo_clock.at(adopted + datetime.timedelta(minutes=index)):
            task = services.task_create(
                user=admin, year=year, number=index, title=title, category=category, target=target,
                responsible_leader=leader, lead_unit=units[lead],
                responsible_units=[units[c] for c in responsible if c in units and c != lead], deadline=deadline,
            )
        _seed_progress(task, today=today, admin=admin, reporters=reporters, rng=rng, unfinished_share=unfinished_share)


def _course(task, *, today, rng, unfinished_share):
    """How far the task has come by ``today`` (or its year's end): (percent, completion date or None).

    Work starts after the list is adopted (20 February). A task whose deadline has passed is done, bar
    ``unfinished_share`` of them (left at 60–90%); one still running is as far along as its time allows, and
    close to its deadline most finish early, so that by December most of the year's tasks are done."""
    start = datetime.date(task.year, 2, 20)
    horizon = min(today, datetime.date(task.year, 12, 31))
    if horizon <= start:
        return 0, None
    if task.deadline <= horizon:
        if rng.random() < unfinished_share:
            return rng.choice([60, 70, 75, 85, 90]), None
        done = task.deadline - datetime.timedelta(days=rng.randint(0, 25))
        return 100, max(done, start + datetime.timedelta(days=30))
    elapsed = (horizon - start).days / max(1, (task.deadline - start).days)
    if elapsed >= 0.8 and rng.random() < (elapsed - 0.5) * 1.6 and (horizon - start).days > 40:
        return 100, horizon - datetime.timedelta(days=rng.randint(2, 30))
    return max(0, min(95, int(elapsed * 100 * rng.uniform(0.8, 1.15)))), None


def _seed_progress(task, *, today, admin, reporters, rng, unfinished_share):
    """Progress updates every month or two from the start to today (or completion), each dated on its day;
    the latest with a photo from the site on two tasks in three; completion confirmed by the lead unit."""
    units = [task.lead_unit, *task.responsible_units.all()]
    reporter = next((reporters[u.code] for u in reversed(units) if u.code in reporters), admin)
    lead_reporter = reporters.get(task.lead_unit.code, admin)
    final, completed = _course(task, today=today, rng=rng, unfinished_share=unfinished_share)
    if final == 0:
        return
    start = datetime.date(task.year, 3, 10)
    end = completed or min(today, datetime.date(task.year, 12, 31))
    if end <= start:
        start = datetime.date(task.year, 2, 21)
    steps = 1 if task.year < today.year - 1 else max(1, min(4, (end - start).days // 55))
    percent = 0
    for step in range(1, steps + 1):
        day = start + (end - start) * step // (steps + 1) if completed or step < steps else end
        percent = max(percent, min(final if not completed else 90, (final * step) // steps))
        if percent == 0:
            continue
        notes = next(notes for limit, notes in PROGRESS if percent < limit)
        photo = demo_photos.site_photo(task, day) if step == steps and task.number % 3 else None
        with demo_clock.at(demo_clock.day_moment(day, key=f"{task.code}-{step}")):
            services.update_add(
                task=task, user=reporter, date=day, percent=percent,
                text=rng.choice(notes).format(target=task.target, percent=percent), attachment=photo,
                published=not (step == steps and step > 1 and task.number % 11 == 0 and not completed),
            )
    if completed:
        with demo_clock.at(demo_clock.day_moment(completed, key=f"{task.code}-done")):
            services.task_confirm_completion(task=task, user=lead_reporter, date=completed,
                                             note=f"已完成：{task.target}。经牵头单位验收确认。")
    elif task.deadline < today:
        _explain(task, user=reporters.get(task.lead_unit.code, admin), approve=task.number % 5 != 0,
                 when=task.deadline + datetime.timedelta(days=rng.randint(3, 12)))


def _explain(task, *, user, approve, when):
    """The lead unit explains, in its own words, why the task missed its deadline; approved a few days later."""
    written = demo_clock.working_moment(when, when + datetime.timedelta(days=6), key=f"{task.code}-why")
    with demo_clock.at(written):
        services.explanation_write(
            task=task, user=user, reason=REASONS.get(task.category, DEFAULT_REASON),
            next_steps=NEXT_STEPS.get(task.category, DEFAULT_NEXT).format(unit=task.lead_unit.short_name),
            new_date=max(datetime.date(task.year + 1, 6, 30), task.deadline + datetime.timedelta(days=60)),
        )
    if approve:
        with demo_clock.at(written + datetime.timedelta(days=2, hours=1)):
            services.explanation_approve(task=task, user=user)


def _explain_unfinished(year, *, today, reporters, admin):
    """Last year's unfinished tasks explained in January (from the 8th: before, they are still owed)."""
    if today < datetime.date(year + 1, 1, 8):
        return
    for task in (LivelihoodTask.objects.filter(year=year, completed_on__isnull=True, explanation__isnull=True)
                 .select_related("lead_unit")):
        _explain(task, user=reporters.get(task.lead_unit.code, admin), approve=task.number % 5 != 0,
                 when=datetime.date(year + 1, 1, 5))


@transaction.atomic  # one commit for the whole seed: far faster than one per service call on SQLite
def seed(*, scale=1, stdout=None):
    today = timezone.localdate()
    admin = get_user_model().objects.filter(username="admin").first()
    leaders = {leader.name: leader for leader in Leader.objects.order_by("order", "id")}
    units = {u.code: u for u in Unit.objects.all()}
    if admin is None or not leaders or "jyj" not in units:
        if stdout:
            stdout.write("livelihood: skipped (org demo data missing)")
        return
    reporters = _reporters()
    rng = random.Random(2026)
    # This year, then last year (with explanations); --scale N adds earlier years for volume, back to 2000 at
    # the most (a task's year is at least 2000): --scale 100 gives 27 years, 2,700 tasks.
    for offset in range(0, 1 + min(max(1, scale), today.year - 2000)):
        year = today.year - offset
        if LivelihoodTask.objects.filter(year=year).exists():
            continue
        past = offset > 0
        # Fully past deadlines while seeding a past year, then "today" rolls forward to now.
        _seed_year(year, today=today, admin=admin, leaders=leaders, units=units, reporters=reporters, rng=rng,
                   unfinished_share=0.08 if past else 0.1)
        if past:
            _explain_unfinished(year, today=today, reporters=reporters, admin=admin)
    result = services.tasks_refresh_statuses(today=today)
    if stdout:
        stdout.write(
            f"livelihood: {LivelihoodTask.objects.count()} tasks, "
            f"{len(result['overdue'])} newly overdue, {len(result['explanation_due'])} still needing an explanation"
        )
