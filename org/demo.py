"""Demo data for the org app: Gaoyou's units, city leaders and their links, one user per role.

Idempotent: rows are matched by their natural keys (unit code, leader name, username).
"""

from datetime import date, timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from gaoyou_portal import demo_clock
from gaoyou_portal.credit_codes import make_credit_code
from gaoyou_portal.roles import Role

from .choices import LeaderRole, LinkKind, UnitKind
from .models import Enterprise, Leader, LeaderLink, Membership, Unit
from .services import user_set_roles

DEMO_PASSWORD = "demo-pass-2026"

# (code, name, short name). 高邮街道 keeps its full name as its short name: "高邮" alone is the city.
TOWNS = [
    ("gaoyou-jd", "高邮街道", "高邮街道"),
    ("mapeng-jd", "马棚街道", "马棚"),
    ("longqiu", "龙虬镇", "龙虬"),
    ("cheluo", "车逻镇", "车逻"),
    ("tangzhuang", "汤庄镇", "汤庄"),
    ("xiejia", "卸甲镇", "卸甲"),
    ("sanduo", "三垛镇", "三垛"),
    ("ganduo", "甘垛镇", "甘垛"),
    ("jieshou", "界首镇", "界首"),
    ("zhoushan", "周山镇", "周山"),
    ("linze", "临泽镇", "临泽"),
    ("songqiao", "送桥镇", "送桥"),
    ("lingtang", "菱塘回族乡", "菱塘"),
]
PARKS = [
    ("gaoyou-etdz", "高邮经济开发区", "开发区"),
    ("chengnan", "城南经济新区", "城南新区"),
    ("huxi", "湖西新区", "湖西新区"),
]
DEPARTMENTS = [
    ("fgw", "发展和改革委员会", "发改委"),
    ("gxj", "工业和信息化局", "工信局"),
    ("swj", "商务局", "商务局"),
    ("kjj", "科学技术局", "科技局"),
    ("czj", "财政局", "财政局"),
    ("zrzyj", "自然资源和规划局", "自然资源局"),
    ("zjj", "住房和城乡建设局", "住建局"),
    ("sthjj", "生态环境局", "生态环境局"),
    ("jtysj", "交通运输局", "交通局"),
    ("swuj", "水务局", "水务局"),
    ("nyncj", "农业农村局", "农业农村局"),
    ("yjglj", "应急管理局", "应急局"),
    ("scjgj", "市场监督管理局", "市场监管局"),
    ("xzspj", "行政审批局", "行政审批局"),
    ("rsj", "人力资源和社会保障局", "人社局"),
    ("jyj", "教育局", "教育局"),
    ("wjw", "卫生健康委员会", "卫健委"),
    ("mzj", "民政局", "民政局"),
    ("wglj", "文化广电和旅游局", "文广旅局"),
    ("cgj", "城市管理局", "城管局"),
    ("gaj", "公安局", "公安局"),
    ("ybj", "医疗保障局", "医保局"),
    ("tyjrj", "退役军人事务局", "退役军人局"),
    ("xfj", "信访局", "信访局"),
    ("zzb", "组织部", "组织部"),
    ("khb", "考核办", "考核办"),
]
# Units that run or serve the race rather than compete in it.
NOT_IN_RACE = {"zzb", "khb"}
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
DEMO_LEADER = "周建华"
# username -> (roles, unit codes, is_superuser, first name)
USERS = {
    "admin": ([Role.ADMIN], [], True, "系统管理员"),
    "office": ([Role.OFFICE], ["khb"], False, "考核办"),
    "leader": ([Role.LEADER], [], False, DEMO_LEADER),
    "reporter": ([Role.REPORTER], ["longqiu"], False, "龙虬镇填报员"),
    "safety": ([Role.SAFETY], ["yjglj"], False, "应急管理局"),
    "orgdept": ([Role.ORGDEPT], ["zzb"], False, "组织部"),
}


def _has_demo_password(user, known):
    """Whether ``user`` has the demo password, checking each distinct stored hash once (``known``)."""
    if user.password not in known and user.check_password(DEMO_PASSWORD):
        known.add(user.password)
    return user.password in known


def _upsert(model, keys, values, made=None):
    """Create the row, or change it only where it differs (a rerun adds no history). A row created is noted
    in ``made`` (model -> pks), to be dated when it would have been."""
    row, created = model.objects.get_or_create(**keys, defaults=values)
    changed = [name for name, value in values.items() if getattr(row, name) != value]
    if changed and not created:
        for name in changed:
            setattr(row, name, values[name])
        row.save(update_fields=changed)
    if created and made is not None:
        made.setdefault(model, []).append(row.pk)
    return row


