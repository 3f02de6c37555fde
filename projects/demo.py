"""Demo projects: about 60 per ``--scale`` across the towns and parks, with a spread of warning lights.

Idempotent: projects are matched by code and an existing project is left as it is. Dates are relative
to ``timezone.localdate()``, so the demo shows plans and reports "for the year so far" whenever it runs.
Rows are bulk-created with their history rows (``bulk_create_with_history``) so that scale 100 stays fast.
"""

import random
from datetime import date, timedelta
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from org.choices import LinkKind
from org.models import Leader, LeaderLink, Unit

from .choices import BlockerStatus, MilestoneKind, ProjectCategory, ProjectLevel, ProjectStatus
from .lights import add_months, due_month, month_start
from .models import Blocker, Milestone, MonthlyPlan, MonthlyReport, Project

PER_SCALE = 60
NAMES = [
    ("新能源电池储能产业园", ProjectCategory.INDUSTRIAL, "新能源"),
    ("高端装备智能制造基地", ProjectCategory.INDUSTRIAL, "高端装备"),
    ("光电显示模组生产线", ProjectCategory.INDUSTRIAL, "光电"),
    ("新材料复合板材项目", ProjectCategory.INDUSTRIAL, "新材料"),
    ("现代农业产业示范园", ProjectCategory.AGRICULTURE, "现代农业"),
    ("冷链物流配送中心", ProjectCategory.SERVICES, "现代物流"),
    ("文旅融合湖畔街区", ProjectCategory.SERVICES, "文旅"),
    ("城乡供水管网提升工程", ProjectCategory.INFRASTRUCTURE, "基础设施"),
    ("智能电网改造工程", ProjectCategory.INFRASTRUCTURE, "基础设施"),
    ("康养服务中心", ProjectCategory.SOCIAL, "健康养老"),
    ("电线电缆扩能项目", ProjectCategory.INDUSTRIAL, "高端装备"),
    ("半导体照明产业园", ProjectCategory.INDUSTRIAL, "光电"),
]
SERVICE_CODES = ["fgw", "gxj", "swj", "zrzyj", "zjj", "xzspj", "sthjj"]
PERSONS = ["王志刚", "李红梅", "张伟", "刘洋", "陈静", "杨光", "赵敏", "黄磊", "周婷", "吴强"]
# Scenario by project number: on track, investment behind (yellow / red), milestone overdue,
# report missing, milestone due this month, finished earlier.
SCENARIOS = ["ok", "ok", "ok", "ok", "behind_yellow", "behind_red", "overdue", "missing", "due", "done"]


def _money(value):
    return Decimal(value).quantize(Decimal("0.01"))


