"""The leaders' demo: roles, links with start dates and some history, enterprise links on enterprise records
shared with the chemical-firm ledger, and a problem waiting on the demo leader (周建华, user ``leader``)."""

import pytest
from django.db.models import Count

from leaders import demo as leaders_demo
from leaders.choices import LinkKind
from leaders.models import Enterprise, Leader, LeaderLink
from org import demo as org_demo
from projects import demo as projects_demo
from projects.choices import BlockerStatus
from projects.models import Blocker
from safety import demo as safety_demo
from safety.models import ChemicalFirm

# The demo as seeded on 7 December 2026, the day these figures were written for (tests/portal/test_demo_in_time.py
# seeds it on other days of the year).
pytestmark = [pytest.mark.django_db, pytest.mark.clock("2026-12-07T10:00")]


def test_the_demo_leaders_links_enterprises_and_waiting_problems():
    org_demo.seed()
    leaders_demo.seed()
    projects_demo.seed()
    safety_demo.seed()

    leaders = Leader.objects.all()
    assert leaders.count() == 13
    assert dict(leaders.values_list("name", "role"))["周建华"] == "mayor"
    assert set(leaders.values_list("role", flat=True)) >= {"secretary", "mayor", "deputy_secretary",
                                                           "executive_vice_mayor", "standing_committee", "vice_mayor"}
    for leader in leaders:
        kinds = set(leader.links.active().values_list("kind", flat=True))
        assert kinds == {"unit", "project", "industry", "enterprise"}, leader
    assert LeaderLink.objects.filter(ended_on__isnull=False).count() == 2
    # Every enterprise link names an enterprise record with a valid credit code; some are chemical firms too.
    enterprise_links = LeaderLink.objects.filter(kind=LinkKind.ENTERPRISE)
    assert not enterprise_links.filter(enterprise__isnull=True).exists()
    linked = Enterprise.objects.filter(pk__in=enterprise_links.values("enterprise"))
    assert not linked.filter(credit_code__isnull=True).exists()
    shared = ChemicalFirm.objects.filter(enterprise__in=enterprise_links.values("enterprise"))
    assert shared.count() >= 10
    assert all(firm.credit_code == firm.enterprise.credit_code for firm in shared.select_related("enterprise"))
    assert ChemicalFirm.objects.filter(enterprise__isnull=True).count() == 0
    # The demo leader has open problems waiting, raised on different days.
    zhou = Leader.objects.get(name=org_demo.DEMO_LEADER)
    waiting = Blocker.objects.filter(assigned_leader=zhou, status=BlockerStatus.OPEN)
    assert waiting.exists()
    assert Blocker.objects.values("raised_at__date").annotate(n=Count("id")).count() >= 5

    counts = (Enterprise.objects.count(), LeaderLink.objects.count())
    org_demo.seed()
    leaders_demo.seed()
    safety_demo.seed()
    assert (Enterprise.objects.count(), LeaderLink.objects.count()) == counts