def _link(leader, kind, target, *, started_on, made):
    """The leader's active link to ``target`` (field values), made if missing."""
    link = LeaderLink.objects.active().filter(leader=leader, kind=kind, **target).first()
    if link is None:
        link = LeaderLink.objects.create(leader=leader, kind=kind, started_on=started_on, **target)
        made.setdefault(LeaderLink, []).append(link.pk)
    return link


def _date_made(made, *, today, admin):
    """Date the rows this run created as the demo's history has them (their history rows too, by ``admin``):
    units, users, memberships and enterprises at the set-up (``demo_clock.history_start``), the leaders at
    the start of their term, each link on the first working day from its start. Rows already there (an
    earlier run, real data) keep their dates."""
    setup = demo_clock.history_start(today)
    term = demo_clock.working_moment(date(today.year - 2, 1, 2), date(today.year - 2, 1, 9),
                                     key=f"term-{today.year - 2}")
    for model in (Unit, Membership, Enterprise):
        demo_clock.restamp(model, {pk: setup + timedelta(seconds=n) for n, pk in enumerate(made.get(model, []))},
                           fields=[], user=admin)
    demo_clock.restamp(Leader, {pk: term + timedelta(seconds=n) for n, pk in enumerate(made.get(Leader, []))},
                       fields=[], user=admin)
    links = LeaderLink.objects.filter(pk__in=made.get(LeaderLink, [])).values_list("pk", "started_on")
    demo_clock.restamp(LeaderLink, {pk: demo_clock.working_moment(day, day + timedelta(days=9), key=f"link-{pk}")
                                    for pk, day in links}, fields=[], user=admin)
    User = get_user_model()
    joined = {pk: setup + timedelta(seconds=n) for n, pk in enumerate(made.get(User, []))}
    demo_clock.restamp(User, joined, fields=["date_joined"])


@transaction.atomic
def seed(*, scale=1, stdout=None):
    order = 0
    made = {}
    for kind, rows in ((UnitKind.TOWN, TOWNS), (UnitKind.PARK, PARKS), (UnitKind.DEPARTMENT, DEPARTMENTS)):
        for code, name, short in rows:
            order += 1
            _upsert(Unit, {"code": code}, {"name": name, "short_name": short, "kind": kind, "order": order,
                                           "in_sprint_race": code not in NOT_IN_RACE}, made)
    units = {u.code: u for u in Unit.objects.all()}

    User = get_user_model()
    users, known = {}, set()
    # The demo password hashed once for every demo user (hashing it 44 times took half a seed's time).
    hashed = make_password(DEMO_PASSWORD)
    for username, (roles, unit_codes, superuser, first_name) in USERS.items():
        user, created = User.objects.get_or_create(
            username=username,
            defaults={"first_name": first_name, "email": f"{username}@demo.gaoyou.invalid"},
        )
        if created:
            made.setdefault(User, []).append(user.pk)
        if created or not _has_demo_password(user, known):
            user.password = hashed
        user.is_staff = superuser
        user.is_superuser = superuser
        user.save()
        user_set_roles(user=user, roles=roles)
        for code in unit_codes:
            _upsert(Membership, {"user": user, "unit": units[code]}, {}, made)
        users[username] = user

    # The links started with the present term (two years back), industries and enterprises a year later.
    today = timezone.localdate()
    term, later = date(today.year - 2, 1, 1), date(today.year - 1, 3, 1)
    serial = ENTERPRISE_SERIAL
    for index, (name, title, unit_codes, industries, enterprises) in enumerate(LEADERS):
        leader = _upsert(Leader, {"name": name}, {"title": title, "role": ROLES.get(name, LeaderRole.OTHER),
                                                  "order": index}, made)
        if name == DEMO_LEADER and leader.user_id != users["leader"].pk:
            leader.user = users["leader"]
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

    # One reporter account for every other town, park and department, so each unit can be notified.
    for code, unit in units.items():
        if code in ("longqiu", "khb", "yjglj", "zzb"):
            continue
        user, created = User.objects.get_or_create(
            username=f"reporter-{code}",
            defaults={"first_name": f"{unit.short_name}填报员", "email": f"reporter-{code}@demo.gaoyou.invalid"},
        )
        if created:
            made.setdefault(User, []).append(user.pk)
            user.password = hashed
            user.save()
            user_set_roles(user=user, roles=[Role.REPORTER])
        _upsert(Membership, {"user": user, "unit": unit}, {}, made)
    _date_made(made, today=today, admin=users["admin"])

    if stdout:
        stdout.write(
            f"org: {Unit.objects.count()} units, {Leader.objects.count()} leaders, {User.objects.count()} users"
        )
