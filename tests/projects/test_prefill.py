"""The monthly report prefilled from the plan: "按计划报送" in one click, every offending field named at once."""

from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from projects import services
from projects.models import MonthlyPlan, MonthlyReport
from tests.projects.factories import ProjectFactory, plan_year, report

pytestmark = [pytest.mark.django_db, pytest.mark.date_dependent]

SH = ZoneInfo("Asia/Shanghai")
NOV_26 = datetime(2026, 11, 26, 10, 0, tzinfo=SH)  # November open (from the 25th), October due on 5 Nov
DEC_07 = datetime(2026, 12, 7, 10, 0, tzinfo=SH)  # November's deadline (5 Dec) passed: locked


@pytest.fixture
def planned(units):
    project = ProjectFactory(responsible_unit=units.town, signing_date=date(2025, 12, 1))
    plan_year(project, 2026)
    MonthlyPlan.objects.filter(project=project, month=date(2026, 11, 1)).update(
        planned_investment=Decimal("230.50"), planned_workload="主体结构施工")
    return project


@time_machine.travel(NOV_26, tick=False)
def test_this_month_form_is_filled_from_the_plan_with_last_months_narrative_as_a_hint(client, users, planned):
    for month in range(1, 11):
        report(planned, date(2026, month, 1), "100", narrative=f"{month}月完成桩基")
    client.force_login(users.reporter)
    body = client.get(reverse("projects:this_month")).content.decode()
    form = f'name="p{planned.pk}-'
    assert f'{form}investment" value="230.50"' in body
    assert "主体结构施工</textarea>" in body
    assert 'placeholder="10月完成桩基"' in body
    assert "按计划报送" in body


@time_machine.travel(NOV_26, tick=False)
def test_one_click_on_plan_stores_the_plan_as_the_report(client, users, planned):
    client.force_login(users.reporter)
    response = client.post(reverse("projects:report_create", args=[planned.pk]),
                           {"on_plan": "1", "month": "2026-11", "next": reverse("projects:this_month")}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("projects:this_month")
    saved = MonthlyReport.objects.get(project=planned, month=date(2026, 11, 1))
    assert (saved.investment, saved.workload, saved.submitted_by) == (Decimal("230.50"), "主体结构施工", users.reporter)
    assert saved.history.get().history_user == users.reporter
    assert "2026-11" in response.content.decode()


@time_machine.travel(NOV_26, tick=False)
def test_off_plan_the_unit_changes_only_the_figure_that_differs(client, users, planned):
    client.force_login(users.reporter)
    client.post(reverse("projects:report_create", args=[planned.pk]),
                {"prefix": "p1", "p1-month": "2026-11", "p1-investment": "180", "p1-workload": "主体结构施工"})
    saved = MonthlyReport.objects.get(project=planned, month=date(2026, 11, 1))
    assert (saved.investment, saved.workload) == (Decimal("180"), "主体结构施工")


@time_machine.travel(NOV_26, tick=False)
def test_one_click_without_a_plan_is_refused_with_the_reason(users, units):
    project = ProjectFactory(responsible_unit=units.town, signing_date=date(2025, 12, 1))
    with pytest.raises(services.reports.DomainError) as refused:
        services.report_submit_on_plan(project=project, month=date(2026, 11, 1), user=users.reporter)
    assert refused.value.message_dict == {"month": ["2026年11月没有计划：请填写月报的数字。"]}
    assert not MonthlyReport.objects.exists()


@time_machine.travel(NOV_26, tick=False)
def test_another_units_reporter_cannot_report_on_plan(client, users, planned):
    client.force_login(users.other_reporter)
    response = client.post(reverse("projects:report_create", args=[planned.pk]), {"on_plan": "1", "month": "2026-11"},
                           follow=True)
    assert "您只能为本单位负责的项目填报。" in response.content.decode()
    assert not MonthlyReport.objects.exists()


@time_machine.travel(DEC_07, tick=False)
def test_the_api_names_every_offending_field_at_once(client, users, planned):
    report(planned, date(2026, 11, 1), "100")
    client.force_login(users.reporter)
    response = client.post(f"/api/v1/projects/{planned.pk}/reports/",
                           {"month": "2027-01-01", "investment": "-5"}, content_type="application/json")
    assert response.status_code == 400
    body = response.json()
    assert body["month"] == ["不能填报未来月份的月报。"]
    assert body["investment"] == ["投资额不能为负数。"]
    assert MonthlyReport.objects.count() == 1


@time_machine.travel(NOV_26, tick=False)
def test_the_api_reports_on_plan(client, users, planned):
    client.force_login(users.reporter)
    response = client.post(f"/api/v1/projects/{planned.pk}/reports/", {"month": "2026-11-01", "on_plan": True},
                           content_type="application/json")
    assert response.status_code == 201, response.content
    assert response.json()["investment"] == "230.50"
    assert MonthlyReport.objects.get().workload == "主体结构施工"


@time_machine.travel(NOV_26, tick=False)
def test_a_reminder_link_to_a_report_already_sent_shows_it_as_reported(client, users, planned):
    sent = report(planned, date(2026, 11, 1), "120")
    client.force_login(users.reporter)
    response = client.get(reverse("projects:report_create", args=[planned.pk]) + "?month=2026-11", follow=True)
    assert response.redirect_chain == [(reverse("projects:report_edit", args=[sent.pk]), 302)]
    assert "已报送" in response.content.decode()


@time_machine.travel(NOV_26, tick=False)
def test_a_reminder_link_to_another_units_report_answers_404(client, users, planned):
    client.force_login(users.other_reporter)
    assert client.get(reverse("projects:report_create", args=[planned.pk]) + "?month=2026-11").status_code == 404
