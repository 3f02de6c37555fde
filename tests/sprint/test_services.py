"""The scoring service: actual values from project data, scores, ranks, flags, reruns and refusals."""

from datetime import date
from decimal import Decimal

import pytest

from gaoyou_portal.errors import DomainError
from projects.sprint import services
from projects.sprint.choices import RunStatus
from projects.sprint.models import ScoringRun, SprintRace, SprintScore
from projects.sprint.services import runs

from .factories import add_project, make_scheme, office_value

pytestmark = pytest.mark.django_db
TODAY = date(2026, 11, 28)


def score(quarter=1, year=2026, **kw):
    return services.race_score(year=year, quarter=quarter, today=TODAY, **kw)


def test_it_scores_from_project_data_and_explains_each_figure(units, users):
    scheme = make_scheme([units.town, units.other_town, units.park, units.dept])
    add_project(units.town, reports=[(date(2026, 1, 1), 200), (date(2026, 3, 1), 100), (date(2026, 4, 1), 999)],
                served_by=[units.dept])
    add_project(units.town, signed=date(2026, 3, 31))
    add_project(units.town, signed=date(2026, 4, 1))  # after Q1
    office_value(scheme, units.town, 1, 30)
    run = score(user=users.office)
    assert run.status == RunStatus.SUCCEEDED and run.score_count == 4 and len(run.input_digest) == 64
    town = SprintScore.objects.get(unit=units.town)
    rows = {row["code"]: row for row in town.breakdown}
    # Q1 share 30%: signed 2 of 1.2 due (capped at 120%), investment 300 of 300 due, office 30 of 30.
    assert rows["signed"]["actual"] == "2.00" and rows["signed"]["target"] == "1.00"  # a count due: whole (1.2 -> 1)
    assert rows["signed"]["points"] == "48.00" and rows["signed"]["capped"] is True
    assert rows["invest"]["actual"] == "300.00" and rows["invest"]["points"] == "40.00"
    assert rows["office"]["points"] == "20.00"
    assert town.score == Decimal("108.00") and town.rank == 1 and town.flag == "red"
    dept = SprintScore.objects.get(unit=units.dept)  # a department counts the projects it serves
    assert {r["code"]: r["actual"] for r in dept.breakdown}["invest"] == "300.00"
    assert SprintScore.objects.get(unit=units.other_town).flag == "yellow"


def test_a_rerun_replaces_the_scores_and_gives_the_same_result(units, users):
    make_scheme([units.town, units.other_town, units.park])
    add_project(units.town, reports=[(date(2026, 2, 1), 100)])
    first = score()
    before = list(SprintScore.objects.values_list("unit_id", "score", "rank", "flag").order_by("unit_id"))
    second = score()
    after = list(SprintScore.objects.values_list("unit_id", "score", "rank", "flag").order_by("unit_id"))
    assert before == after and SprintScore.objects.count() == 3
    assert first.input_digest == second.input_digest
    assert ScoringRun.objects.filter(status=RunStatus.SUCCEEDED).count() == 2


def test_a_failure_mid_run_keeps_the_previous_complete_result(units, monkeypatch):
    make_scheme([units.town, units.other_town, units.park])
    score()
    before = list(SprintScore.objects.values_list("id", "score"))

    def boom(*args, **kwargs):
        raise RuntimeError("worker killed")

    # The new scores fail to go in after the old ones were deleted: the transaction takes both back.
    monkeypatch.setattr(runs, "_insert_scores", boom)
    with pytest.raises(RuntimeError):
        score()
    assert list(SprintScore.objects.values_list("id", "score")) == before
    assert ScoringRun.objects.order_by("-id").first().status == RunStatus.FAILED


def test_it_refuses_a_future_quarter_and_saves_nothing(units):
    make_scheme([units.town, units.other_town, units.park])
    with pytest.raises(DomainError) as error:
        score(quarter=4)
    assert "2026年第4季度尚未结束" in error.value.messages[0]
    assert not SprintRace.objects.exists() and not SprintScore.objects.exists()
    assert ScoringRun.objects.get().status == RunStatus.REFUSED


def test_it_refuses_to_rescore_a_published_race(units, users):
    make_scheme([units.town, units.other_town, units.park])
    run = score()
    services.race_publish(race=run.race, user=users.office)
    before = list(SprintScore.objects.values_list("id", "score"))
    with pytest.raises(DomainError) as error:
        score()
    assert error.value.messages == ["该冲刺赛已发布并冻结，须由考核办重新开放后才能重新评分。"]
    assert list(SprintScore.objects.values_list("id", "score")) == before
    services.race_reopen(race=run.race, user=users.office, reason="数据更正")
    assert score().status == RunStatus.SUCCEEDED


