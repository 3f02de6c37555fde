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

from gaoyou_portal import demo_clock
from gaoyou_portal.reporting import ReportingCalendar, add_months, month_start
from leaders.choices import LinkKind
from leaders.demo import IN_CHARGE
from leaders.models import Leader, LeaderLink
from org.models import Unit

from .choices import DEFAULT_PUBLIC_FIELDS, BlockerStatus, MilestoneKind, ProjectLevel, ProjectStatus
from .demo_data import (
    BLOCKERS,
    BUILDING,
    CATEGORY,
    COPY,
    EVIDENCE,
    KINDS,
    LAGGARD,
    LAGGING,
    NARRATIVE,
    PERSONS,
    PREPARING,
    PROJECTS,
    SCENARIOS,
)
from .models import Blocker, Milestone, MonthlyPlan, MonthlyReport, Project

PER_SCALE = 60
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
        plan[pending] = this_month.replace(day=max(25, today.day))  # due this month, not yet past
    if pending is not None and plan[pending] < this_month and scenario != "overdue":
        # Not yet reached: the plan was moved to a later date (a new 时间表 agreed with the office).
        plan[pending] = add_months(this_month, rng.randint(2, 6)).replace(day=rng.randint(5, 25))
        for later in list(plan)[list(plan).index(pending) + 1:]:
            plan[later] = max(plan[later], plan[pending] + timedelta(days=120 * (list(plan).index(later)
                                                                                - list(plan).index(pending))))
    return {kind: (plan[kind], actual.get(kind)) for kind in plan}, scenario


def _phases(category, name):
    """The building phases of a project of this kind (by what its name says it builds), in their order."""
    return next((phases for words, phases in KINDS if any(word in name for word in words)), BUILDING[category])


