"""Leaders' links (挂钩) kept by the office, and the enterprise records: every refusal says why in Chinese and
saves nothing; every write is in the history with its user."""

from datetime import date

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.utils import translation

from gaoyou_portal.credit_codes import make_credit_code
from leaders import services as services
from leaders.choices import LeaderRole, LinkKind
from leaders.models import Enterprise, Leader, LeaderLink
from projects.choices import ProjectStatus
from projects.models import Project
from tests.projects.factories import ProjectFactory

pytestmark = [pytest.mark.django_db, pytest.mark.date_dependent]


@pytest.fixture(autouse=True)
def _chinese():
    with translation.override("zh-hans"):
        yield


@pytest.fixture
def leader(users):
    return Leader.objects.get(user=users.leader)


@pytest.fixture
def enterprise(units):
    return Enterprise.objects.create(name="高邮测试光电有限公司", credit_code=make_credit_code(900001), town=units.town,
                                     industry="光电")


def _refusal(call):
    with pytest.raises(ValidationError) as info:
        call()
    return " ".join(info.value.messages)


# --- services --------------------------------------------------------------------------------------------------
def test_the_office_links_a_leader_to_each_kind_of_record_with_its_start_date(users, units, leader, enterprise):
    project = ProjectFactory(responsible_unit=units.town)
    day = date(2026, 3, 1)
    town = services.link_add(leader=leader, kind=LinkKind.UNIT, unit=units.town, started_on=day, user=users.office)
    linked_project = services.link_add(leader=leader, kind=LinkKind.PROJECT, project=project.pk, user=users.office)
    industry = services.link_add(leader=leader, kind=LinkKind.INDUSTRY, industry=" 光电 ", user=users.office)
    firm = services.link_add(leader=leader, kind=LinkKind.ENTERPRISE, enterprise=enterprise, user=users.admin)

    assert town.started_on == day and town.unit == units.town
    assert (linked_project.content_type, linked_project.object_id) == (ContentType.objects.get_for_model(Project),
                                                                      project.pk)
    assert industry.name == "光电"
    assert firm.enterprise == enterprise
    assert [link.target_name for link in leader.links.order_by("id")] == [
        units.town.name, str(project), "光电", enterprise.name]
    record = town.history.get()
    assert (record.history_user, record.history_change_reason) == (users.office, "新增挂钩")


def test_a_link_to_an_unknown_record_is_refused_and_nothing_saved(users, leader):
    assert _refusal(lambda: services.link_add(leader=leader, kind=LinkKind.UNIT, unit=999999, user=users.office)) == (
        "请选择一个存在的镇（街道）或园区。")
    assert _refusal(lambda: services.link_add(leader=leader, kind=LinkKind.PROJECT, project=999999,
                                              user=users.office)) == "请选择一个存在的项目。"
    assert _refusal(lambda: services.link_add(leader=leader, kind=LinkKind.ENTERPRISE, enterprise=999999,
                                              user=users.office)) == "请选择一个存在的企业。"
    assert _refusal(lambda: services.link_add(leader=leader, kind=LinkKind.INDUSTRY, industry="  ",
                                              user=users.office)) == "请填写产业名称。"
    assert not LeaderLink.objects.exists()


def test_a_link_to_an_ended_record_is_refused_and_nothing_saved(users, units, leader, enterprise):
    units.other_town.active = False
    units.other_town.save()
    finished = ProjectFactory(responsible_unit=units.town, name="已投产项目", status=ProjectStatus.IN_PRODUCTION)
    enterprise.active = False
    enterprise.save()

    assert _refusal(lambda: services.link_add(leader=leader, kind=LinkKind.UNIT, unit=units.other_town,
                                              user=users.office)) == "“测试乙镇”已停用，不能挂钩。"
    assert _refusal(lambda: services.link_add(leader=leader, kind=LinkKind.PROJECT, project=finished,
                                              user=users.office)) == f"“{finished}”已结束，不能挂钩。"
    assert _refusal(lambda: services.link_add(leader=leader, kind=LinkKind.ENTERPRISE, enterprise=enterprise,
                                              user=users.office)) == "“高邮测试光电有限公司”已不再经营，不能挂钩。"
    assert _refusal(lambda: services.link_add(leader=leader, kind=LinkKind.UNIT, unit=units.dept,
                                              user=users.office)) == "“测试局”不是镇（街道）或园区。"
    assert not LeaderLink.objects.exists()


