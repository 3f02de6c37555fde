"""Pace and status at their boundaries, for every kind of target."""

from datetime import date
from decimal import Decimal
from types import SimpleNamespace

import pytest

from targets import pace
from targets.choices import Direction, Pace, Status, TargetKind

CONFIG = SimpleNamespace(behind_points=Decimal(10), at_risk_points=Decimal(25), at_risk_days=30)
Y = 2026


def target(**kw):
    base = {"kind": TargetKind.REPORTED, "figure": Decimal(100), "measure": "万元", "direction": Direction.AT_LEAST,
            "deadline": date(Y, 12, 31), "pace": Pace.LINEAR, "q1_share": Decimal(10), "q2_share": Decimal(60),
            "q3_share": Decimal(80)}
    base.update(kw)
    return SimpleNamespace(**base)


def stage(name, planned, reached=None):
    return SimpleNamespace(name=name, planned_date=planned, reached_on=reached)


# --- expected share ------------------------------------------
def test_straight_line_is_zero_on_1_january_and_whole_at_the_deadline():
    t = target(deadline=date(Y, 6, 30))
    assert pace.expected_share(t, date(Y, 1, 1)) == 0
    assert pace.expected_share(t, date(Y, 6, 30)) == 1
    assert pace.expected_share(t, date(Y, 7, 1)) == 1
    half = pace.expected_share(t, date(Y, 3, 31))
    assert Decimal("0.49") < half < Decimal("0.51")


def test_quarter_shares_hit_each_quarter_end_exactly():
    t = target(pace=Pace.QUARTERS)
    assert pace.expected_share(t, date(Y, 3, 31)) == Decimal("0.1")
    assert pace.expected_share(t, date(Y, 6, 30)) == Decimal("0.6")
    assert pace.expected_share(t, date(Y, 9, 30)) == Decimal("0.8")
    assert pace.expected_share(t, date(Y, 12, 31)) == 1


def test_milestone_dates_give_the_share_of_stages_planned_by_the_day():
    t = target(kind=TargetKind.MILESTONE, pace=Pace.MILESTONES)
    stages = [stage("立项", date(Y, 3, 31)), stage("开工", date(Y, 6, 30)), stage("建成", date(Y, 12, 31))]
    assert pace.expected_share(t, date(Y, 3, 30), stages=stages) == 0
    assert pace.expected_share(t, date(Y, 3, 31), stages=stages) == Decimal(1) / 3


# --- at least ------------------------------------------
def at_least(actual, today, **kw):
    return pace.evaluate(target(pace=Pace.QUARTERS, **kw), today=today, config=CONFIG, actual=Decimal(actual))


def test_on_track_just_under_the_behind_threshold():
    ev = at_least("50.1", date(Y, 6, 30))  # 60 due, 50.1 done: 9.9 points behind
    assert ev.status == Status.ON_TRACK
    assert ev.reason == "落后序时 9.9%"


def test_behind_at_exactly_the_behind_threshold():
    ev = at_least(50, date(Y, 6, 30))
    assert ev.status == Status.BEHIND
    assert ev.reason == "落后序时 10%"


def test_behind_just_under_the_at_risk_threshold_and_at_risk_at_it():
    assert at_least("35.1", date(Y, 6, 30)).status == Status.BEHIND
    ev = at_least(35, date(Y, 6, 30))
    assert ev.status == Status.AT_RISK
    assert ev.reason == "落后序时 25%"


def test_done_as_soon_as_the_figure_is_reached_even_before_the_deadline():
    assert at_least(100, date(Y, 2, 1)).status == Status.DONE
    assert at_least("99.99", date(Y, 12, 31)).status != Status.DONE


def test_missed_the_day_after_the_deadline_not_on_it():
    t = target(deadline=date(Y, 6, 30), figure=Decimal(3), measure="个")
    on_the_day = pace.evaluate(t, today=date(Y, 6, 30), config=CONFIG, actual=Decimal(2))
    after = pace.evaluate(t, today=date(Y, 7, 1), config=CONFIG, actual=Decimal(2))
    assert on_the_day.status == Status.AT_RISK
    assert after.status == Status.MISSED
    assert after.reason == "截止 6月30日 已过：完成 2/3个"


# --- at most ------------------------------------------
def test_a_rank_at_the_figure_is_on_track_and_above_it_at_risk_then_missed():
    t = target(direction=Direction.AT_MOST, figure=Decimal(3), measure="名次")
    assert pace.evaluate(t, today=date(Y, 6, 1), config=CONFIG, actual=Decimal(3)).status == Status.ON_TRACK
    assert pace.evaluate(t, today=date(Y, 12, 31), config=CONFIG, actual=Decimal(3)).status == Status.DONE
    assert pace.evaluate(t, today=date(Y, 6, 1), config=CONFIG, actual=Decimal(4)).status == Status.AT_RISK
    assert pace.evaluate(t, today=date(Y + 1, 1, 1), config=CONFIG, actual=Decimal(4)).status == Status.MISSED
    assert pace.evaluate(t, today=date(Y, 6, 1), config=CONFIG, actual=None).status == Status.ON_TRACK


# --- zero ------------------------------------------
def test_zero_target_missed_at_the_first_incident_and_done_only_after_the_deadline():
    t = target(kind=TargetKind.ZERO, direction=Direction.ZERO, figure=Decimal(0))
    assert pace.evaluate(t, today=date(Y, 12, 31), config=CONFIG, incidents=0).status == Status.ON_TRACK
    assert pace.evaluate(t, today=date(Y + 1, 1, 1), config=CONFIG, incidents=0).status == Status.DONE
    ev = pace.evaluate(t, today=date(Y, 3, 1), config=CONFIG, incidents=1)
    assert ev.status == Status.MISSED
    assert ev.reason == "发生 1 起事件"


# --- milestones ------------------------------------------
@pytest.mark.parametrize(("today", "status"), [
    (date(Y, 6, 30), Status.ON_TRACK),   # the day itself: not yet passed
    (date(Y, 7, 1), Status.BEHIND),      # passed by one day
    (date(Y, 7, 30), Status.BEHIND),     # 30 days late: still behind
    (date(Y, 7, 31), Status.AT_RISK),    # 31 days late: at risk
])
def test_a_stage_date_passed_unreached_is_behind_then_at_risk(today, status):
    t = target(kind=TargetKind.MILESTONE, pace=Pace.MILESTONES, figure=Decimal(2))
    stages = [stage("立项", date(Y, 3, 31), date(Y, 3, 20)), stage("开工", date(Y, 6, 30))]
    ev = pace.evaluate(t, today=today, config=CONFIG, stages=stages)
    assert ev.status == status
    if status != Status.ON_TRACK:
        assert ev.reason == "开工节点 6月30日 已过"


def test_milestone_done_when_every_stage_is_reached_and_missed_after_the_deadline_otherwise():
    t = target(kind=TargetKind.MILESTONE, pace=Pace.MILESTONES, figure=Decimal(1))
    done = [stage("建成", date(Y, 12, 31), date(Y, 11, 1))]
    assert pace.evaluate(t, today=date(Y, 11, 2), config=CONFIG, stages=done).status == Status.DONE
    open_ = [stage("建成", date(Y, 12, 31))]
    assert pace.evaluate(t, today=date(Y + 1, 1, 1), config=CONFIG, stages=open_).status == Status.MISSED