def _step(phases, month, first, last):
    """The phase reached in ``month`` of the span ``first``..``last`` (in order, never going back)."""
    span = max(1, (last.year - first.year) * 12 + last.month - first.month + 1)
    done = (month.year - first.year) * 12 + month.month - first.month
    return phases[max(0, min(len(phases) - 1, done * len(phases) // span))]


def _work(category, name, month, signing, started, finish):
    """What a project did in ``month``: preparation from signing to the start, then its building phases."""
    if month < month_start(started):
        return _step(PREPARING, month, month_start(signing), add_months(month_start(started), -1))
    return _step(_phases(category, name), month, month_start(started), month_start(finish))


def _date_rows(by_code, reports, milestone_rows, today):
    """Each row dated when it happened, its history rows too: a project on its signing day, a milestone on
    the day it was reached (planned ones with the signing), a month's plan at the start of its year (or the
    signing), a report when it was filed (``_history_date``, set before the bulk insert)."""
    moment = demo_clock.day_moment
    signed = {p.pk: moment(p.signing_date, key=p.code) for p in by_code.values()}
    demo_clock.restamp(Project, signed, fields=["created_at", "updated_at"])
    reached = {code: {kind: actual or planned for kind, (planned, actual) in milestones.items()}
               for code, milestones in milestone_rows}
    stones = {}
    for row in Milestone.objects.filter(project__in=list(by_code.values())).select_related("project"):
        day = reached[row.project.code][row.kind] if row.actual_date else row.project.signing_date
        stones[row.pk] = moment(min(day, today), key=f"{row.project.code}-{row.kind}")
    demo_clock.restamp(Milestone, stones, fields=[])
    plans = {}
    for pk, code, month, signing in MonthlyPlan.objects.filter(project__in=list(by_code.values())).values_list(
            "pk", "project__code", "month", "project__signing_date"):
        first = max(date(month.year, 1, 5), signing)
        plans[pk] = demo_clock.working_moment(first, first + timedelta(days=20), key=f"plan-{code}-{month.year}")
    demo_clock.restamp(MonthlyPlan, plans, fields=[])
    demo_clock.restamp(MonthlyReport, {r.pk: r._history_date for r in reports if r.pk},
                       fields=["submitted_at", "updated_at"])


def _owed_in_longqiu(k, scenario):
    """The demo reporter's town (龙虬镇) always has something to do on "本月": a milestone due this month (its
    duck-egg plant, which cannot be finished within the year, so a milestone is always pending)."""
    return "due" if k == 3 else scenario


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
        scenario = _owed_in_longqiu(k, scenario)
        signing = _signing(k, today.year, rng)
        if signing > today - timedelta(days=14):  # early in the year: that signing round is still to come
            signing -= timedelta(days=365)
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
        # The office has published the provincial and Yangzhou-level projects (the default public fields),
        # and shows the total investment of the provincial ones as well.
        project.is_public = level != ProjectLevel.CITY
        if level == ProjectLevel.PROVINCIAL:
            project.public_fields = [*DEFAULT_PUBLIC_FIELDS, "category", "total_investment"]
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
        for m in months:
            work = _work(category, PROJECTS[k][1], m, signing, started, finish)
            if m.year == today.year:
                plan_rows.append((code, m, amounts[m], f"{m.month}月：{work}"))
            if m < history_start or m > reported_until:
                continue
            if scenario == "missing" and m == last_due:
                continue
            if m.year == today.year:
                factor = (ratio or rng.uniform(0.96, 1.08)) * rng.uniform(0.95, 1.05)
            else:
                factor = rng.uniform(0.55, 0.75) if behind_before else rng.uniform(0.88, 1.1)
            report_rows.append((code, unit, m, _money(amounts[m] * Decimal(factor)), work, factor < 0.8, rng))
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
    calendar = ReportingCalendar(deadline_day=5)
    for code, unit, month, amount, workload, lagging, rng in report_rows:
        text = rng.choice(LAGGING) if lagging else rng.choice(NARRATIVE)
        report = MonthlyReport(
            project=by_code[code], month=month, investment=amount, workload=workload,
            narrative=text.format(workers=rng.randint(40, 320), machines=rng.randint(3, 25), amount=amount,
                                  days=rng.randint(3, 9)),
            submitted_by=reporters.get("reporter" if unit.code == "longqiu" else f"reporter-{unit.code}"),
        )
        # Filed from the month's last days to its deadline (the 5th), at working hours, by its reporter.
        report._history_user = report.submitted_by
        report._history_date = demo_clock.working_moment(calendar.opens(month), calendar.deadline(month),
                                                         key=f"{code}-{month}")
        reports.append(report)
    bulk_create_with_history(reports, MonthlyReport, batch_size=1000)
    _date_rows(by_code, reports, milestone_rows, today)
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
            link = LeaderLink(leader=leader, kind=LinkKind.PROJECT, content_type=ct, object_id=project.pk,
                              started_on=started)
            link._history_date = demo_clock.day_moment(started, key=f"link-{project.code}-{leader.pk}")
            links.append(link)
        if linked and (index % 6 == 2 or project.level == ProjectLevel.PROVINCIAL and index % 3 == 1):
            rng = random.Random(f"blocker-{project.code}")
            title, description, resolution = BLOCKERS[(index * 5 + rng.randint(0, 3)) % len(BLOCKERS)]
            resolved = index % 4 == 0
            blockers.append(blocker := Blocker(
                project=project, title=title, description=description, assigned_leader=linked[-1],
                deadline=today + timedelta(days=-rng.randint(5, 40) if resolved else rng.randint(-12, 30)),
                status=BlockerStatus.RESOLVED if resolved else BlockerStatus.OPEN,
                raised_at=demo_clock.day_moment(today - timedelta(days=rng.randint(62, 90) if resolved
                                                                  else rng.randint(2, 45)), key=f"raised-{index}"),
                resolution=resolution if resolved else "",
                resolved_at=demo_clock.day_moment(today - timedelta(days=rng.randint(3, 60)), key=f"solved-{index}")
                if resolved else None,
            ))
            blocker._history_date = blocker.resolved_at or blocker.raised_at
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