def test_scoring_reads_each_table_once_whatever_the_volume(units):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    make_scheme([units.town, units.other_town, units.park, units.dept])
    add_project(units.town, reports=[(date(2026, 1, 1), 10)], milestones=[("started", date(2026, 2, 1))])

    def count():
        with CaptureQueriesContext(connection) as ctx:
            score()
        return len(ctx.captured_queries)

    count()  # the first run also creates the race
    small = count()
    for n in range(30):
        unit = (units.town, units.other_town, units.park)[n % 3]
        add_project(unit, reports=[(date(2026, 1, 1), n), (date(2026, 2, 1), n)],
                    milestones=[("started", date(2026, 3, 1))], served_by=[units.dept])
    assert count() == small


def test_publishing_freezes_the_race_notifies_the_units_and_logs_it(units, users, mailoutbox):
    from org.models import Notice

    make_scheme([units.town, units.other_town, units.park, units.dept])
    run = score()
    services.race_publish(race=run.race, user=users.office)
    run.race.refresh_from_db()
    assert run.race.is_published and run.race.published_by == users.office
    notices = Notice.objects.filter(recipient=users.reporter)
    assert notices.count() == 1 and "2026" in notices.get().title
    assert notices.get().link == f"/sprint/races/{run.race.pk}/scores/{SprintScore.objects.get(unit=units.town).pk}/"
    with pytest.raises(DomainError):
        services.race_publish(race=run.race, user=users.office)
    with pytest.raises(DomainError) as error:
        services.race_reopen(race=run.race, user=users.office, reason="")
    assert run.race.history.first().history_change_reason
    services.race_reopen(race=run.race, user=users.office, reason="补录三月报表")
    run.race.refresh_from_db()
    assert run.race.status == "draft"
    assert "补录三月报表" in run.race.history.first().history_change_reason
    assert error.value.message_dict["reason"]


def test_weights_that_do_not_add_up_to_100_are_refused_and_nothing_is_saved(units, users):
    scheme = make_scheme([units.town])
    rows = [{"id": i.id, "code": i.code, "name": i.name, "weight": i.weight, "measure": i.measure,
             "groups": i.groups, "derivation": i.derivation} for i in scheme.indicators.all()]
    rows[0]["weight"] = Decimal(50)
    with pytest.raises(DomainError) as error:
        services.indicators_save(scheme=scheme, rows=rows, user=users.office)
    assert "乡镇（园区）适用指标的权重之和为110，不是100。" in error.value.messages
    assert scheme.ind["signed"].__class__.objects.get(pk=scheme.ind["signed"].pk).weight == 40


def test_an_indicator_without_a_derivation_is_refused(units, users):
    scheme = make_scheme([units.town])
    rows = [{"id": i.id, "delete": True} for i in scheme.indicators.all() if i.code == "office"]
    rows.append({"code": "new", "name": "新指标", "weight": Decimal(20), "measure": "个", "groups": "all",
                 "derivation": ""})
    with pytest.raises(DomainError) as error:
        services.indicators_save(scheme=scheme, rows=rows, user=users.office)
    assert "第2行（新指标）：请选择实际值来源。" in error.value.messages
    assert scheme.indicators.count() == 3 and scheme.indicators.filter(code="office").exists()


def test_a_target_of_zero_or_below_is_refused_and_nothing_is_saved(units, users):
    scheme = make_scheme([units.town, units.other_town])
    indicator = scheme.ind["signed"]
    with pytest.raises(DomainError) as error:
        services.targets_save(indicator=indicator, values={units.town.id: "9", units.other_town.id: "0"},
                              user=users.office)
    assert error.value.message_dict[f"unit_{units.other_town.id}"] == ["目标值必须大于零。"]
    assert indicator.targets.get(unit=units.town).target == 4
    with pytest.raises(DomainError):
        services.targets_save(indicator=indicator, values={units.town.id: "-3"}, user=users.office)


def test_flag_counts_larger_than_the_group_are_refused(units, users):
    scheme = make_scheme([units.town])
    with pytest.raises(DomainError) as error:
        services.scheme_save(user=users.office, scheme=scheme, data={"town_red_flags": 2, "town_yellow_flags": 2})
    assert "超过了单位数" in error.value.message_dict["town_red_flags"][0]
    scheme.refresh_from_db()
    assert scheme.town_red_flags == 1


