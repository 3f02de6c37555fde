"""Demo data for the org app: Gaoyou's units, one user per role (the city leaders: ``leaders.demo``).

Idempotent: rows are matched by their natural keys (unit code, leader name, username).
"""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from gaoyou_portal import demo_clock
from gaoyou_portal.roles import Role

from .choices import UnitKind
from .models import Membership, Unit
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
DEMO_LEADER = "周建华"  # the demo leader account's name (its record: leaders.demo)
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


def _date_made(made, *, today, admin):
    """Date the rows this run created as the demo's history has them (their history rows too, by ``admin``):
    units, users and memberships at the set-up (``demo_clock.history_start``). Rows already there (an earlier
    run, real data) keep their dates."""
    setup = demo_clock.history_start(today)
    for model in (Unit, Membership):
        demo_clock.restamp(model, {pk: setup + timedelta(seconds=n) for n, pk in enumerate(made.get(model, []))},
                           fields=[], user=admin)
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
    _date_made(made, today=timezone.localdate(), admin=users["admin"])

    if stdout:
        stdout.write(
            f"org: {Unit.objects.count()} units, {User.objects.count()} users"
        )
