"""Services: validation (the bad-input cases, in Chinese, nothing saved), history, never deleted."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from cadres import services
from cadres.choices import FaultDecision, InterviewKind, PostChangeKind
from cadres.models import (
    AccessLog,
    Cadre,
    CadreTypeAssessment,
    FaultToleranceCase,
    Interview,
    PostChange,
    WorkStyleCase,
)
from gaoyou_portal.audit import history_rows
from gaoyou_portal.errors import DomainError

from .factories import AssessmentFactory, CadreFactory

pytestmark = [pytest.mark.django_db, pytest.mark.date_dependent]
TODAY = timezone.localdate()


def cadre_data(units, **overrides):
    return {"name": "王新", "sex": "male", "year_of_birth": TODAY.year - 35, "unit": units.town, "post": "副镇长",
            "rank": "deputy_section", **overrides}


def messages_of(exc):
    return " ".join(m for ms in exc.value.message_dict.values() for m in ms)


@pytest.mark.parametrize("age", [17, 71, 5, 90])
def test_it_rejects_a_cadre_younger_than_18_or_older_than_70(users, units, age):
    with pytest.raises(DomainError) as exc:
        services.cadre_create(data=cadre_data(units, year_of_birth=TODAY.year - age), user=users.orgdept)
    assert "干部年龄须在18至70岁之间" in messages_of(exc)
    assert "year_of_birth" in exc.value.message_dict
    assert not Cadre.objects.exists()


@pytest.mark.parametrize("age", [18, 70])
def test_it_accepts_the_age_limits(users, units, age):
    cadre = services.cadre_create(data=cadre_data(units, year_of_birth=TODAY.year - age), user=users.orgdept)
    assert cadre.age == age
    assert history_rows(cadre)[0]["user"] == users.orgdept


def test_it_rejects_a_front_line_end_before_its_start(users, units):
    data = cadre_data(units, front_line="investment", front_line_since=TODAY,
                      front_line_until=TODAY - datetime.timedelta(days=1))
    with pytest.raises(DomainError) as exc:
        services.cadre_create(data=data, user=users.orgdept)
    assert "结束日期不能早于开始日期" in messages_of(exc)
    assert not Cadre.objects.exists()


def test_it_rejects_a_work_style_case_closed_before_it_opened(users, cadre):
    with pytest.raises(DomainError) as exc:
        services.record_create(model=WorkStyleCase, cadre=cadre, user=users.orgdept, data={
            "campaign": "four_styles", "facts": "x", "outcome": "整改", "status": "closed", "opened_on": TODAY,
            "closed_on": TODAY - datetime.timedelta(days=3)})
    assert "结束日期不能早于开始日期" in messages_of(exc)
    assert not WorkStyleCase.objects.exists()


def test_it_rejects_a_fault_tolerance_decision_without_the_rule_applied(users, cadre):
    with pytest.raises(DomainError) as exc:
        services.record_create(model=FaultToleranceCase, cadre=cadre, user=users.orgdept, data={
            "occurred_on": TODAY - datetime.timedelta(days=9), "facts": "先行先试", "rule_applied": "  ",
            "decision": FaultDecision.TOLERATED, "decided_on": TODAY})
    assert "作出容错决定须写明所适用的条款" in messages_of(exc)
    assert "rule_applied" in exc.value.message_dict
    assert not FaultToleranceCase.objects.exists()


def test_a_fault_tolerance_case_can_wait_for_its_decision(users, cadre):
    case = services.record_create(model=FaultToleranceCase, cadre=cadre, user=users.orgdept, data={
        "occurred_on": TODAY, "facts": "先行先试"})
    assert case.is_open and case.recorded_by == users.orgdept


def test_it_rejects_an_interview_for_a_unit_without_a_confirmed_consequence(users, cadre):
    with pytest.raises(DomainError) as exc:
        services.record_create(model=Interview, cadre=cadre, user=users.orgdept, data={
            "kind": InterviewKind.CONSEQUENCE, "unit": cadre.unit, "reason": "约谈"})
    assert "没有已确认的冲刺赛问责事项" in messages_of(exc)
    assert not Interview.objects.exists()


def test_a_conduct_interview_needs_no_consequence(users, cadre):
    interview = services.record_create(model=Interview, cadre=cadre, user=users.orgdept, data={
        "kind": InterviewKind.CONDUCT, "reason": "提醒谈话"})
    assert interview.unit == cadre.unit and interview.status == "pending"


def test_only_the_department_writes(users, units, grantee):
    for user in [users.admin, users.leader, grantee, users.office]:
        with pytest.raises(DomainError):
            services.cadre_create(data=cadre_data(units), user=user)
    assert not Cadre.objects.exists()


def test_an_assessment_sets_the_current_type_and_a_correction_keeps_history(users, cadre):
    old = AssessmentFactory(cadre=cadre, cadre_type="ox", assessed_on=TODAY - datetime.timedelta(days=400))
    services.record_create(model=CadreTypeAssessment, cadre=cadre, user=users.orgdept, data={
        "cadre_type": "cheetah", "facts": "快速创新", "assessed_by": "考察组", "assessed_on": TODAY})
    cadre.refresh_from_db()
    assert cadre.current_type == "cheetah"
    with pytest.raises(DomainError) as exc:
        services.record_correct(record=old, data={"facts": "新"}, user=users.orgdept, reason="")
    assert "reason" in exc.value.message_dict
    services.record_correct(record=old, data={"facts": "补充事实"}, user=users.orgdept, reason="补充考察材料")
    old.refresh_from_db()
    row = history_rows(old)[0]
    assert old.facts == "补充事实" and row["reason"] == "补充考察材料" and row["user"] == users.orgdept


def test_a_post_change_moves_the_cadre(users, cadre):
    services.record_create(model=PostChange, cadre=cadre, user=users.orgdept, data={
        "kind": PostChangeKind.PROMOTION, "to_post": "市商务局局长", "new_rank": "division", "reason": "实绩突出",
        "effective_on": TODAY})
    cadre.refresh_from_db()
    assert (cadre.post, cadre.rank) == ("市商务局局长", "division")


def test_records_are_never_deleted(cadre, records):
    for record in [cadre, *vars(records).values()]:
        with pytest.raises(DomainError):
            record.delete()
        with pytest.raises(DomainError):
            type(record).objects.filter(pk=record.pk).delete()
        assert type(record).objects.filter(pk=record.pk).exists()


def test_the_access_log_is_append_only(users, cadre):
    entry = services.access_record(user=users.orgdept, action="view", path="/cadres/1/", cadre=cadre)
    entry.path = "/changed/"
    with pytest.raises(DomainError):
        entry.save()
    with pytest.raises(DomainError):
        entry.delete()
    with pytest.raises(DomainError):
        AccessLog.objects.filter(pk=entry.pk).update(path="/x/")
    with pytest.raises(DomainError):
        AccessLog.objects.all().delete()
    entry = AccessLog.objects.reads().get()
    assert entry.path == "/cadres/1/"


def test_the_database_refuses_changes_to_the_access_log_on_postgresql(postgres_required, users, cadre):
    from django.db import DatabaseError, connection, transaction

    entry = services.access_record(user=users.orgdept, action="view", path="/cadres/1/", cadre=cadre)
    for sql in ["UPDATE cadres_accesslog SET path = 'x'", "DELETE FROM cadres_accesslog"]:
        with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql)
    assert AccessLog.objects.get(pk=entry.pk).path == "/cadres/1/"


def test_grants_are_revoked_once_and_keep_history(users):
    grant = services.grant_create(grantee=users.leader, reason="巡察", starts_on=TODAY, user=users.orgdept)
    assert grant.is_active
    services.grant_revoke(grant=grant, user=users.orgdept)
    with pytest.raises(DomainError):
        services.grant_revoke(grant=grant, user=users.orgdept)
    with pytest.raises(DomainError) as exc:
        services.grant_create(grantee=users.leader, reason="巡察", starts_on=TODAY,
                              ends_on=TODAY - datetime.timedelta(days=1), user=users.orgdept)
    assert "结束日期不能早于开始日期" in messages_of(exc)
    grant.refresh_from_db()
    assert not grant.is_active and len(history_rows(grant)) == 2


@pytest.mark.clock("2026-12-07T10:00")  # the demo as seeded on the day these figures were written for
def test_the_demo_seeder_adds_80_cadres_once():
    from cadres import demo
    from leaders import demo as leaders_demo
    from org import demo as org_demo
    org_demo.seed()

    leaders_demo.seed()
    demo.seed()
    assert Cadre.objects.count() == 80
    assert Cadre.objects.filter(unit__code="longqiu").exists()
    for model in [CadreTypeAssessment, FaultToleranceCase, PostChange, WorkStyleCase, Interview]:
        assert model.objects.exists(), model
    assert Cadre.objects.exclude(front_line="").count() >= 15
    demo.seed()
    assert Cadre.objects.count() == 80


def test_a_cadre_outside_the_working_ages_is_refused(units):
    cadre = CadreFactory.build(unit=units.town, year_of_birth=timezone.localdate().year - 16)
    with pytest.raises(ValidationError) as caught:
        cadre.full_clean()
    year = timezone.localdate().year - 16
    assert caught.value.message_dict == {"year_of_birth": [f"干部年龄须在18至70岁之间：出生年份{year}对应16岁。"]}
