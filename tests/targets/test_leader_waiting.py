"""A leader's waiting list counts a lagging target's real days: from the day its lag began by the plan's dated
records (the day after a missed deadline, the first incident, the day after an overdue stage's date, the first
day a figure fell behind pace), not from the 1st of the month."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.utils import translation

from leaders.models import Leader
from targets import lagging, pace, selectors
from targets.choices import Aggregation, TargetKind
from targets.models import Incident, MonthlyValue, Stage, TargetSettings

pytestmark = [pytest.mark.django_db, pytest.mark.clock("2026-12-07T10:00")]
TODAY = date(2026, 12, 7)


def _since_on_the_workspace(client, users):
    leader = Leader.objects.get(user=users.leader)
    client.force_login(users.leader)
    with translation.override("zh-hans"):
        return leader, client.get(f"/leaders/{leader.pk}/").content.decode()


def _first_behind_day(target, monthly, months):
    """The first day from which the target (``monthly`` a month for ``months`` months from January) stays
    ``behind_points`` or more behind its straight line: computed here from the pace rule itself."""
    config = TargetSettings.load()
    day, first = date(2026, 1, 1), None
    while day <= TODAY:
        actual = monthly * min(months, day.month)
        gap = pace.expected_share(target, day) * 100 - actual * 100 / target.figure
        lagging = gap >= config.behind_points
        first = (first or day) if lagging else None
        day += timedelta(days=1)
    return first


def test_each_lagging_target_waits_from_the_day_its_lag_began(client, users, units, make_target, plan):
    figures = make_target(code="E07", title="技术转移项目", figure=Decimal(120), measure="项",
                          aggregation=Aggregation.SUM)
    for month in range(1, 7):  # on pace to June, nothing since
        MonthlyValue.objects.create(target=figures, unit=units.dept, month=date(2026, month, 1), value=10)
    works = make_target(kind=TargetKind.MILESTONE, code="B09", title="农科区建设", figure=Decimal(2), measure="项")
    Stage.objects.create(target=works, order=0, name="开工", planned_date=date(2026, 3, 31),
                         reached_on=date(2026, 4, 12))  # late once, then reached: that lag is over
    Stage.objects.create(target=works, order=1, name="科研平台入驻", planned_date=date(2026, 9, 30))
    zero = make_target(kind=TargetKind.ZERO, code="L15", title="不发生越级上访事件", measure="起")
    Incident.objects.create(target=zero, occurred_on=date(2026, 9, 18), description="越级上访1起")
    half = make_target(code="E01", title="上半年任务", figure=Decimal(16), measure="个", deadline=date(2026, 6, 30))
    MonthlyValue.objects.create(target=half, unit=units.dept, month=date(2026, 6, 1), value=15)

    began = _first_behind_day(figures, Decimal(10), 6)
    assert date(2026, 7, 1) < began < date(2026, 9, 1)  # the straight line overtook June's 60 in the summer
    expected = {"E07": began, "B09": date(2026, 10, 1), "L15": date(2026, 9, 18), "E01": date(2026, 7, 1)}

    leader, page = _since_on_the_workspace(client, users)
    rows = selectors.board(user=users.office, plan=plan, mine={"leader": leader})["behind"]
    assert lagging.lagging_since(rows, today=TODAY) == {
        target.pk: expected[target.code] for target in (figures, works, zero, half)}
    waiting = page[page.index('data-testid="waiting"'):]
    for code, since in expected.items():
        assert f"自{since.isoformat()}起，已{(TODAY - since).days}天" in waiting, code
    assert f"自{TODAY.replace(day=1).isoformat()}起" not in waiting  # never the 1st of the month


def test_a_target_behind_only_since_this_month_waits_a_few_days(users, units, make_target, plan):
    """Evaluated day by day inside the month where the lag began: on pace at the last month's end, behind a few
    days later, it waits from that day (the same day the pace rule first calls it behind)."""
    target = make_target(code="E04", title="经济工作会议", figure=Decimal(1000), measure="次")
    MonthlyValue.objects.create(target=target, unit=units.dept, month=date(2026, 1, 1), value=Decimal(830))
    leader = Leader.objects.get(user=users.leader)
    rows = selectors.board(user=users.office, plan=plan, mine={"leader": leader})["behind"]
    since = lagging.lagging_since(rows, today=TODAY)[target.pk]
    assert since == _first_behind_day(target, Decimal(830), 1) == date(2026, 12, 6)