def test_a_duplicate_active_link_is_refused_but_a_new_one_after_the_end_is_allowed(users, units, leader):
    first = services.link_add(leader=leader, kind=LinkKind.UNIT, unit=units.town, started_on=date(2025, 1, 1),
                              user=users.office)
    message = _refusal(lambda: services.link_add(leader=leader, kind=LinkKind.UNIT, unit=units.town,
                                                 user=users.office))
    assert message == "测试领导已挂钩测试甲镇（自2025-01-01起），请先结束该挂钩关系。"
    assert LeaderLink.objects.count() == 1

    services.link_end(link=first, ended_on=date(2025, 12, 31), user=users.office)
    again = services.link_add(leader=leader, kind=LinkKind.UNIT, unit=units.town, started_on=date(2026, 1, 1),
                              user=users.office)
    assert list(leader.links.order_by("id").values_list("pk", "ended_on")) == [
        (first.pk, date(2025, 12, 31)), (again.pk, None)]


def test_a_link_cannot_end_before_it_starts_and_ending_keeps_the_row(users, units, leader):
    link = services.link_add(leader=leader, kind=LinkKind.UNIT, unit=units.town, started_on=date(2026, 3, 1),
                             user=users.office)
    assert _refusal(lambda: services.link_end(link=link, ended_on=date(2026, 2, 28), user=users.office)) == (
        "挂钩结束日期不能早于开始日期（2026-03-01）。")
    link.refresh_from_db()
    assert link.ended_on is None

    services.link_end(link=link, ended_on=date(2026, 6, 30), user=users.office)
    link.refresh_from_db()
    assert link.ended_on == date(2026, 6, 30)
    assert _refusal(lambda: services.link_end(link=link, ended_on=date(2026, 7, 1), user=users.office)) == (
        "该挂钩关系已于2026-06-30结束。")
    latest = link.history.order_by("-history_id").first()
    assert (latest.history_user, latest.history_change_reason, latest.ended_on) == (
        users.office, "结束挂钩", date(2026, 6, 30))


@pytest.mark.parametrize("who", ["leader", "reporter", "safety", "orgdept"])
def test_only_the_office_keeps_links(users, units, leader, who):
    message = _refusal(lambda: services.link_add(leader=leader, kind=LinkKind.UNIT, unit=units.town,
                                                 user=getattr(users, who)))
    assert message == "市领导挂钩关系只能由考核办维护。"
    assert not LeaderLink.objects.exists()


def test_the_office_sets_the_leaders_role(users, leader):
    services.leader_set_role(leader=leader, role=LeaderRole.VICE_MAYOR, title="市委常委、副市长", user=users.office)
    leader.refresh_from_db()
    assert (leader.role, leader.get_role_display(), leader.title) == ("vice_mayor", "副市长", "市委常委、副市长")
    assert _refusal(lambda: services.leader_set_role(leader=leader, role="king", title="x", user=users.office)) == (
        "请从列出的职务类别中选择。")
    assert leader.history.order_by("-history_id").first().history_user == users.office


# --- enterprises and the credit code ------------------------------------------------------------------------
def test_an_enterprise_with_a_valid_credit_code_is_saved(users, units):
    code = make_credit_code(900002)
    data = {"name": " 高邮测试电缆有限公司 ", "credit_code": code.lower(), "town": units.town, "industry": "电线电缆"}
    saved = services.enterprise_save(user=users.office, data=data)
    saved.refresh_from_db()
    assert (saved.name, saved.credit_code, saved.town, saved.industry) == (
        "高邮测试电缆有限公司", code, units.town, "电线电缆")
    assert saved.history.get().history_user == users.office


@pytest.mark.parametrize("code", ["91321084000000001", "913210840000000010", "91321084O00000001X"])
def test_a_bad_credit_code_is_refused_and_nothing_saved(users, code):
    data = {"name": "某企业", "credit_code": code}
    message = _refusal(lambda: services.enterprise_save(user=users.office, data=data))
    assert message == f"“{code}”不是有效的统一社会信用代码（应为18位，且校验码正确）。"
    assert not Enterprise.objects.exists()


def test_a_credit_code_already_on_record_is_refused(users, enterprise):
    message = _refusal(lambda: services.enterprise_save(user=users.office, data={
        "name": "另一家企业", "credit_code": enterprise.credit_code}))
    assert message == "已有使用该统一社会信用代码的企业。"
    assert Enterprise.objects.count() == 1


def test_an_enterprise_without_a_credit_code_is_allowed_while_unknown(users):
    first = services.enterprise_save(user=users.office, data={"name": "甲企业", "credit_code": ""})
    second = services.enterprise_save(user=users.office, data={"name": "乙企业", "credit_code": " "})
    assert (first.credit_code, second.credit_code) == (None, None)


def test_only_the_office_keeps_enterprises(users):
    assert _refusal(lambda: services.enterprise_save(user=users.safety, data={"name": "x"})) == (
        "市领导挂钩关系只能由考核办维护。")


def test_a_chemical_firm_points_at_the_enterprise_with_its_credit_code(users, units, enterprise):
    from safety import services as safety_services
    from safety.models import ChemicalFirm

    firm = safety_services.case_create(model=ChemicalFirm, user=users.safety, data={
        "name": enterprise.name, "credit_code": enterprise.credit_code, "town": units.town})
    firm.refresh_from_db()
    assert firm.enterprise == enterprise


