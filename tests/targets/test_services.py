"""The plan's writes: values, quotas, corrections, stages, incidents, explanations; bad input refused in
Chinese with nothing saved."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from targets import services
from targets.choices import ExplanationState, Status, TargetKind
from targets.models import Explanation, Incident, MonthlyValue, Quota, Target
from targets.selectors import evaluate_targets


def messages_of(excinfo):
    exc = excinfo.value
    if hasattr(exc, "error_dict"):
        return [m for errors in exc.message_dict.values() for m in errors]
    return exc.messages


def day(year, month, d):
    return date(year, month, d)


# --- monthly values ------------------------------------------
def test_a_town_reports_its_quota_and_the_board_sums_the_towns(households, units, users, year):
    today = day(year, 6, 3)
    services.value_submit(target=households, unit=units.town, month=day(year, 5, 1), value="120", note="签约入住",
                          user=users.reporter, today=today)
    services.value_submit(target=households, unit=units.other_town, month=day(year, 5, 1), value="30",
                          user=users.other_reporter, today=today)
    row = evaluate_targets([households], today=today)[0]
    assert row.evaluation.actual == Decimal("150")
    value = MonthlyValue.objects.get(unit=units.town)
    assert value.note == "签约入住"
    assert value.history.first().history_user == users.reporter


def test_a_unit_cannot_report_for_another_units_quota(households, units, users, year):
    with pytest.raises(ValidationError) as excinfo:
        services.value_submit(target=households, unit=units.other_town, month=day(year, 5, 1), value="10",
                              user=users.reporter, today=day(year, 6, 3))
    assert messages_of(excinfo) == ["只能为本单位的分解任务填报。"]
    assert not MonthlyValue.objects.exists()


def test_a_unit_without_a_quota_cannot_report(households, units, users, year):
    with pytest.raises(ValidationError) as excinfo:
        services.value_submit(target=households, unit=units.park, month=day(year, 5, 1), value="10",
                              user=users.office, today=day(year, 6, 3))
    assert messages_of(excinfo) == ["测试园区 没有该目标的分解任务。"]


@pytest.mark.parametrize(("month", "today", "message"), [
    ((6, 1), (6, 24), "{year}年6月 尚未开放填报（{year}年6月25日 起开放）。"),
    ((3, 1), (4, 6), "{year}年3月 已于 {year}年4月5日 锁定，如需更正请联系考核办。"),
])
def test_it_rejects_a_month_not_open_or_locked(households, units, users, year, month, today, message):
    with pytest.raises(ValidationError) as excinfo:
        services.value_submit(target=households, unit=units.town, month=day(year, *month), value="10",
                              user=users.reporter, today=day(year, *today))
    assert messages_of(excinfo) == [message.format(year=year)]  # the plan's year, whichever year the suite runs in
    assert not MonthlyValue.objects.exists()


def test_last_month_stays_open_until_the_deadline_day(households, units, users, year):
    services.value_submit(target=households, unit=units.town, month=day(year, 3, 1), value="10",
                          user=users.reporter, today=day(year, 4, 5))
    assert MonthlyValue.objects.count() == 1


def test_it_rejects_a_negative_count(households, units, users, year):
    with pytest.raises(ValidationError) as excinfo:
        services.value_submit(target=households, unit=units.town, month=day(year, 5, 1), value="-3",
                              user=users.reporter, today=day(year, 6, 3))
    assert messages_of(excinfo) == ["数值不能为负。"]
    assert not MonthlyValue.objects.exists()


def test_a_second_value_for_the_same_month_must_be_a_correction(households, units, users, year):
    kwargs = {"target": households, "unit": units.town, "month": day(year, 5, 1), "user": users.reporter,
              "today": day(year, 6, 3)}
    services.value_submit(value="10", **kwargs)
    with pytest.raises(ValidationError):
        services.value_submit(value="12", **kwargs)
    assert MonthlyValue.objects.get().value == Decimal("10")


def test_a_correction_needs_a_reason_and_shows_in_the_history(households, units, users, year):
    record = services.value_submit(target=households, unit=units.town, month=day(year, 5, 1), value="10",
                                   user=users.reporter, today=day(year, 6, 3))
    with pytest.raises(ValidationError) as excinfo:
        services.value_correct(record=record, value="12", reason=" ", user=users.reporter, today=day(year, 6, 4))
    assert messages_of(excinfo) == ["更正须说明原因。"]
    services.value_correct(record=record, value="12", reason="漏报2户", user=users.reporter, today=day(year, 6, 4))
    record.refresh_from_db()
    assert record.value == Decimal("12")
    latest = record.history.first()
    assert latest.history_change_reason == "更正：漏报2户"
    assert latest.history_user == users.reporter


def test_a_locked_month_is_corrected_by_the_office_only(households, units, users, year):
    record = services.value_submit(target=households, unit=units.town, month=day(year, 5, 1), value="10",
                                   user=users.reporter, today=day(year, 6, 3))
    with pytest.raises(ValidationError):
        services.value_correct(record=record, value="12", reason="漏报", user=users.reporter, today=day(year, 7, 1))
    services.value_correct(record=record, value="12", reason="核查更正", user=users.office, today=day(year, 7, 1))
    record.refresh_from_db()
    assert record.value == Decimal("12")


# --- quotas ------------------------------------------
def test_a_quota_split_must_add_up_to_the_target(make_target, units, users):
    target = make_target(figure=Decimal(600))
    with pytest.raises(ValidationError) as excinfo:
        services.quotas_set(target=target, quotas={units.town: 400, units.other_town: 150}, user=users.office)
    assert messages_of(excinfo) == ["分解任务合计 550，而目标为 600户。"]
    assert not Quota.objects.exists()
    services.quotas_set(target=target, quotas={units.town: 400, units.other_town: 200}, user=users.office)
    assert sorted(Quota.objects.values_list("figure", flat=True)) == [Decimal(200), Decimal(400)]


def test_only_the_office_splits_a_target(make_target, units, users):
    target = make_target(figure=Decimal(600))
    with pytest.raises(ValidationError):
        services.quotas_set(target=target, quotas={units.town: 600}, user=users.reporter)
    assert not Quota.objects.exists()


# --- the plan's own rules ------------------------------------------
def test_a_derived_target_must_name_a_registered_metric(plan, section, units, users):
    target = Target(plan=plan, section=section, code="X1", title="无来源", kind=TargetKind.DERIVED, figure=3,
                    metric="projects.nonexistent", deadline=date(plan.year, 6, 30), lead_unit=units.dept,
                    definition="上半年开工的省级项目个数", data_source="重大项目台账", aggregation="cumulative")
    with pytest.raises(ValidationError) as excinfo:
        services.target_save(target=target, user=users.office)
    assert messages_of(excinfo)[0].startswith("“projects.nonexistent” 不是已登记的指标")
    assert not Target.objects.filter(code="X1").exists()


def test_a_derived_target_on_a_registered_metric_is_saved(plan, section, units, users):
    target = Target(plan=plan, section=section, code="X2", title="省级重大项目开工", kind=TargetKind.DERIVED, figure=3,
                    metric="projects.provincial_started", deadline=date(plan.year, 6, 30), lead_unit=units.dept,
                    definition="上半年开工的省级项目个数", data_source="重大项目台账", aggregation="cumulative")
    services.target_save(target=target, user=users.office)
    assert Target.objects.get(code="X2").history.first().history_user == users.office


# --- milestones and incidents ------------------------------------------
def test_a_stage_cannot_be_reached_in_the_future(works, users, year):
    stage = works.stages.get(name="开工")
    with pytest.raises(ValidationError) as excinfo:
        services.stage_reach(stage=stage, reached_on=day(year, 6, 2), evidence="开工令", user=users.office,
                             today=day(year, 6, 1))
    assert messages_of(excinfo) == ["节点不能在未来达成。"]
    stage.refresh_from_db()
    assert stage.reached_on is None
    services.stage_reach(stage=stage, reached_on=day(year, 6, 1), evidence="开工令", user=users.office,
                         today=day(year, 6, 1))
    stage.refresh_from_db()
    assert stage.reached_on == day(year, 6, 1)


def test_a_stage_is_recorded_by_the_lead_unit_not_another(works, users, year):
    stage = works.stages.get(name="立项")
    with pytest.raises(ValidationError):
        services.stage_reach(stage=stage, reached_on=day(year, 3, 1), evidence="批复", user=users.reporter,
                             today=day(year, 3, 2))
    services.stage_reach(stage=stage, reached_on=day(year, 3, 1), evidence="批复",
                         user=users.dept_reporter, today=day(year, 3, 2))


def test_an_incident_makes_a_zero_target_missed(make_target, users, year):
    target = make_target(kind=TargetKind.ZERO, title="重大活动期间不发生越级上访")
    services.incident_report(target=target, occurred_on=day(year, 9, 18), description="越级上访1起",
                             user=users.office, today=day(year, 9, 20))
    assert Incident.objects.count() == 1
    assert evaluate_targets([target], today=day(year, 9, 20))[0].evaluation.status == Status.MISSED


# --- the year-end explanation ----------------------------------------------------------------------------------------
def test_a_target_missed_at_its_deadline_is_explained_by_the_lead_unit_and_approved_by_the_office(
        make_target, users, year):
    target = make_target(figure=Decimal(10), deadline=day(year, 6, 30))
    with pytest.raises(ValidationError) as excinfo:
        services.explanation_draft(target=target, text="尚未到期", user=users.dept_reporter, today=day(year, 6, 30))
    assert messages_of(excinfo) == ["只有截止时未完成的目标需要作出说明。"]
    explanation = services.explanation_draft(target=target, text="受疫情影响推迟", user=users.dept_reporter,
                                             today=day(year, 7, 1))
    assert explanation.state == ExplanationState.DRAFT and not explanation.is_public
    with pytest.raises(ValidationError):
        services.explanation_approve(explanation=explanation, user=users.dept_reporter)
    services.explanation_approve(explanation=explanation, user=users.office)
    explanation.refresh_from_db()
    assert explanation.state == ExplanationState.APPROVED and explanation.is_public
    assert explanation.approved_by == users.office


def test_an_explanation_of_a_met_target_is_refused(make_target, units, users, year):
    target = make_target(figure=Decimal(1), deadline=day(year, 1, 31))
    MonthlyValue.objects.create(target=target, unit=units.dept, month=day(year, 1, 1), value=1)
    with pytest.raises(ValidationError):
        services.explanation_draft(target=target, text="x", user=users.office, today=day(year, 2, 1))
    assert not Explanation.objects.exists()


def test_next_years_plan_is_copied_without_values(households, works, users, plan, units):
    MonthlyValue.objects.create(target=households, unit=units.town, month=date(plan.year, 1, 1), value=5)
    new = services.plan_copy(source=plan, year=plan.year + 1, user=users.office)
    copied = new.targets.get(code="B12")
    assert copied.deadline == date(plan.year + 1, 12, 31)
    assert copied.quotas.count() == 2 and not copied.values.exists()
    assert new.targets.get(code="B04").stages.count() == 3
    assert plan.targets.count() == new.targets.count()



def test_reminders_name_the_values_a_unit_still_owes_once_a_day(households, units, users, year):
    from org.models import Notice

    today = day(year, 6, 1)  # May is open until 5 June
    MonthlyValue.objects.create(target=households, unit=units.other_town, month=day(year, 5, 1), value=3)
    assert services.reminders_send(today=today) == 1
    notice = Notice.objects.get(unit=units.town)
    assert "B12 600户零散农户集中居住" in notice.body and "2026年5月" in notice.body.replace(str(year), "2026")
    assert not Notice.objects.filter(unit=units.other_town).exists()
    form = f"/targets/{households.pk}/?unit={units.town.pk}&month={year}-05#enter"  # the value's own form
    assert form in notice.body and notice.link == form
    assert services.reminders_send(today=today) == 0
