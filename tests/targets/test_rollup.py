"""The roll-up rule of a target (sum of the months, latest value, cumulative to date): it makes the year's value
that pace and status judge, the month-by-month trend and the per-unit split; a rule that does not fit the kind
is refused with a Chinese message and nothing is saved."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from targets import selectors, services
from targets.choices import Aggregation, Direction, TargetKind
from targets.models import MonthlyValue, Target

WORDS = {"definition": "本年累计签约入住户数", "data_source": "各镇按月填报"}


def _values(target, unit, amounts, year):
    for month, amount in enumerate(amounts, 1):
        MonthlyValue.objects.create(target=target, unit=unit, month=date(year, month, 1), value=amount)


@pytest.mark.parametrize(("rule", "year_value"), [(Aggregation.SUM, 75), (Aggregation.LATEST, 40),
                                                  (Aggregation.CUMULATIVE, 40)])
def test_the_rule_makes_the_years_value_the_trend_and_the_split(make_target, units, year, rule, year_value):
    target = make_target(figure=Decimal(100), aggregation=rule)
    _values(target, units.dept, [10, 25, 40], year)
    today = date(year, 4, 10)
    row = selectors.evaluate_targets([target], today=today)[0]
    assert row.evaluation.actual == year_value
    assert row.evaluation.percent == year_value  # of 100: the share pace and status judge
    trend = {m.month: actual for m, actual, _e in selectors.trend(target, today=today)}
    assert (trend[1], trend[3]) == ((10, 75) if rule == Aggregation.SUM else (10, 40))
    assert [r["actual"] for r in selectors.unit_split(target, today=today)] == [year_value]
    counted = selectors.counted_records(target, None, today=today)
    assert sum(Decimal(r["value"]) for r in counted) == year_value


def test_a_cumulative_figure_cannot_go_down(make_target, units, users, year):
    target = make_target(figure=Decimal(100), aggregation=Aggregation.CUMULATIVE)
    _values(target, units.dept, [10, 25], year)
    with pytest.raises(ValidationError) as exc:
        services._check_cumulative(target, units.dept, date(year, 3, 1), Decimal(20))
    assert exc.value.message_dict["value"] == [f"累计数不能减少：{year}年2月已是 25。"]
    services._check_cumulative(target, units.dept, date(year, 3, 1), Decimal(25))  # level is fine


@pytest.mark.parametrize(("kind", "direction", "rule"), [
    (TargetKind.DERIVED, Direction.AT_LEAST, Aggregation.SUM),
    (TargetKind.MILESTONE, Direction.AT_LEAST, Aggregation.LATEST),
    (TargetKind.ZERO, Direction.ZERO, Aggregation.CUMULATIVE),
    (TargetKind.REPORTED, Direction.AT_MOST, Aggregation.SUM),
])
def test_a_rule_that_does_not_fit_the_kind_is_refused(plan, section, units, users, kind, direction, rule):
    target = Target(plan=plan, section=section, code="X9", title="规则不符", kind=kind, direction=direction,
                    figure=0 if kind == TargetKind.ZERO else 3, measure="个", aggregation=rule,
                    metric="projects.provincial_started" if kind == TargetKind.DERIVED else "",
                    deadline=date(plan.year, 12, 31), lead_unit=units.dept, **WORDS)
    with pytest.raises(ValidationError) as exc:
        services.target_save(target=target, user=users.office)
    [message] = exc.value.message_dict["aggregation"]
    assert message.startswith(f"“{Aggregation(rule).label}”不适用于") and "请选用" in message
    assert not Target.objects.filter(code="X9").exists()
