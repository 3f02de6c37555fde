from datetime import date
from decimal import Decimal

import pytest
from django.utils import timezone

from leaders.models import Leader
from targets.choices import Aggregation, Direction, Pace, TargetKind
from targets.models import Plan, Quota, Section, Stage, Target


@pytest.fixture
def year():
    return timezone.localdate().year


@pytest.fixture
def plan(db, year):
    return Plan.objects.create(year=year, title=f"{year}年目标任务")


@pytest.fixture
def section(plan):
    return Section.objects.create(plan=plan, order=1, title="聚焦经济发展")


@pytest.fixture
def make_target(plan, section, units, users):
    counter = {"n": 0}

    def make(**kwargs):
        counter["n"] += 1
        kind = kwargs.pop("kind", TargetKind.REPORTED)
        defaults = {
            "plan": plan, "section": section, "code": f"T{counter['n']:03d}", "title": f"测试目标{counter['n']}",
            "kind": kind, "figure": Decimal("100"), "measure": "户",
            "direction": Direction.ZERO if kind == TargetKind.ZERO else Direction.AT_LEAST,
            "deadline": date(plan.year, 12, 31), "lead_unit": units.dept,
            "responsible_leader": Leader.objects.get(user=users.leader),
            "pace": Pace.MILESTONES if kind == TargetKind.MILESTONE else Pace.LINEAR,
            "aggregation": Aggregation.SUM,
        }
        if kind == TargetKind.ZERO:
            defaults["figure"] = Decimal(0)
        defaults.update(kwargs)
        return Target.objects.create(**defaults)

    return make


@pytest.fixture
def households(make_target, units):
    """600 households split across two towns (400 + 200), each reporting its part."""
    target = make_target(code="B12", title="600户零散农户集中居住", figure=Decimal(600))
    Quota.objects.create(target=target, unit=units.town, figure=Decimal(400))
    Quota.objects.create(target=target, unit=units.other_town, figure=Decimal(200))
    return target


@pytest.fixture
def works(make_target, plan):
    target = make_target(kind=TargetKind.MILESTONE, code="B04", title="平津堰保护工程", figure=Decimal(3), measure="项")
    for order, (name, month) in enumerate((("立项", 3), ("开工", 6), ("建成开放", 12))):
        planned = date(plan.year, month, 30 if month != 12 else 31)
        Stage.objects.create(target=target, order=order, name=name, planned_date=planned)
    return target
