"""The board, my targets, a target's page, entry pages and the public plan, through the shared permission
helper; query counts at two scales."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from gaoyou_portal.reporting import month_start
from targets.choices import ExplanationState, TargetKind
from targets.models import Explanation, MonthlyValue, Quota, Stage
from tests.helpers.permissions import assert_access, assert_constant_queries

pytestmark = pytest.mark.date_dependent  # reads today's date; CI reruns it with the clock moved


@pytest.fixture
def confidential(make_target, units):
    return make_target(code="C01", title="选树三型干部", is_confidential=True, is_public=False, lead_unit=units.dept)


@pytest.fixture
def open_month(households, reporting_day):
    """The month a value may be entered, on a day when one is open by the shared calendar."""
    from targets.models import TargetSettings

    return TargetSettings.load().calendar.latest_open_month(reporting_day)


def all_staff(users):
    return [users.reporter, users.other_reporter, users.office, users.leader, users.safety, users.orgdept, users.admin]


def test_the_board_is_for_every_staff_member_and_hides_confidential_targets(client, users, households,
                                                                             confidential):
    responses = assert_access(client, reverse("targets:board"), inside=all_staff(users), outside=[users.nobody])
    assert "600户零散农户集中居住" in responses["t-leader"].content.decode()
    for name in ("t-leader", "t-office", "t-admin", "t-reporter"):
        assert "选树三型干部" not in responses[name].content.decode()
    assert "选树三型干部" in responses["t-orgdept"].content.decode()


def test_a_confidential_target_is_404_to_all_but_the_organisation_department(client, users, confidential):
    url = reverse("targets:target_detail", args=[confidential.pk])
    others = [users.reporter, users.office, users.leader, users.safety, users.admin]
    assert_access(client, url, inside=[users.orgdept], outside=others)
    api = f"/api/v1/targets/{confidential.pk}/"
    assert_access(client, api, inside=[users.orgdept], outside=others, anonymous=404)
    assert_access(client, f"/targets/public/{confidential.plan.year}/{confidential.code}/", anonymous=404)


def test_the_board_lists_behind_first_with_the_reason(client, users, make_target, year):
    done = make_target(code="A01", title="已完成目标", figure=Decimal(1), deadline=date(year, 12, 31))
    MonthlyValue.objects.create(target=done, unit=done.lead_unit, month=date(year, 1, 1), value=1)
    lagging = make_target(code="A02", title="滞后目标", figure=Decimal(100), deadline=date(year, 12, 31))
    MonthlyValue.objects.create(target=lagging, unit=lagging.lead_unit, month=date(year, 1, 1), value=1)
    client.force_login(users.leader)
    page = client.get(reverse("targets:board")).content.decode()
    if timezone.localdate() > date(year, 1, 15):  # the pace puts A02 behind once the year is under way
        assert page.index('data-code="A02"') < page.index('data-code="A01"')
        assert "落后序时" in page


def test_a_unit_enters_its_own_quota_only(client, users, units, households, open_month):
    url = reverse("targets:value_create", args=[households.pk])
    client.force_login(users.reporter)
    response = client.post(url, {"unit": units.other_town.pk, "month": open_month.strftime("%Y-%m"), "value": "5"})
    assert response.status_code == 200
    assert "只能为本单位的分解任务填报。" in response.content.decode()
    assert not MonthlyValue.objects.exists()
    response = client.post(url, {"unit": units.town.pk, "month": open_month.strftime("%Y-%m"), "value": "5",
                                 "note": "签约入住5户"})
    assert response.status_code == 302
    value = MonthlyValue.objects.get()
    assert (value.unit, value.value, value.entered_by) == (units.town, Decimal(5), users.reporter)


def test_a_unit_sees_its_reported_targets_on_its_this_month_page(client, users, units, households, open_month):
    client.force_login(users.reporter)
    page = client.get(reverse("projects:this_month")).content.decode()
    assert "本月应填报的目标任务" in page and "600户零散农户集中居住" in page
    MonthlyValue.objects.create(target=households, unit=units.town, month=open_month, value=3)
    page = client.get(reverse("projects:this_month")).content.decode()
    assert "已填报" in page


def test_the_target_page_names_who_has_not_reported(client, users, units, households, open_month):
    MonthlyValue.objects.create(target=households, unit=units.town, month=open_month, value=3)
    client.force_login(users.office)
    page = client.get(households.get_absolute_url()).content.decode()
    assert "尚未填报" in page and "乙镇" in page.split("尚未填报")[1][:200]


def test_my_targets_shows_a_towns_quota_targets_only(client, users, units, households, make_target):
    make_target(code="Z9", title="别人的目标", lead_unit=units.park)
    client.force_login(users.reporter)
    page = client.get(reverse("targets:mine")).content.decode()
    assert "600户零散农户集中居住" in page and "别人的目标" not in page


def test_print_view_and_excel_export(client, users, households):
    client.force_login(users.leader)
    assert "600户零散农户集中居住" in client.get(reverse("targets:board") + "?print=1").content.decode()
    response = client.get(reverse("targets:board_export"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")


def test_settings_and_plan_copy_are_the_offices(client, users, plan, households):
    assert_access(client, reverse("targets:settings"), inside=[users.office, users.admin],
                  outside=[users.leader, users.reporter, users.orgdept])
    client.force_login(users.office)
    response = client.post(reverse("targets:settings"), {"behind_points": "5", "at_risk_points": "20",
                                                         "at_risk_days": "10", "report_deadline_day": "6"})
    assert response.status_code == 302
    from targets.models import TargetSettings
    assert TargetSettings.load().behind_points == Decimal(5)
    response = client.post(reverse("targets:plan_copy") + f"?year={plan.year}")
    assert response.status_code == 302
    assert households.__class__.objects.filter(plan__year=plan.year + 1, code="B12").exists()


def test_the_office_approves_an_explanation_on_the_page(client, users, make_target, year):
    target = make_target(figure=Decimal(10), deadline=date(year, 1, 31))
    if timezone.localdate() <= target.deadline:
        pytest.skip("needs a deadline in the past")
    client.force_login(users.dept_reporter)
    client.post(reverse("targets:explanation_edit", args=[target.pk]), {"text": "征地未完成"})
    explanation = Explanation.objects.get(target=target)
    assert explanation.state == ExplanationState.DRAFT
    client.force_login(users.office)
    client.post(reverse("targets:explanation_approve", args=[target.pk]))
    explanation.refresh_from_db()
    assert explanation.state == ExplanationState.APPROVED


# --- derived drill-down --------------------------------------------------------------------------------------------
def test_a_derived_target_page_lists_the_projects_behind_the_figure(client, users, make_target, units, plan):
    from projects.choices import MilestoneKind, ProjectLevel
    from projects.models import Milestone
    from tests.projects.factories import ProjectFactory

    target = make_target(kind=TargetKind.DERIVED, metric="projects.provincial_started", figure=Decimal(3),
                         deadline=date(plan.year, 6, 30), measure="个")
    project = ProjectFactory(level=ProjectLevel.PROVINCIAL, responsible_unit=units.town, name="省级示范项目")
    Milestone.objects.filter(project=project, kind=MilestoneKind.STARTED).update(actual_date=date(plan.year, 3, 1))
    client.force_login(users.leader)
    page = client.get(target.get_absolute_url()).content.decode()
    assert "省级示范项目" in page and project.get_absolute_url() in page


# --- public ------------------------------------------
def test_anonymous_sees_public_targets_only_without_a_cookie(client, make_target, households, confidential):
    make_target(code="P2", title="内部目标", is_public=False)
    response = client.get(reverse("targets:public_list"))
    assert response.status_code == 200 and not response.cookies
    page = response.content.decode()
    assert "600户零散农户集中居住" in page
    assert "内部目标" not in page and "选树三型干部" not in page
    assert "public" in response["Cache-Control"]
    detail = client.get(households.get_public_url())
    assert detail.status_code == 200 and not detail.cookies
    assert client.get(f"/targets/public/{households.plan.year}/P2/").status_code == 404


def test_open_data_lists_public_targets_with_public_fields(client, households, confidential):
    data = client.get(reverse("targets:open_data_json")).json()
    assert [t["code"] for t in data["targets"]] == ["B12"]
    assert "metric" not in data["targets"][0] and "is_confidential" not in data["targets"][0]
    csv = client.get(reverse("targets:open_data_csv")).content.decode("utf-8-sig")
    assert "B12" in csv and "C01" not in csv


def test_the_home_page_shows_the_plan_headline(client, households):
    page = client.get("/").content.decode()
    assert f"{households.plan.year}年目标任务" in page


# --- query counts ------------------------------------------
def test_the_board_runs_a_fixed_number_of_queries(client, users, make_target, units, plan, works):
    make_target(kind=TargetKind.DERIVED, metric="livelihood.tasks_completed", code="D1")
    make_target(kind=TargetKind.ZERO, code="Z1")
    make_target(code="R1")  # one of each kind at the small scale, 25 more of each at the large one
    months = [date(plan.year, m, 1) for m in range(1, month_start(timezone.localdate()).month + 1)]

    def grow():
        for n in range(25):
            target = make_target(code=f"G{n:02d}", figure=Decimal(600))
            Quota.objects.create(target=target, unit=units.town, figure=Decimal(400))
            Quota.objects.create(target=target, unit=units.other_town, figure=Decimal(200))
            MonthlyValue.objects.bulk_create(MonthlyValue(target=target, unit=u, month=m, value=3)
                                             for m in months for u in (units.town, units.other_town))
            stage_target = make_target(kind=TargetKind.MILESTONE, code=f"M{n:02d}", figure=Decimal(1))
            Stage.objects.create(target=stage_target, name="开工", planned_date=date(plan.year, 6, 30))
            make_target(kind=TargetKind.DERIVED, metric="livelihood.tasks_completed", code=f"D{n:02d}")

    assert_constant_queries(client, reverse("targets:board"), grow=grow, user=users.leader)


def test_the_public_plan_and_the_api_run_a_fixed_number_of_queries(client, users, make_target, units):
    def grow():
        for n in range(20):
            target = make_target(code=f"G{n:02d}")
            MonthlyValue.objects.create(target=target, unit=target.lead_unit, month=date(target.plan.year, 1, 1),
                                        value=1)

    make_target(code="G99")
    from django.core.cache import cache
    before_api = None
    client.force_login(users.office)
    from tests.helpers.permissions import count_queries
    before_api = count_queries(client, "/api/v1/targets/")
    client.logout()
    before_public = count_queries(client, "/targets/public/?nocache=1")
    grow()
    cache.clear()
    client.force_login(users.office)
    assert count_queries(client, "/api/v1/targets/") <= before_api
    client.logout()
    cache.clear()
    assert count_queries(client, "/targets/public/?nocache=2") <= before_public


# --- Excel upload of a month's values (the shared import engine) ------------------------------------------
def _sheet(rows):
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(["目标编号", "单位", "月份", "数值", "说明"])
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return SimpleUploadedFile("values.xlsx", buffer.getvalue())


def test_a_town_uploads_its_months_values_after_a_preview_all_or_nothing(client, users, units, households,
                                                                         open_month, make_target):
    from gaoyou_portal.models import ImportJob

    other = make_target(code="B13", title="另一项填报目标", lead_unit=units.town)
    month = open_month.strftime("%Y-%m")
    client.force_login(users.reporter)
    url = reverse("targets:value_import")
    bad = client.post(url, {"file": _sheet([["B12", "测试甲镇", month, 7, "签约7户"],
                                            ["B12", "测试乙镇", month, 3, ""]])})
    assert "只能为本单位的分解任务填报。" in bad.content.decode()
    assert not MonthlyValue.objects.exists()
    response = client.post(url, {"file": _sheet([["B12", "测试甲镇", month, 7, "签约7户"],
                                                 ["b13", "甲镇", month, 2, ""]])})
    assert response.status_code == 200 and not MonthlyValue.objects.exists()  # the preview saves nothing
    job = ImportJob.objects.filter(spec="targets.values").latest("pk")
    response = client.post(reverse("import_confirm", args=[job.pk]))
    assert response.status_code == 302
    assert {(v.target.code, v.value) for v in MonthlyValue.objects.all()} == {("B12", Decimal(7)), ("B13", Decimal(2))}
    assert other.values.get().entered_by == users.reporter


def test_the_office_splits_a_target_on_the_page_and_a_wrong_sum_is_refused(client, users, units, make_target):
    target = make_target(figure=Decimal(600))
    url = reverse("targets:quotas_edit", args=[target.pk])
    assert_access(client, url, inside=[users.office], outside=[users.leader, users.reporter])
    client.force_login(users.office)
    response = client.post(url, {f"unit-{units.town.pk}": "400", f"unit-{units.other_town.pk}": "100"})
    assert response.status_code == 400 and "分解任务合计 500，而目标为 600户。" in response.content.decode()
    assert not Quota.objects.exists()
    client.post(url, {f"unit-{units.town.pk}": "400", f"unit-{units.other_town.pk}": "200"})
    assert dict(Quota.objects.values_list("unit__code", "figure")) == {"t-town": Decimal(400), "t-other": Decimal(200)}


def _plan_sheet(rows):
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from openpyxl import Workbook

    from targets.imports import TargetPlanImport

    book = Workbook()
    book.active.append(TargetPlanImport(user=None).headers)
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return SimpleUploadedFile("plan.xlsx", buffer.getvalue())


def test_the_office_sets_up_next_years_plan_from_a_sheet(client, users, units, year):
    from gaoyou_portal.models import ImportJob
    from targets.models import Target

    good = ["B12", "着眼禀赋条件 · 城乡", "600户零散农户集中居住", "", "本年签约入住户数", "各镇按月填报",
            "单位填报", 600, "户", "", f"{year + 1}-12-31",
            "", "", "", "测试局", "测试甲镇、测试乙镇", "测试领导", "是", "否"]
    derived = ["E02", "聚焦经济发展", "省级重大项目开工", "", "上半年开工个数", "重大项目台账",
               "系统自动计算", 3, "个", "不低于", f"{year + 1}-06-30",
               "", "projects.nope", "", "测试局", "", "", "是", "否"]
    url = reverse("targets:plan_import") + f"?year={year + 1}"
    assert_access(client, url, inside=[users.office], outside=[users.leader, users.reporter])
    client.force_login(users.office)
    response = client.post(url, {"file": _plan_sheet([good, derived])})
    assert "“projects.nope” 不是已登记的指标" in response.content.decode()
    assert not Target.objects.exists()
    derived[12] = "projects.provincial_started"
    client.post(url, {"file": _plan_sheet([good, derived])})
    job = ImportJob.objects.filter(spec="targets.plan").latest("pk")
    client.post(reverse("import_confirm", args=[job.pk]))
    households = Target.objects.get(plan__year=year + 1, code="B12")
    assert households.section.subtitle == "城乡" and households.figure == Decimal(600)
    assert set(households.responsible_units.all()) == {units.town, units.other_town}
    assert Target.objects.get(code="E02").metric == "projects.provincial_started"


def test_the_dashboard_shows_the_plan_panel_with_what_is_behind(client, users, make_target, year):
    lagging = make_target(code="A02", title="滞后目标", figure=Decimal(100))
    MonthlyValue.objects.create(target=lagging, unit=lagging.lead_unit, month=date(year, 1, 1), value=1)
    client.force_login(users.leader)
    page = client.get(reverse("dashboard")).content.decode()
    assert f"{year}年目标任务" in page
    if timezone.localdate() > date(year, 3, 1):
        assert "A02 滞后目标" in page
