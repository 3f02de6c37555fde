"""不得评优 reaches the cadres: a leading cadre of a unit with a confirmed "no awards" case gets no
incentive that year (or the next, when the year's honours are given) unless the organisation
department records why; the citation names the case. Cadres learn of the bar through the registry."""

from datetime import date

import pytest
from django.urls import reverse

from cadres import services
from cadres.choices import IncentiveKind
from cadres.models import Incentive
from gaoyou_portal.errors import DomainError
from projects.sprint import services as sprint_services
from projects.sprint.models import ConsequenceCase
from tests.sprint.consequence_helpers import decided

from .factories import CadreFactory

pytestmark = pytest.mark.django_db


def _data(**extra):
    return {"kind": IncentiveKind.values[0], "reason": "冲刺赛表现突出", "granted_on": date(2026, 3, 1),
            "issuing_body": "中共高邮市委", **extra}


@pytest.fixture
def barred(units, users):
    case = ConsequenceCase.objects.create(unit=units.town, year=2025, kind="no_awards", evidence="后2位")
    return sprint_services.case_confirm(case=case, user=users.office, reason="不得评优")


def test_a_leading_cadre_of_a_barred_unit_is_refused_an_incentive_with_the_citation(units, users, barred):
    cadre = CadreFactory(unit=units.town, is_leading=True)
    with pytest.raises(DomainError) as error:
        services.record_create(model=Incentive, cadre=cadre, user=users.orgdept, data=_data())
    assert error.value.message_dict["bar_override_reason"] == [
        f"测试甲镇 2025年度已确认“不得评优”（{decided(barred)}决定），该单位领导干部不能获得激励。"
        "组织部确需激励的，请填写破例理由。"]
    assert not Incentive.objects.exists()


def test_the_bar_spares_other_cadres_other_units_and_later_years(units, users, barred):
    services.record_create(model=Incentive, cadre=CadreFactory(unit=units.town, is_leading=False),
                           user=users.orgdept, data=_data())
    services.record_create(model=Incentive, cadre=CadreFactory(unit=units.other_town, is_leading=True),
                           user=users.orgdept, data=_data())
    services.record_create(model=Incentive, cadre=CadreFactory(unit=units.town, is_leading=True),
                           user=users.orgdept, data=_data(granted_on=date(2027, 3, 1)))
    assert Incentive.objects.count() == 3


def test_the_organisation_department_overrides_with_a_recorded_reason(units, users, barred):
    cadre = CadreFactory(unit=units.town, is_leading=True)
    incentive = services.record_create(model=Incentive, cadre=cadre, user=users.orgdept,
                                       data=_data(bar_override_reason="  牵头完成防汛抢险任务，部务会研究同意  "))
    incentive.refresh_from_db()
    assert incentive.bar_override_reason == "牵头完成防汛抢险任务，部务会研究同意"
    entry = incentive.history.first()
    assert entry.history_user == users.orgdept
    assert entry.history_change_reason == (
        f"不得评优期间破例激励（测试甲镇 2025年度已确认“不得评优”（{decided(barred)}决定））："
        "牵头完成防汛抢险任务，部务会研究同意")


def test_correcting_an_incentive_into_the_barred_year_is_refused(units, users, barred):
    cadre = CadreFactory(unit=units.town, is_leading=True)
    incentive = services.record_create(model=Incentive, cadre=cadre, user=users.orgdept,
                                       data=_data(granted_on=date(2027, 3, 1)))
    with pytest.raises(DomainError):
        services.record_correct(record=incentive, data={"granted_on": date(2026, 2, 1)}, user=users.orgdept,
                                reason="日期更正")
    incentive.refresh_from_db()
    assert incentive.granted_on == date(2027, 3, 1)


def test_the_department_sees_the_refusal_on_the_form_and_nothing_is_saved(client, units, users, barred):
    cadre = CadreFactory(unit=units.town, is_leading=True)
    client.force_login(users.orgdept)
    url = reverse("cadres:record_create", args=[cadre.pk, "incentive"])
    response = client.post(url, {**_data(granted_on="2026-03-01")})
    assert response.status_code == 200
    assert f"（{decided(barred)}决定），该单位领导干部不能获得激励" in response.content.decode()
    assert not Incentive.objects.exists()
    response = client.post(url, {**_data(granted_on="2026-03-01"), "bar_override_reason": "部务会研究同意"})
    assert response.status_code == 302
    assert Incentive.objects.get().bar_override_reason == "部务会研究同意"
