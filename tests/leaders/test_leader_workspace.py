"""A leader's workspace (/leaders/<id>/): who may open it, what waits on the leader (oldest first, with days
open), every app's panel, and a fixed number of queries however much is linked."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone, translation

from gaoyou_portal.credit_codes import make_credit_code
from leaders.choices import LinkKind
from leaders.models import Enterprise, Leader, LeaderLink
from projects.choices import BlockerStatus
from projects.models import Blocker
from safety.models import ChemicalFirm
from targets.choices import Direction, TargetKind
from targets.models import Plan, Section, Target
from tests.factories import LeaderFactory
from tests.helpers.permissions import assert_access
from tests.projects.factories import ProjectFactory, link_leader
from tests.safety.factories import ChemicalFirmFactory

pytestmark = [pytest.mark.django_db, pytest.mark.date_dependent]


@pytest.fixture(autouse=True)
def _chinese():
    with translation.override("zh-hans"):
        yield


@pytest.fixture
def leader(users, units):
    leader = Leader.objects.get(user=users.leader)
    LeaderLink.objects.create(leader=leader, kind=LinkKind.UNIT, unit=units.town, started_on=date(2025, 1, 1))
    return leader


def _blocker(project, leader, *, days_ago, title="土地指标未落实", status=BlockerStatus.OPEN):
    return Blocker.objects.create(project=project, title=title, assigned_leader=leader, status=status,
                                  deadline=timezone.localdate() + timedelta(days=10),
                                  raised_at=timezone.now() - timedelta(days=days_ago),
                                  resolution="已协调" if status != BlockerStatus.OPEN else "")


# --- who may open it ---------------------------------------------------------------------------------------------
def test_leaders_the_office_and_the_linked_units_users_see_the_workspace(client, users, leader):
    for url in (f"/leaders/{leader.pk}/", f"/leaders/{leader.pk}/links/"):
        assert_access(client, url, inside=[users.leader, users.office, users.admin, users.reporter],
                      outside=[users.other_reporter, users.dept_reporter, users.safety, users.orgdept, users.nobody])


def test_another_leader_sees_every_leaders_page(client, users, leader):
    other = LeaderFactory(name="另一领导")
    assert_access(client, f"/leaders/{other.pk}/", inside=[users.leader, users.office], outside=[users.reporter])


def test_a_units_users_see_the_leader_of_a_linked_project_of_theirs(client, users, units, leader):
    assert_access(client, f"/leaders/{leader.pk}/", inside=[], outside=[users.other_reporter])
    link_leader(ProjectFactory(responsible_unit=units.other_town), leader)
    assert_access(client, f"/leaders/{leader.pk}/", inside=[users.other_reporter], outside=[users.dept_reporter])


def test_an_ended_link_no_longer_opens_the_page_to_the_unit(client, users, units, leader):
    leader.links.update(ended_on=date(2025, 12, 31))
    assert_access(client, f"/leaders/{leader.pk}/", inside=[users.office], outside=[users.reporter])


def test_only_the_office_changes_links_and_roles(client, users, units, leader):
    link = leader.links.get()
    writes = [
        (f"/leaders/{leader.pk}/links/add/", {"kind": "industry", "industry": "光电", "started_on": "2026-01-01"}),
        (f"/leaders/{leader.pk}/links/{link.pk}/end/", {f"end{link.pk}-ended_on": "2026-06-30"}),
        (f"/leaders/{leader.pk}/role/", {"role": "mayor", "title": "市长"}),
    ]
    for url, data in writes:
        assert_access(client, url, method="post", data=data, inside=[],
                      outside=[users.leader, users.reporter, users.safety, users.orgdept, users.other_reporter])
    assert list(leader.links.values_list("kind", "ended_on")) == [("unit", None)]
    assert_access(client, writes[0][0], method="post", data=writes[0][1], inside=[users.office], inside_status=302)
    assert leader.links.filter(kind=LinkKind.INDUSTRY, name="光电").exists()


def test_the_leaders_list_and_my_workspace(client, users, leader):
    responses = assert_access(client, "/leaders/", inside=[users.leader, users.office, users.reporter, users.safety],
                              outside=[users.nobody])
    assert "测试领导" in responses["t-reporter"].content.decode()
    assert "暂无市领导挂钩您所在的单位。" in responses["t-safety"].content.decode()
    responses = assert_access(client, "/leaders/me/", inside=[users.leader], outside=[users.office, users.reporter])
    assert "我的工作台 · 测试领导" in responses["t-leader"].content.decode()


def test_the_enterprise_pages(client, users, units):
    enterprise = Enterprise.objects.create(name="测试企业", credit_code=make_credit_code(900009), town=units.town)
    assert_access(client, "/enterprises/?q=测试", inside=[users.office, users.leader, users.reporter, users.safety],
                  outside=[users.nobody])
    for url in ("/enterprises/new/", f"/enterprises/{enterprise.pk}/edit/"):
        assert_access(client, url, inside=[users.office, users.admin],
                      outside=[users.leader, users.reporter, users.safety, users.orgdept])
    client.force_login(users.office)
    response = client.post(f"/enterprises/{enterprise.pk}/edit/", {"name": "测试企业", "credit_code": "123",
                                                                    "town": units.town.pk})
    assert "“123”不是有效的统一社会信用代码（应为18位，且校验码正确）。" in response.content.decode()
    enterprise.refresh_from_db()
    assert enterprise.credit_code == make_credit_code(900009)


# --- what waits on the leader, and the panels ---------------------------------------------------------------------
def test_the_blockers_raised_to_the_leader_wait_oldest_first_with_days_open(client, users, units, leader):
    project = ProjectFactory(responsible_unit=units.town, name="甲镇储能项目")
    _blocker(project, leader, days_ago=3, title="电力接入")
    _blocker(project, leader, days_ago=12, title="环评批复")
    _blocker(project, leader, days_ago=30, title="早已解决", status=BlockerStatus.RESOLVED)
    _blocker(project, LeaderFactory(name="别的领导"), days_ago=40, title="别人的问题")

    client.force_login(users.leader)
    page = client.get(f"/leaders/{leader.pk}/").content.decode()
    waiting = page[page.index('data-testid="waiting"'):]
    assert waiting.index("环评批复") < waiting.index("电力接入")
    assert "已12天" in waiting and "已3天" in waiting
    assert "早已解决" not in page and "别人的问题" not in page
    resolve = Blocker.objects.get(title="环评批复").pk
    assert f"/projects/blockers/{resolve}/resolve/?next=%2Fleaders%2F{leader.pk}%2F" in page

    client.force_login(users.office)  # the office sees the same items, without the leader's resolve button
    page = client.get(f"/leaders/{leader.pk}/").content.decode()
    assert "环评批复" in page and "/resolve/" not in page


def test_resolving_from_the_workspace_returns_to_it_and_the_item_leaves(client, users, units, leader):
    blocker = _blocker(ProjectFactory(responsible_unit=units.town), leader, days_ago=5, title="用地指标")
    client.force_login(users.leader)
    back = f"/leaders/{leader.pk}/"
    response = client.post(f"/projects/blockers/{blocker.pk}/resolve/", {"resolution": "已协调自然资源局落实指标",
                                                                          "next": back})
    assert response.status_code == 302 and response["Location"] == back
    blocker.refresh_from_db()
    assert blocker.status == BlockerStatus.RESOLVED
    assert "用地指标" not in client.get(back).content.decode()


def test_an_outside_next_is_ignored_after_resolving(client, users, units, leader):
    project = ProjectFactory(responsible_unit=units.town)
    blocker = _blocker(project, leader, days_ago=5)
    client.force_login(users.leader)
    response = client.post(f"/projects/blockers/{blocker.pk}/resolve/", {"resolution": "已解决",
                                                                          "next": "https://evil.example/"})
    assert response["Location"] == project.get_absolute_url()


def test_the_panels_show_linked_towns_projects_enterprise_cases_and_targets(client, users, units, leader):
    project = ProjectFactory(responsible_unit=units.town, name="甲镇光伏项目", industry="光电")
    link_leader(project, leader)
    LeaderLink.objects.create(leader=leader, kind=LinkKind.INDUSTRY, name="光电")
    enterprise = Enterprise.objects.create(name="甲镇化工有限公司", credit_code=make_credit_code(900010),
                                           town=units.town)
    LeaderLink.objects.create(leader=leader, kind=LinkKind.ENTERPRISE, enterprise=enterprise)
    ChemicalFirmFactory(name="甲镇化工有限公司", town=units.town, enterprise=enterprise,
                        deadline=timezone.localdate() - timedelta(days=3))
    today = timezone.localdate()
    plan = Plan.objects.create(year=today.year, title="目标任务")
    section = Section.objects.create(plan=plan, order=1, title="经济发展")
    Target.objects.create(plan=plan, section=section, code="E01", title="新增市场主体", kind=TargetKind.REPORTED,
                          figure=Decimal("1000"), direction=Direction.AT_LEAST, deadline=date(today.year, 12, 31),
                          lead_unit=units.dept, responsible_leader=leader)

    client.force_login(users.office)
    page = client.get(f"/leaders/{leader.pk}/").content.decode()
    for text in ("测试甲镇", "甲镇光伏项目", "挂钩产业的项目", "甲镇化工有限公司", "挂钩企业的安全整治情况",
                 "1件已超期", "E01 新增市场主体", "分管目标"):
        assert text in page, text
    waiting = page[page.index('data-testid="waiting"'):page.index("挂钩的镇区、产业和企业")]
    assert "E01 新增市场主体" in waiting  # nothing reported all year: behind, waiting on the leader


def _linked(leader, units, n, offset):
    for i in range(n):
        project = ProjectFactory(responsible_unit=units.town, name=f"项目{offset + i}")
        link_leader(project, leader)
        _blocker(project, leader, days_ago=i + 1, title=f"问题{offset + i}")
        enterprise = Enterprise.objects.create(name=f"企业{offset + i}",
                                               credit_code=make_credit_code(910000 + offset + i))
        LeaderLink.objects.create(leader=leader, kind=LinkKind.ENTERPRISE, enterprise=enterprise)
        ChemicalFirm.objects.filter(pk=ChemicalFirmFactory(town=units.town).pk).update(enterprise=enterprise)
        LeaderLink.objects.create(leader=leader, kind=LinkKind.INDUSTRY, name=f"产业{offset + i}")


@pytest.mark.parametrize("who", ["leader", "office", "reporter"])
def test_the_workspace_costs_the_same_queries_at_3_and_at_30_linked_records(client, users, units, leader,
                                                                          django_assert_num_queries, who):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    url = f"/leaders/{leader.pk}/"
    client.force_login(getattr(users, who))
    _linked(leader, units, 3, 0)
    client.get(url)  # warm the per-process caches (content types, settings rows)
    with CaptureQueriesContext(connection) as small:
        assert client.get(url).status_code == 200
    _linked(leader, units, 27, 100)
    with django_assert_num_queries(len(small)):
        page = client.get(url).content.decode()
    assert page.count('data-testid="waiting-item"') == 30


def test_a_units_page_links_only_the_leaders_whose_page_the_user_may_open(client, users, units, leader):
    client.force_login(users.reporter)
    assert f'href="/leaders/{leader.pk}/"' in client.get(f"/units/{units.town.code}/").content.decode()
    LeaderLink.objects.create(leader=leader, kind=LinkKind.UNIT, unit=units.other_town)
    client.force_login(users.reporter)
    page = client.get(f"/units/{units.other_town.code}/").content.decode()
    assert "测试领导" in page and f'href="/leaders/{leader.pk}/"' in page  # linked to the reporter's town too
    client.force_login(users.other_reporter)
    page = client.get(f"/units/{units.town.code}/").content.decode()
    assert "测试领导" in page
    assert f'href="/leaders/{leader.pk}/"' in page  # other_town is linked to the leader as well now
    leader.links.filter(unit=units.other_town).update(ended_on=leader.links.get(unit=units.other_town).started_on)
    page = client.get(f"/units/{units.town.code}/").content.decode()
    assert "测试领导" in page and f'href="/leaders/{leader.pk}/"' not in page
