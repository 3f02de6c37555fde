"""Demo data for the leaders app: the city leaders, their links and the enterprises they are linked to.

Runs right after org's demo (units and users). Idempotent: rows are matched by their natural keys.
"""

from datetime import date, timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from gaoyou_portal import demo_clock
from gaoyou_portal.credit_codes import make_credit_code
from org.demo import DEMO_LEADER, _upsert
from org.models import Unit

from .choices import LeaderRole, LinkKind
from .models import Enterprise, Leader, LeaderLink

# Fictitious leaders of the city's party committee (市委) and government (市政府):
# (name, title, linked towns and parks, linked industries, linked enterprises)
LEADERS = [
    ("韩立成", "市委书记", ["gaoyou-etdz"], ["新能源", "高端装备"], ["江苏锂睿动力科技有限公司"]),
    ("周建华", "市委副书记、市长", ["chengnan", "gaoyou-jd"], ["光电", "新材料"],
     ["高邮晶耀光电科技有限公司", "扬州华驰智能装备有限公司"]),
    ("沈国平", "市委副书记", ["mapeng-jd", "jieshou"], ["现代农业"], ["高邮湖鲜食品有限公司"]),
    ("陈立新", "市委常委、常务副市长", ["huxi"], ["电线电缆"], ["江苏苏邮电缆集团有限公司"]),
    ("许文涛", "市委常委、组织部部长", ["sanduo"], ["现代物流"], ["高邮邮驿冷链物流有限公司"]),
    ("顾敏", "市委常委、宣传部部长", ["linze"], ["文旅"], ["高邮运河文化旅游发展有限公司"]),
    ("钱卫东", "市委常委、政法委书记", ["zhoushan"], ["建筑建材"], ["高邮同创新型建材有限公司"]),
    ("朱明", "市委常委、统战部部长", ["lingtang"], ["清真食品"], ["菱塘伊禾清真食品有限公司"]),
    ("杨海峰", "市委常委、副市长", ["cheluo"], ["高端装备"], ["车逻精工机械有限公司"]),
    ("吴海燕", "副市长", ["longqiu", "tangzhuang"], ["现代农业", "生猪养殖"], ["高邮邮润生态养殖有限公司"]),
    ("孙志强", "副市长", ["xiejia"], ["新材料", "电线电缆"], ["卸甲华鑫线缆有限公司"]),
    ("刘晓东", "副市长", ["ganduo"], ["建筑建材", "现代物流"], ["甘垛顺达物流有限公司"]),
    ("黄静", "副市长", ["songqiao"], ["健康养老", "文旅"], ["高邮康颐养老服务有限公司"]),
]
ROLES = {
    "韩立成": LeaderRole.SECRETARY, "周建华": LeaderRole.MAYOR, "沈国平": LeaderRole.DEPUTY_SECRETARY,
    "陈立新": LeaderRole.EXECUTIVE_VICE_MAYOR, "许文涛": LeaderRole.STANDING_COMMITTEE,
    "顾敏": LeaderRole.STANDING_COMMITTEE, "钱卫东": LeaderRole.STANDING_COMMITTEE,
    "朱明": LeaderRole.STANDING_COMMITTEE,
    "杨海峰": LeaderRole.STANDING_COMMITTEE, "吴海燕": LeaderRole.VICE_MAYOR, "孙志强": LeaderRole.VICE_MAYOR,
    "刘晓东": LeaderRole.VICE_MAYOR, "黄静": LeaderRole.VICE_MAYOR,
}
# Serials of the leaders' enterprises' (fictitious) credit codes, apart from the safety ledgers' firms.
ENTERPRISE_SERIAL = 800001
# Earlier links that have ended, so the links pages show history: (leader, industry). Industries, not towns:
# the other apps' demos read a town's leader from the town links.
ENDED_LINKS = [("周建华", "电子信息"), ("吴海燕", "水产养殖")]
# The leader each bureau answers to (分管市领导), for the livelihood tasks and the projects they serve.
IN_CHARGE = {
    "fgw": "陈立新", "czj": "陈立新", "zrzyj": "陈立新", "xzspj": "陈立新", "yjglj": "陈立新", "scjgj": "陈立新",
    "gxj": "孙志强", "swj": "孙志强", "kjj": "孙志强",
    "zjj": "刘晓东", "jtysj": "刘晓东", "cgj": "刘晓东", "sthjj": "刘晓东",
    "swuj": "吴海燕", "nyncj": "吴海燕",
    "jyj": "黄静", "wjw": "黄静", "mzj": "杨海峰", "rsj": "杨海峰", "ybj": "杨海峰", "tyjrj": "杨海峰",
    "wglj": "顾敏", "gaj": "钱卫东", "xfj": "钱卫东",
}