@transaction.atomic
def seed(*, scale=1, stdout=None):
    today = timezone.localdate()
    this_month = month_start(today)
    year_start = date(today.year, 1, 1)
    last_due = due_month(today, 5)
    units = list(Unit.objects.towns_and_parks().order_by("order"))
    if not units:
        return
    longqiu = next((u for u in units if u.code == "longqiu"), units[0])
    departments = {u.code: u for u in Unit.objects.filter(code__in=SERVICE_CODES)}
    leaders = list(Leader.objects.all().order_by("order"))
    unit_leader = {
        link.unit_id: link.leader for link in LeaderLink.objects.filter(kind=LinkKind.UNIT).select_related("leader")
    }
    User = get_user_model()
    reporters = {u.username: u for u in User.objects.filter(username__startswith="reporter")}

    total = PER_SCALE * scale
    codes = [f"GY{today.year}-{n + 1:04d}" for n in range(total)]
    existing = set(Project.objects.filter(code__in=codes).values_list("code", flat=True))
    projects, plan_rows, report_rows, milestone_rows, scenario_of = [], [], [], [], {}
    for n, code in enumerate(codes):
        if code in existing:
            continue
        rng = random.Random(code)
        k = n % PER_SCALE
        unit = longqiu if k < 6 else units[n % len(units)]
        level = (
            ProjectLevel.PROVINCIAL if k in (6, 7, 8)
            else ProjectLevel.PREFECTURE if 9 <= k < 27 else ProjectLevel.CITY
        )
        scenario = SCENARIOS[n % len(SCENARIOS)]
        if level == ProjectLevel.PROVINCIAL or (level == ProjectLevel.PREFECTURE and k < 23):
            scenario = "ok" if scenario in ("overdue", "done") else scenario  # these have started
        name, category, industry = NAMES[n % len(NAMES)]
        signing = date(today.year - 1, 6, 1) + timedelta(days=rng.randint(0, 330))
        if scenario == "done":
            signing = date(today.year - 2, 3, 1) + timedelta(days=rng.randint(0, 200))
        total_investment = _money(rng.choice([20000, 50000, 100000, 150000, 300000]) * rng.uniform(0.6, 1.4))
        project = Project(
            code=code, name=f"{unit.short_name}{name}", level=level, category=category, industry=industry,
            responsible_unit=unit, responsible_person=rng.choice(PERSONS),
            responsible_phone=f"1390514{rng.randint(0, 9999):04d}", total_investment=total_investment,
            signing_date=signing, status=ProjectStatus.SIGNED,
            description="演示数据（虚构）。",
        )
        scenario_of[code] = scenario
        # Milestone dates.
        started_plan = signing + timedelta(days=rng.randint(45, 120))
        completed_plan = max(started_plan + timedelta(days=rng.randint(420, 720)), add_months(this_month, 2))
        production_plan = completed_plan + timedelta(days=90)
        started_actual = started_plan + timedelta(days=rng.randint(-10, 20))
        milestones = {
            MilestoneKind.SIGNED: (signing, signing),
            MilestoneKind.STARTED: (started_plan, started_actual if started_actual <= today else None),
            MilestoneKind.COMPLETED: (completed_plan, None),
            MilestoneKind.IN_PRODUCTION: (production_plan, None),
        }
        if scenario == "overdue":
            # Construction was due to start months ago and has not.
            milestones[MilestoneKind.STARTED] = (add_months(this_month, -2).replace(day=15), None)
        elif scenario == "due":
            milestones[MilestoneKind.COMPLETED] = (this_month.replace(day=25), None)
        elif scenario == "done":
            completed_plan = started_plan + timedelta(days=rng.randint(300, 360))
            production_plan = completed_plan + timedelta(days=90)
            milestones[MilestoneKind.COMPLETED] = (completed_plan, completed_plan + timedelta(days=rng.randint(0, 30)))
            if production_plan + timedelta(days=30) <= today:
                milestones[MilestoneKind.IN_PRODUCTION] = (production_plan, production_plan + timedelta(days=20))
        if milestones[MilestoneKind.COMPLETED][1] and milestones[MilestoneKind.COMPLETED][1] > today:
            milestones[MilestoneKind.COMPLETED] = (completed_plan, None)
        if milestones[MilestoneKind.IN_PRODUCTION][1]:
            project.status = ProjectStatus.IN_PRODUCTION
        elif milestones[MilestoneKind.COMPLETED][1]:
            project.status = ProjectStatus.COMPLETED
        elif milestones[MilestoneKind.STARTED][1]:
            project.status = ProjectStatus.UNDER_CONSTRUCTION
        # Monthly plans for this year, reports up to the last month due (some already for this month).
        first = max(year_start, month_start(signing))
        months = []
        month = first
        # A project in production has finished investing: no plans or reports this year.
        while month.year == today.year and project.status != ProjectStatus.IN_PRODUCTION:
            months.append(month)
            month = add_months(month, 1)
        year_plan = _money(total_investment * Decimal(rng.uniform(0.25, 0.5)))
        weights = [rng.uniform(0.6, 1.4) for _ in months] or [1]
        plans = [_money(year_plan * Decimal(w / sum(weights))) for w in weights]
        project.year_planned_investment = sum(plans, Decimal(0)) if months else Decimal(0)
        ratio = {"behind_yellow": 0.8, "behind_red": 0.5}.get(scenario, rng.uniform(0.96, 1.08))
        last_reported = this_month if (n % 3 == 0 and unit != longqiu) else last_due
        for month, planned in zip(months, plans, strict=False):
            plan_rows.append((code, month, planned, f"{month.month}月：按计划推进主体施工"))
            if month > last_reported or project.status == ProjectStatus.IN_PRODUCTION:
                continue
            if scenario == "missing" and month == last_due:
                continue
            report_rows.append((code, unit, month, _money(planned * Decimal(ratio * rng.uniform(0.95, 1.05)))))
        milestone_rows.append((code, milestones))
        projects.append(project)

    bulk_create_with_history(projects, Project, batch_size=500)
    by_code = {p.code: p for p in Project.objects.filter(code__in=[p.code for p in projects])}
    bulk_create_with_history(
        [Milestone(project=by_code[code], kind=kind, planned_date=planned, actual_date=actual,
                   evidence="演示：现场照片与会议纪要" if actual else "")
         for code, milestones in milestone_rows for kind, (planned, actual) in milestones.items()],
        Milestone, batch_size=1000,
    )
    bulk_create_with_history(
        [MonthlyPlan(project=by_code[code], month=month, planned_investment=amount, planned_workload=work)
         for code, month, amount, work in plan_rows],
        MonthlyPlan, batch_size=1000,
    )
    bulk_create_with_history(
        [MonthlyReport(project=by_code[code], month=month, investment=amount,
                       workload=f"完成{month.month}月计划工作量", narrative="按计划推进。",
                       submitted_by=reporters.get("reporter" if unit.code == "longqiu" else f"reporter-{unit.code}"))
         for code, unit, month, amount in report_rows],
        MonthlyReport, batch_size=1000,
    )
    # Leaders, service departments and a few problems raised to the leaders.
    ct = ContentType.objects.get_for_model(Project)
    links, through, blockers = [], [], []
    dept_list = [departments[c] for c in SERVICE_CODES if c in departments]
    for index, project in enumerate(by_code.values()):
        leader = unit_leader.get(project.responsible_unit_id) or (leaders[index % len(leaders)] if leaders else None)
        if index % 5 == 0 and leaders:
            leader = leaders[0]  # the demo leader account coordinates a share of the projects
        if leader:
            links.append(LeaderLink(leader=leader, kind=LinkKind.PROJECT, content_type=ct, object_id=project.pk))
            if index % 7 == 3:
                resolved = index % 14 == 3
                blockers.append(Blocker(
                    project=project, title="用地指标待协调" if index % 2 else "电力增容审批滞后",
                    description="演示：需市级层面协调。", assigned_leader=leader,
                    deadline=today + timedelta(days=15 if not resolved else -10),
                    status=BlockerStatus.RESOLVED if resolved else BlockerStatus.OPEN,
                    resolution="已协调解决。" if resolved else "",
                    resolved_at=timezone.now() if resolved else None,
                ))
        for dept in dept_list[index % len(dept_list):][:2] if dept_list else []:
            through.append(Project.service_units.through(project_id=project.pk, unit_id=dept.pk))
    bulk_create_with_history(links, LeaderLink, batch_size=1000)
    Project.service_units.through.objects.bulk_create(through, batch_size=1000, ignore_conflicts=True)
    bulk_create_with_history(blockers, Blocker, batch_size=500)
    if stdout:
        stdout.write(
            f"projects: {len(projects)} new ({Project.objects.count()} in all), {len(plan_rows)} plans, "
            f"{len(report_rows)} reports"
        )
