"""Pages: permissions for every role, the "this month" journey, filters, fixed query counts."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.urls import reverse

from gaoyou_portal.reporting import month_start
from leaders.models import Leader
from projects.choices import BlockerStatus
from projects.lights import refresh_lights
from projects.models import Blocker, Milestone, MonthlyReport, Project
from tests.factories import UnitFactory
from tests.helpers.permissions import assert_access, assert_constant_queries
from tests.projects.factories import ProjectFactory, link_leader, plan_year, report


def url(name, *args):
    return reverse(f"projects:{name}", args=args)


def test_read_pages_are_for_every_staff_role(client, users, project):
    everyone = [users.reporter, users.other_reporter, users.leader, users.office, users.admin]
    for page in (url("project_list"), url("project_detail", project.pk), url("ledger_export")):
        assert_access(client, page, inside=everyone, outside=[users.nobody])


def test_this_month_is_for_unit_members(client, users, project):
    assert_access(client, url("this_month"), inside=[users.reporter, users.other_reporter],
                  outside=[users.leader, users.office, users.nobody])


def test_write_pages_are_for_the_responsible_unit_and_the_office(client, users, project, today, open_month):
    milestone = Milestone.objects.get(project=project, kind="started")
    current = report(project, open_month, "10")  # editable until the 5th of next month
    pages = [url("report_create", project.pk), url("plan_edit", project.pk), url("blocker_create", project.pk),
             url("milestone_record", milestone.pk), url("report_edit", current.pk)]
    for page in pages:
        assert_access(client, page, inside=[users.reporter, users.office],
                      outside=[users.other_reporter, users.leader, users.nobody])


def test_office_pages(client, users, project):
    for page in (url("settings"), url("project_create"), url("project_edit", project.pk), url("ledger_import")):
        assert_access(client, page, inside=[users.office, users.admin],
                      outside=[users.reporter, users.leader, users.nobody])


def test_overview_is_for_leaders_and_office_and_shows_who_has_not_reported(client, users, project):
    responses = assert_access(client, url("overview"), inside=[users.leader, users.office], outside=[users.reporter])
    rows = responses[users.leader.username].context["overview"]["rows"]
    assert [(row["unit"], row["missing_due"]) for row in rows] == [(project.responsible_unit, 1)]


def test_only_the_assigned_leader_resolves(client, users, project, today):
    blocker = Blocker.objects.create(project=project, title="用地", deadline=today,
                                     assigned_leader=Leader.objects.get(user=users.leader))
    assert_access(client, url("blocker_resolve", blocker.pk), inside=[users.leader],
                  outside=[users.reporter, users.office, users.other_reporter])
    client.force_login(users.leader)
    response = client.post(url("blocker_resolve", blocker.pk), {"resolution": "已协调供电公司"})
    assert response.status_code == 302
    blocker.refresh_from_db()
    assert blocker.status == BlockerStatus.RESOLVED


def test_report_upload_page(client, users, project):
    assert_access(client, url("report_upload"), inside=[users.reporter, users.office], outside=[users.leader])


def test_a_reporter_submits_this_months_report_from_the_this_month_page(client, users, reported, today, open_month):
    project = reported
    client.force_login(users.reporter)
    page = client.get(url("this_month"))
    assert project.name in page.content.decode()
    response = client.post(url("report_create", project.pk), {
        "prefix": f"p{project.pk}", f"p{project.pk}-month": open_month.strftime("%Y-%m"),
        f"p{project.pk}-investment": "100", f"p{project.pk}-workload": "主体封顶", "next": url("this_month"),
    }, follow=True)
    assert response.redirect_chain[-1][0] == url("this_month")
    saved = MonthlyReport.objects.get(project=project, month=open_month)
    assert saved.investment == Decimal("100") and saved.submitted_by == users.reporter
    assert "月报已保存" in response.content.decode()


@pytest.mark.parametrize(("investment", "text"), [("-5", "不能为负数"), ("很多", "必须是数字")])
def test_the_form_shows_bad_input_in_chinese_and_saves_nothing(client, users, project, investment, text, open_month):
    client.force_login(users.reporter)
    response = client.post(url("report_create", project.pk),
                           {"month": open_month.strftime("%Y-%m"), "investment": investment})
    assert response.status_code == 200 and text in response.content.decode()
    assert not MonthlyReport.objects.exists()


def test_a_future_month_is_refused_by_the_form(client, users, project, today):
    client.force_login(users.reporter)
    future = (month_start(today) + timedelta(days=40)).strftime("%Y-%m")
    response = client.post(url("report_create", project.pk), {"month": future, "investment": "1"})
    assert "不能填报未来月份" in response.content.decode()
    assert not MonthlyReport.objects.exists()


def test_reporter_cannot_post_a_report_for_another_units_project(client, users, project, today, open_month):
    client.force_login(users.other_reporter)
    response = client.post(url("report_create", project.pk),
                           {"month": open_month.strftime("%Y-%m"), "investment": "1"})
    assert "只能为本单位负责的项目填报" in response.content.decode()
    assert not MonthlyReport.objects.exists()


def test_the_list_filters_by_light_leader_and_search(client, users, project, reported, today, units):
    behind = ProjectFactory(responsible_unit=units.other_town, name="落后项目",
                            signing_date=date(today.year - 1, 12, 1))
    plan_year(behind, today.year)
    Milestone.objects.filter(project=behind, kind="started").update(planned_date=date(today.year - 1, 12, 15))
    refresh_lights([behind])  # the overdue start makes it red in any month, as the service would store it
    client.force_login(users.leader)
    red = client.get(url("project_list"), {"light": "red"}).content.decode()
    assert "落后项目" in red and project.name not in red
    mine = client.get(url("project_list"), {"leader": Leader.objects.get(user=users.leader).pk}).content.decode()
    assert project.name in mine and "落后项目" not in mine
    found = client.get(url("project_list"), {"q": "落后"}).content.decode()
    assert "落后项目" in found and project.name not in found


def _grow(unit, today, leader, count=49):
    def grow():
        for _ in range(count):
            p = ProjectFactory(responsible_unit=unit, signing_date=date(today.year - 1, 12, 1))
            plan_year(p, today.year)
            report(p, date(today.year, 1, 1), "90")
            link_leader(p, leader)
    return grow


@pytest.mark.clock("2026-11-26T10:00")  # query counts do not change with the day: measured on one
def test_the_list_runs_a_fixed_number_of_queries(client, users, project, today, units):
    leader = Leader.objects.get(user=users.leader)
    assert_constant_queries(client, url("project_list"), grow=_grow(units.town, today, leader), user=users.leader)
    assert_constant_queries(client, url("this_month"), grow=_grow(units.town, today, leader, 5), user=users.reporter)


def test_the_project_page_runs_a_fixed_number_of_queries(client, users, project, today):
    def add(offset):
        month = date(today.year - 2, offset, 1)
        r = report(project, month, "10", submitted_by=users.reporter)
        r.attachments.create(file="reports/x.jpg", caption="照片")
        Blocker.objects.create(project=project, title=f"问题{offset}", deadline=today,
                               assigned_leader=Leader.objects.get(user=users.leader))

    add(1)  # one of each at the start, fifty-odd rows after growing

    def grow():
        for offset in range(2, 13):
            month = date(today.year - 2, offset, 1)
            r = report(project, month, "10", submitted_by=users.reporter)
            r.attachments.create(file="reports/x.jpg", caption="照片")
            Blocker.objects.create(project=project, title=f"问题{offset}", deadline=today,
                                   assigned_leader=Leader.objects.get(user=users.leader))
        project.name = "改名"
        project.save()
    assert_constant_queries(client, url("project_detail", project.pk), grow=grow, user=users.reporter)


def test_the_project_page_shows_what_changed(client, users, project, today):
    from projects import services

    milestone = Milestone.objects.get(project=project, kind="started")
    services.milestone_record(milestone=milestone, actual_date=today, evidence="开工仪式", user=users.reporter)
    client.force_login(users.leader)
    body = client.get(url("project_detail", project.pk)).content.decode()
    assert "开工仪式" in body and "节点完成" in body and 'data-chart="chart-plan-actual"' in body


def test_the_unit_page_shows_yellow_and_red_projects_first(client, users, units, project, reported, today):
    late = ProjectFactory(responsible_unit=units.town, name="逾期项目", signing_date=date(today.year - 1, 12, 1))
    Milestone.objects.filter(project=late, kind="started").update(planned_date=date(today.year - 1, 12, 15))
    client.force_login(users.leader)
    body = client.get(reverse("org:unit_detail", args=[units.town.code])).content.decode()
    assert body.index("逾期项目") < body.index(project.name)


def test_dashboard_and_public_home_show_projects(client, users, project):
    ProjectFactory(responsible_unit=UnitFactory(), level="provincial")
    client.force_login(users.leader)
    assert "重大项目" in client.get(reverse("dashboard")).content.decode()
    client.force_login(users.reporter)
    assert "重大项目" in client.get(reverse("dashboard")).content.decode()
    client.logout()
    home = client.get(reverse("home")).content.decode()
    assert "省级重大项目今年开工" in home and "累计开工" in home


def test_office_sets_the_thresholds_in_the_browser(client, users):
    from projects.models import ProjectSettings

    client.force_login(users.office)
    response = client.post(url("settings"), {"yellow_points": "40", "red_points": "30", "report_deadline_day": "5"})
    assert "黄灯阈值不能高于红灯阈值" in response.content.decode()
    client.post(url("settings"), {"yellow_points": "15", "red_points": "35", "report_deadline_day": "6"})
    config = ProjectSettings.load()
    assert (config.yellow_points, config.report_deadline_day) == (Decimal("15"), 6)


def test_office_creates_a_project(client, users, units):
    client.force_login(users.office)
    leader = Leader.objects.get(user=users.leader)
    response = client.post(url("project_create"), {
        "name": "新项目", "code": "N-1", "level": "city", "category": "industrial", "responsible_unit": units.town.pk,
        "responsible_person": "李四", "total_investment": "100", "year_planned_investment": "0", "status": "signed",
        "signing_date": "2026-01-05", "leaders": [leader.pk], "started_planned_date": "2026-06-01",
    })
    assert response.status_code == 302, response.content.decode()[:2000]
    project = Project.objects.get(code="N-1")
    assert project.milestones.get(kind="started").planned_date == date(2026, 6, 1)
    assert project.history.first().history_user == users.office
