"""The scoring service: actual values from project data, scores, ranks, flags, reruns and refusals."""

from datetime import date
from decimal import Decimal

import pytest

from gaoyou_portal.errors import DomainError
from projects.sprint import services
from projects.sprint.choices import RunStatus
from projects.sprint.models import ScoringRun, SprintRace, SprintScore

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
    assert rows["signed"]["actual"] == "2.00" and rows["signed"]["target"] == "1.20"
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

    monkeypatch.setattr(SprintScore.objects, "bulk_create", boom)
    with pytest.raises(RuntimeError):
        score()
    assert list(SprintScore.objects.values_list("id", "score")) == before
    assert ScoringRun.objects.order_by("-id").first().status == RunStatus.FAILED


def test_it_refuses_a_future_quarter_and_saves_nothing(units):
    make_scheme([units.town, units.other_town, units.park])
    with pytest.raises(DomainError) as error:
        score(quarter=4)
    assert "尚未结束" in str(error.value.messages) or "has not ended" in str(error.value.messages)
    assert not SprintRace.objects.exists() and not SprintScore.objects.exists()
    assert ScoringRun.objects.get().status == RunStatus.REFUSED


def test_it_refuses_to_rescore_a_published_race(units, users):
    make_scheme([units.town, units.other_town, units.park])
    run = score()
    services.race_publish(race=run.race, user=users.office)
    with pytest.raises(DomainError):
        score()
    services.race_reopen(race=run.race, user=users.office, reason="数据更正")
    assert score().status == RunStatus.SUCCEEDED
