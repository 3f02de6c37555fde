"""seed_demo's plan: every figure of the article, all four kinds, the 600 households split, some behind."""

from decimal import Decimal

import pytest
from django.db.models import Sum

from leaders import demo as leaders_demo
from org import demo as org_demo
from targets import demo
from targets.choices import Status, TargetKind
from targets.models import Plan, Quota
from targets.selectors import evaluate_targets


@pytest.mark.clock("2026-12-07T10:00")  # the demo as seeded on the day these figures were written for
def test_the_demo_plan_holds_the_articles_figures(db):
    org_demo.seed()
    leaders_demo.seed()
    demo.seed()
    plan = Plan.objects.get()
    targets = list(plan.targets.select_related("plan"))
    assert len(targets) >= 30
    assert {t.kind for t in targets} == set(TargetKind.values)
    households = plan.targets.get(code="B12")
    assert households.figure == 600
    assert Quota.objects.filter(target=households).aggregate(s=Sum("figure"))["s"] == Decimal(600)
    assert Quota.objects.filter(target=households).count() == 13
    safety = ("L06", "L07", "L08", "L09", "L10", "L11")
    assert {t.figure for t in targets if t.code in safety} == {34, 7, 1, 15, 161, 87}
    assert plan.targets.filter(is_confidential=True, is_public=True).count() == 0
    statuses = {row.evaluation.status for row in evaluate_targets(targets)}
    assert Status.ON_TRACK in statuses and statuses & {Status.BEHIND, Status.AT_RISK}
    demo.seed()  # idempotent
    assert Plan.objects.count() == 1 and plan.targets.count() == len(targets)
