"""A target's monthly value prefilled from the unit's quota on pace; the reminder's link to the value's form."""

from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine

from targets import selectors
from targets.choices import Aggregation
from targets.models import MonthlyValue

pytestmark = [pytest.mark.django_db, pytest.mark.date_dependent]

NOV_26 = datetime(2026, 11, 26, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai"))  # November's values open


@pytest.fixture
def year():
    return 2026


def test_a_summed_quota_is_prefilled_with_the_share_due_within_the_month(households, units):
    # 400 households on a straight line over 2026: November carries 30 of the year's 364 days.
    assert selectors.value_prefill(households, units.town, date(2026, 11, 1)) == Decimal("32.97")


def test_a_level_is_prefilled_with_the_share_due_by_the_months_end(households, units):
    households.aggregation = Aggregation.LATEST
    households.save()
    assert selectors.value_prefill(households, units.other_town, date(2026, 6, 1)) == Decimal("98.90")  # 200×180/364


@time_machine.travel(NOV_26, tick=False)
def test_the_link_names_the_unit_and_month_and_the_form_is_prefilled(client, users, units, households):
    client.force_login(users.reporter)
    body = client.get(selectors.value_form_url(households, units.town.pk, date(2026, 11, 1))).content.decode()
    assert 'name="value" value="32.97"' in body
    assert f'<option value="{units.town.pk}" selected>' in body


@time_machine.travel(NOV_26, tick=False)
def test_a_link_to_another_units_value_answers_404(client, users, units, households):
    client.force_login(users.other_reporter)
    assert client.get(selectors.value_form_url(households, units.town.pk, date(2026, 11, 1))).status_code == 404


@time_machine.travel(NOV_26, tick=False)
def test_a_link_to_a_value_already_entered_shows_it_as_reported(client, users, units, households):
    MonthlyValue.objects.create(target=households, unit=units.town, month=date(2026, 11, 1), value=Decimal(30))
    client.force_login(users.reporter)
    body = client.get(selectors.value_form_url(households, units.town.pk, date(2026, 11, 1))).content.decode()
    assert "已报送" in body and 'name="value"' not in body