def _link(leader, kind, target, *, started_on, made):
    """The leader's active link to ``target`` (field values), made if missing."""
    link = LeaderLink.objects.active().filter(leader=leader, kind=kind, **target).first()
    if link is None:
        link = LeaderLink.objects.create(leader=leader, kind=kind, started_on=started_on, **target)
        made.setdefault(LeaderLink, []).append(link.pk)
    return link


def _date_made(made, *, today, admin):
    """Date the rows this run created as the demo's history has them (their history rows too, by ``admin``):
    enterprises at the set-up (``demo_clock.history_start``), the leaders at the start of their term, each link
    on the first working day from its start. Rows already there (an earlier run, real data) keep their dates."""
    setup = demo_clock.history_start(today)
    term = demo_clock.working_moment(date(today.year - 2, 1, 2), date(today.year - 2, 1, 9),
                                     key=f"term-{today.year - 2}")
    demo_clock.restamp(Enterprise, {pk: setup + timedelta(seconds=n)
                                    for n, pk in enumerate(made.get(Enterprise, []))}, fields=[], user=admin)
    demo_clock.restamp(Leader, {pk: term + timedelta(seconds=n) for n, pk in enumerate(made.get(Leader, []))},
                       fields=[], user=admin)
    links = LeaderLink.objects.filter(pk__in=made.get(LeaderLink, [])).values_list("pk", "started_on")
    demo_clock.restamp(LeaderLink, {pk: demo_clock.working_moment(day, day + timedelta(days=9), key=f"link-{pk}")
                                    for pk, day in links}, fields=[], user=admin)


@transaction.atomic
def seed(*, scale=1, stdout=None):
    units = {u.code: u for u in Unit.objects.all()}
    leader_user = get_user_model().objects.get(username="leader")
    made = {}
    # The links started with the present term (two years back), industries and enterprises a year later.
    today = timezone.localdate()
    term, later = date(today.year - 2, 1, 1), date(today.year - 1, 3, 1)
    serial = ENTERPRISE_SERIAL
    for index, (name, title, unit_codes, industries, enterprises) in enumerate(LEADERS):
        leader = _upsert(Leader, {"name": name}, {"title": title, "role": ROLES.get(name, LeaderRole.OTHER),
                                                  "order": index}, made)
        if name == DEMO_LEADER and leader.user_id != leader_user.pk:
            leader.user = leader_user
            leader.save()
        for code in unit_codes:
            _link(leader, LinkKind.UNIT, {"unit": units[code]}, started_on=term, made=made)
        for industry in industries:
            _link(leader, LinkKind.INDUSTRY, {"name": industry}, started_on=later, made=made)
        for enterprise_name in enterprises:
            enterprise = Enterprise.objects.filter(name=enterprise_name).first()
            values = {"credit_code": make_credit_code(serial), "town": units[unit_codes[0]], "industry": industries[0]}
            if enterprise is None:
                enterprise = Enterprise.objects.create(name=enterprise_name, **values)
                made.setdefault(Enterprise, []).append(enterprise.pk)
            elif not enterprise.credit_code:  # made from a name by the migration: complete it
                for field, value in values.items():
                    setattr(enterprise, field, value)
                enterprise.save()
            serial += 1
            _link(leader, LinkKind.ENTERPRISE, {"enterprise": enterprise}, started_on=later, made=made)
    for name, industry in ENDED_LINKS:
        leader = Leader.objects.get(name=name)
        if not leader.links.filter(kind=LinkKind.INDUSTRY, name=industry).exists():
            ended = LeaderLink.objects.create(leader=leader, kind=LinkKind.INDUSTRY, name=industry, started_on=term,
                                              ended_on=date(today.year - 1, 2, 28))
            made.setdefault(LeaderLink, []).append(ended.pk)
    _date_made(made, today=today, admin=get_user_model().objects.get(username="admin"))

    if stdout:
        stdout.write(f"leaders: {Leader.objects.count()} leaders, {Enterprise.objects.count()} enterprises")