def test_a_new_year_copies_the_indicators_or_starts_from_the_defaults(units, users):
    first = services.scheme_save(user=users.office, year=2027, data={"town_red_flags": 1, "town_yellow_flags": 1,
                                                                      "department_red_flags": 0,
                                                                      "department_yellow_flags": 0})
    assert first.indicators.count() == len(services.DEFAULT_INDICATORS)
    assert sum(i.weight for i in first.indicators.all()) == 100
    with pytest.raises(DomainError):
        services.scheme_save(user=users.office, year=2027, data={})


def test_a_unit_is_scored_only_on_the_indicators_it_has_targets_for_weights_normalised(units):
    scheme = make_scheme([units.town, units.other_town, units.park])
    scheme.ind["invest"].targets.filter(unit=units.park).delete()  # the park is not assessed on investment
    add_project(units.park, signed=date(2026, 2, 1))
    office_value(scheme, units.park, 1, 30)
    score()
    park = SprintScore.objects.get(unit=units.park)
    rows = {row["code"]: row for row in park.breakdown}
    assert set(rows) == {"signed", "office"}
    # Weights 40 and 20 normalised to 66.67 and 33.33: signed 1 of 1 due (1.2 projects is rounded: a quarter owes
    # whole things), office 30 of 30 due.
    assert rows["signed"]["weight"] == "66.67" and rows["signed"]["scheme_weight"] == "40.00"
    assert rows["signed"]["points"] == "66.67" and rows["office"]["points"] == "33.33"
    assert park.score == Decimal("100.00")
    town = SprintScore.objects.get(unit=units.town)  # a unit with every target keeps the scheme's weights
    assert [r["weight"] for r in town.breakdown] == ["40.00", "40.00", "20.00"]


def test_a_unit_with_only_the_offices_target_is_refused_by_name_and_nothing_is_saved(units):
    scheme = make_scheme([units.town, units.other_town, units.park])
    scheme.ind["invest"].targets.filter(unit=units.park).delete()
    scheme.ind["signed"].targets.filter(unit=units.park).delete()
    with pytest.raises(DomainError) as error:
        score()
    assert units.park.name in error.value.messages[0] and "考核办评分" in error.value.messages[0]
    assert not SprintScore.objects.exists()


def test_a_unit_not_assessed_gets_no_score_rank_flag_target_or_composite(units, users):
    from projects.sprint.models import AnnualTarget, CompositeEvaluation

    scheme = make_scheme([units.town, units.other_town, units.park, units.dept])
    units.dept.in_sprint_race = False
    units.dept.save()
    add_project(units.town, reports=[(date(2026, 1, 1), 100)])
    for quarter in (1, 2, 3, 4):
        run = services.race_score(year=2026, quarter=quarter, today=date(2027, 1, 20))
        services.race_publish(race=run.race, user=users.office, notify=False)
    assert not SprintScore.objects.filter(unit=units.dept).exists()
    assert SprintScore.objects.filter(race__quarter=1).count() == 3
    assert set(SprintScore.objects.values_list("rank", flat=True)) <= {1, 2, 3}
    services.assessments_save(year=2026, user=users.office,
                              values={u.pk: 80 for u in (units.town, units.other_town, units.park)})
    services.year_evaluate(year=2026, user=users.office)
    assert not CompositeEvaluation.objects.filter(unit=units.dept).exists()
    with pytest.raises(DomainError) as error:
        services.targets_save(indicator=scheme.ind["signed"], values={units.dept.pk: 3}, user=users.office)
    assert "不参加" in str(error.value.messages)
    assert AnnualTarget.objects.get(indicator=scheme.ind["signed"], unit=units.dept).target == 4  # unchanged
    assert units.dept not in services.selectors.participating_units()


def test_the_half_year_rule_is_checked_at_q2(units):
    scheme = make_scheme([units.town, units.other_town, units.park], targets={units.town: (1, 100, 10)})
    add_project(units.town, reports=[(date(2026, 5, 1), 60)])
    office_value(scheme, units.town, 2, 6)
    score(quarter=2)
    assert SprintScore.objects.get(unit=units.town).half_year_met is True
    assert SprintScore.objects.get(unit=units.park).half_year_met is False
    score(quarter=1)
    assert SprintScore.objects.filter(race__quarter=1, half_year_met__isnull=False).count() == 0