# --- the links page ----------------------------------------------------------------------------------------------
def test_the_office_adds_a_link_on_the_page(client, users, units, leader):
    client.force_login(users.office)
    response = client.post(f"/leaders/{leader.pk}/links/add/", {"kind": "unit", "unit": units.town.pk,
                                                                 "started_on": "2026-02-01"})
    assert response.status_code == 302 and response["Location"] == f"/leaders/{leader.pk}/links/"
    link = leader.links.get()
    assert (link.unit, link.started_on, link.ended_on) == (units.town, date(2026, 2, 1), None)
    page = client.get(f"/leaders/{leader.pk}/links/").content.decode()
    assert "已挂钩：测试甲镇。" in page


def test_the_page_shows_the_refusal_and_saves_nothing(client, users, units, leader):
    client.force_login(users.office)
    services.link_add(leader=leader, kind=LinkKind.UNIT, unit=units.town, started_on=date(2026, 1, 5),
                      user=users.office)
    response = client.post(f"/leaders/{leader.pk}/links/add/", {"kind": "unit", "unit": units.town.pk,
                                                                 "started_on": "2026-02-01"})
    assert response.status_code == 200
    assert "测试领导已挂钩测试甲镇（自2026-01-05起），请先结束该挂钩关系。" in response.content.decode()
    assert leader.links.count() == 1

    response = client.post(f"/leaders/{leader.pk}/links/add/", {"kind": "enterprise", "enterprise": 424242,
                                                                 "started_on": "2026-02-01"})
    assert "该记录不存在或已结束，不能挂钩。" in response.content.decode()
    assert leader.links.count() == 1


def test_the_office_ends_a_link_on_the_page_and_it_stays_as_history(client, users, units, leader):
    link = services.link_add(leader=leader, kind=LinkKind.UNIT, unit=units.town, started_on=date(2026, 1, 5),
                             user=users.office)
    client.force_login(users.office)
    response = client.post(f"/leaders/{leader.pk}/links/{link.pk}/end/", {f"end{link.pk}-ended_on": "2026-01-04"})
    assert "挂钩结束日期不能早于开始日期（2026-01-05）。" in response.content.decode()
    link.refresh_from_db()
    assert link.ended_on is None

    response = client.post(f"/leaders/{leader.pk}/links/{link.pk}/end/", {f"end{link.pk}-ended_on": "2026-06-30"})
    assert response.status_code == 302
    link.refresh_from_db()
    assert link.ended_on == date(2026, 6, 30)
    page = client.get(f"/leaders/{leader.pk}/links/").content.decode()
    assert 'data-testid="ended-link"' in page and "2026-06-30" in page
    assert 'data-testid="active-link"' not in page


# --- the API -------------------------------------------------------------------------------------------------------
def test_the_api_adds_and_ends_links_with_the_same_rules(client, users, units, leader):
    client.force_login(users.office)
    url = f"/api/v1/leaders/{leader.pk}/links/"
    response = client.post(url, {"kind": "unit", "unit": units.town.pk, "started_on": "2026-03-01"},
                           content_type="application/json")
    assert response.status_code == 201, response.content
    link_id = response.json()["id"]
    response = client.post(url, {"kind": "unit", "unit": units.town.pk}, content_type="application/json")
    assert response.status_code == 400
    assert response.json() == {"non_field_errors": ["测试领导已挂钩测试甲镇（自2026-03-01起），请先结束该挂钩关系。"]}
    response = client.post(f"{url}{link_id}/end/", {"ended_on": "2026-02-01"}, content_type="application/json")
    assert response.json() == {"ended_on": ["挂钩结束日期不能早于开始日期（2026-03-01）。"]}
    response = client.post(f"{url}{link_id}/end/", {"ended_on": "2026-04-01"}, content_type="application/json")
    assert response.status_code == 200 and response.json()["ended_on"] == "2026-04-01"

    client.force_login(users.leader)
    response = client.post(url, {"kind": "industry", "industry": "光电"}, content_type="application/json")
    assert response.status_code == 403
    assert LeaderLink.objects.count() == 1


def test_taking_a_leader_off_a_project_ends_the_link_and_keeps_it(users, units, leader):
    from django.utils import timezone

    from projects import services as project_services
    from tests.projects.factories import link_leader

    project = ProjectFactory(responsible_unit=units.town)
    link = link_leader(project, leader)
    project_services.project_save(user=users.office, data={}, project=project, leaders=[])
    link.refresh_from_db()
    assert link.ended_on == timezone.localdate()
    assert list(project_services.project_leaders(project)) == []
    assert link.history.order_by("-history_id").first().history_user == users.office
