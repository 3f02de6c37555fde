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
from .demo_data import (
    CATEGORY,
    DEADLINE_MONTHS,
    DEFAULT_NEXT,
    DEFAULT_REASON,
    LAST_YEAR,
    NEXT_STEPS,
    PROGRESS,
    REASONS,
    THIS_YEAR,
)
from .models import LivelihoodTask


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
    # Every month or two this year; a past year's tasks keep their mid-year and late updates (older years one).
    most = 4 if task.year == today.year else 2 if task.year == today.year - 1 else 1
    steps = max(1, min(most, (end - start).days // 55))
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
