"""The plan's demo dated when it happened (runs after ``targets.demo``): the plan, its targets and quotas
adopted in January, each month's value entered between the month's opening day and its deadline, a stage
reached and an incident reported on their own days. Only rows the demo wrote (their history says 演示数据)
are touched, so real entries keep their times; a rerun gives the same moments."""

import datetime

from django.utils import timezone

from gaoyou_portal import demo_clock

from .models import Incident, MonthlyValue, Plan, Quota, Section, Stage, Target, TargetSettings

DEMO = "演示数据"


def _demo_rows(model, **filters):
    """Rows of ``model`` whose creation the demo recorded."""
    ids = model.history.filter(history_type="+", history_change_reason=DEMO).values_list("id", flat=True)
    return model.objects.filter(pk__in=list(ids), **filters)


def adopted(year):
    """When the office adopted ``year``'s plan: a working moment of 6–16 January."""
    return demo_clock.working_moment(datetime.date(year, 1, 6), datetime.date(year, 1, 16), key=f"plan-{year}")


def date_plan(plan):
    """Date the demo's rows of ``plan`` (and their history rows) when they happened; returns how many monthly
    values were (re)dated (0 on a rerun: they are dated already)."""
    moment = adopted(plan.year)
    if Plan.objects.filter(pk=plan.pk).exclude(created_at=moment).exists():  # a rerun finds it dated
        for model, rows, fields in (
                (Plan, Plan.objects.filter(pk=plan.pk), ["created_at"]),
                (Section, Section.objects.filter(plan=plan), []),
                (Target, _demo_rows(Target, plan=plan), ["created_at", "updated_at"]),
                (Quota, Quota.objects.filter(target__plan=plan), [])):
            demo_clock.restamp(model, {pk: moment for pk in rows.values_list("pk", flat=True)}, fields=fields)
    calendar = TargetSettings.load().calendar
    values = {}
    for pk, target_id, unit_id, month, entered in _demo_rows(MonthlyValue, target__plan=plan).values_list(
            "pk", "target_id", "unit_id", "month", "entered_at"):
        moment = demo_clock.working_moment(calendar.opens(month), calendar.deadline(month),
                                           key=f"value-{target_id}-{unit_id}-{month}")
        if entered != moment:  # a rerun finds them dated already
            values[pk] = moment
    if not values:
        return 0
    demo_clock.restamp(MonthlyValue, values, fields=["entered_at", "updated_at"])
    stages = {pk: demo_clock.day_moment(day, key=f"stage-{pk}") for pk, day in Stage.objects.filter(
        target__in=_demo_rows(Target, plan=plan), reached_on__isnull=False).values_list("pk", "reached_on")}
    demo_clock.restamp(Stage, stages, fields=[])
    reported = Incident.objects.filter(target__in=_demo_rows(Target, plan=plan)).values_list("pk", "occurred_on")
    incidents = {pk: demo_clock.day_moment(day + datetime.timedelta(days=1), key=f"incident-{pk}")
                 for pk, day in reported}
    demo_clock.restamp(Incident, {pk: min(moment, demo_clock.real_now()) for pk, moment in incidents.items()},
                       fields=[])
    return len(values)


def seed(*, scale=1, stdout=None):
    today = timezone.localdate(demo_clock.real_now())
    plan = Plan.objects.filter(year=today.year).first()
    if plan is None or not _demo_rows(Target, plan=plan).exists():
        return  # no plan, or a plan of real data: nothing of the demo's to date
    dated = date_plan(plan)
    if stdout:
        stdout.write(f"targets: {dated} monthly values dated in their reporting window" if dated
                     else "targets: the plan's demo values are dated already")
