"""The office may assess units in the sprint race by their on-time reporting rate (the ledger's registry metric):
the indicator is offered in the scheme, and a scheme using it ranks the units by their rate."""

from datetime import date
from decimal import Decimal

import pytest

from projects.sprint import services
from projects.sprint.choices import Derivation
from projects.sprint.forms import IndicatorRowForm
from projects.sprint.models import AnnualTarget, Indicator, SprintScore
from reporting import metrics
from tests.projects.factories import ProjectFactory
from tests.reporting.conftest import at, filed
from tests.sprint.factories import SchemeFactory

pytestmark = [pytest.mark.django_db, pytest.mark.clock("2026-12-07T10:00")]

JAN, FEB, MAR = date(2026, 1, 1), date(2026, 2, 1), date(2026, 3, 1)


def test_the_scheme_offers_the_on_time_rate_as_an_indicator():
    choices = dict(IndicatorRowForm().fields["derivation"].choices)
    assert choices[Derivation.REPORTING_ON_TIME_RATE] == "按时报送率（报送台账，%）"


@pytest.fixture
def first_quarter(units):
    """Q1 2026's reports: the town all on time (3/3), the park two (2/3, March late), the other town one (1/3:
    February late, March never filed)."""
    town, park, other = (ProjectFactory(responsible_unit=u, signing_date=date(2026, 1, 10))
                         for u in (units.town, units.park, units.other_town))
    for month, when in ((JAN, at(2026, 2, 3, 9)), (FEB, at(2026, 3, 4, 9)), (MAR, at(2026, 4, 3, 9))):
        filed(town, month, when)
    filed(park, JAN, at(2026, 2, 5, 18)), filed(park, FEB, at(2026, 3, 2, 9)), filed(park, MAR, at(2026, 4, 9, 9))
    filed(other, JAN, at(2026, 2, 1, 9)), filed(other, FEB, at(2026, 3, 20, 9))


def test_each_units_rate_is_the_ledgers(first_quarter, units):
    rates = metrics.on_time_rate_by_unit(year=2026, deadline=date(2026, 3, 31))
    assert {k: rates[k.pk] for k in (units.town, units.park, units.other_town)} == {
        units.town: Decimal("100.0"), units.park: Decimal("66.7"), units.other_town: Decimal("33.3")}


def test_a_scheme_using_the_rate_ranks_the_units_by_it(first_quarter, units):
    scheme = SchemeFactory(year=2026, town_red_flags=1, town_yellow_flags=1)
    rate = Indicator.objects.create(scheme=scheme, code="on_time", name="按时报送率", weight=100, measure="%",
                                    derivation=Derivation.REPORTING_ON_TIME_RATE)
    for unit in (units.town, units.park, units.other_town):
        AnnualTarget.objects.create(indicator=rate, unit=unit, target=Decimal(90))
    services.race_score(year=2026, quarter=1, today=date(2026, 11, 28))
    scores = {s.unit: s for s in SprintScore.objects.select_related("unit")}
    assert [s.unit for s in sorted(scores.values(), key=lambda s: s.position)] == [
        units.town, units.park, units.other_town]
    town, park = scores[units.town].breakdown[0], scores[units.park].breakdown[0]
    # A rate is not spread over the quarters: 90% is due in Q1 as in Q4 (a total would owe 30% of it by Q1).
    assert town["target"] == "90.00" and town["actual"] == "100.00" and town["points"] == "111.11"
    assert park["actual"] == "66.70" and park["points"] == "74.11"
    assert scores[units.town].flag == "red" and scores[units.other_town].flag == "yellow"