def test_the_command_scores_a_quarter(units, capsys):
    from django.core.management import CommandError, call_command

    make_scheme([units.town, units.other_town, units.park])
    with pytest.raises(CommandError):
        call_command("score_sprint", "--year", "2099", "--quarter", "1")
    call_command("score_sprint", "--year", "2026", "--quarter", "1")
    assert SprintScore.objects.count() == 3


def test_the_beat_schedule_exists():
    from django_celery_beat.models import PeriodicTask

    task = PeriodicTask.objects.get(task="sprint.score_sprint_race")
    assert task.enabled and task.crontab.month_of_year == "1,4,7,10"


def test_the_task_scores_the_quarter_just_ended_and_records_refusals(units, users):
    from projects.sprint.tasks import score_sprint_race

    make_scheme([units.town, units.other_town, units.park])
    result = score_sprint_race.delay(2026, 1).get()
    assert result["status"] == "succeeded" and result["scores"] == 3
    race = SprintRace.objects.get(year=2026, quarter=1)
    services.race_publish(race=race, user=users.office)
    refused = score_sprint_race.delay(2026, 1).get()
    assert refused["status"] == "refused"
    assert ScoringRun.objects.filter(status=RunStatus.REFUSED, trigger="beat").count() == 1


def test_thresholds_milestones_and_served_projects_count_in_the_sql_roll_up(units):
    from projects.sprint.choices import Derivation
    from projects.sprint.models import AnnualTarget, Indicator
    from projects.sprint.selectors import actual_values

    scheme = make_scheme([units.town, units.dept])
    large = Indicator.objects.create(scheme=scheme, code="large", name="亿元以上签约", weight=10, measure="个",
                                     derivation=Derivation.SIGNED_COUNT, min_investment=Decimal(10000))
    started = Indicator.objects.create(scheme=scheme, code="started", name="开工", weight=10, measure="个",
                                       derivation=Derivation.STARTED_COUNT)
    money = Indicator.objects.create(scheme=scheme, code="money", name="协议投资", weight=10, measure="万元",
                                     derivation=Derivation.SIGNED_INVESTMENT)
    for ind in (large, started, money):
        AnnualTarget.objects.create(indicator=ind, unit=units.town, target=1)
    add_project(units.town, total=Decimal("20000.50"), milestones=[("started", date(2026, 3, 5))],
                reports=[(date(2026, 1, 1), "0.10"), (date(2026, 2, 1), "0.20")], served_by=[units.dept])
    add_project(units.town, total=Decimal("5000.25"), milestones=[("started", date(2026, 4, 5))])
    add_project(units.town, signed=date(2025, 12, 31), total=Decimal(90000))  # last year: not counted
    values = actual_values(indicators=list(scheme.indicators.all()), year=2026, quarter=1)
    town = values[("town", units.town.id)]
    assert town[large.id] == 1 and town[started.id] == 1 and town[scheme.ind["signed"].id] == 2
    assert town[money.id] == Decimal("25000.75") and town[scheme.ind["invest"].id] == Decimal("0.30")
    dept = values[("department", units.dept.id)]
    assert dept[large.id] == 1 and dept[money.id] == Decimal("20000.50") and dept[started.id] == 1


def test_the_office_values_and_assessments_refuse_bad_numbers_by_unit_and_save_nothing(units, users):
    from projects.sprint.models import ManualValue, YearEndAssessment

    scheme = make_scheme([units.town, units.other_town, units.park])
    with pytest.raises(DomainError) as error:
        services.manual_values_save(indicator=scheme.ind["office"], quarter=3, user=users.office,
                                    values={units.town.pk: "-1", units.other_town.pk: "12", units.park.pk: ""})
    assert error.value.message_dict == {f"unit_{units.town.pk}": ["数值不能为负。"]}
    assert not ManualValue.objects.exists()
    with pytest.raises(DomainError) as error:
        services.assessments_save(year=2026, user=users.office,
                                  values={units.town.pk: "101", units.other_town.pk: "abc", units.park.pk: "88"})
    assert error.value.message_dict[f"unit_{units.town.pk}"] == ["考评得分须在0到100之间。"]
    assert list(error.value.message_dict) == [f"unit_{units.town.pk}", f"unit_{units.other_town.pk}"]
    assert not YearEndAssessment.objects.exists()
    saved = services.assessments_save(year=2026, user=users.office, values={units.park.pk: "88", units.town.pk: " "})
    assert saved == 1
    assert YearEndAssessment.objects.get().score == Decimal("88")
