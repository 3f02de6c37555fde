"""The consequence rules at their boundaries, and the office's decisions on the cases."""

from datetime import date
from decimal import Decimal

import pytest

from gaoyou_portal.errors import DomainError
from org.choices import UnitKind
from projects.sprint import scoring, services
from projects.sprint.choices import CaseStatus, RaceStatus
from projects.sprint.models import CompositeEvaluation, ConsequenceCase, SprintRace, SprintScore, YearEndAssessment
from projects.sprint.signals import consequence_confirmed
from tests.factories import UnitFactory

from .factories import SchemeFactory

TEXTS = {k: (lambda r, k=k: k) for k in ("race_bottom_three", "year_bottom_two", "two_years")}


def triggers(race_values, year_values=None, previous=()):
    year_values = year_values or race_values
    rows = [{"unit_id": i, "group": "town", "race_composite": Decimal(r), "year_end_score": Decimal(y)}
            for i, (r, y) in enumerate(zip(race_values, year_values, strict=True))]
    found = scoring.consequence_triggers(rows=rows, previous_bottom_two=set(previous), texts=TEXTS)
    return {(t.unit_id, t.kind) for t in found}


def test_bottom_three_of_the_four_race_composite_are_interviewed_and_the_fourth_is_not():
    found = triggers([90, 80, 70, 60, 50, 40], [90, 80, 70, 60, 50, 40])
    interviewed = {u for u, k in found if k == "interview"}
    assert interviewed == {3, 4, 5}
    assert {u for u, k in found if k == "no_awards"} == {4, 5}
    assert not {k for _u, k in found if k == "reassignment"}


def test_a_tie_at_the_bottom_three_boundary_includes_every_tied_unit():
    found = triggers([90, 80, 60, 60, 50, 40], [90, 80, 70, 65, 50, 40])
    assert {u for u, k in found if k == "interview"} == {2, 3, 4, 5}


def test_when_every_unit_ties_nobody_is_singled_out():
    assert triggers([50, 50, 50, 50]) == set()


def test_bottom_two_two_years_running_proposes_reassignment_only_then():
    found = triggers([90, 80, 70, 60], previous=[3, 0])
    assert (3, "reassignment") in found
    assert (0, "reassignment") not in found  # bottom two last year, top this year
    assert (2, "reassignment") not in found  # bottom two this year only


def _year(year, units, scores, assessments):
    """Four published races of ``year`` with the given per-unit scores, and the assessments."""
    scheme = SchemeFactory(year=year, town_red_flags=0, town_yellow_flags=0)
    for quarter in (1, 2, 3, 4):
        race = SprintRace.objects.create(scheme=scheme, year=year, quarter=quarter, status=RaceStatus.PUBLISHED)
        for position, (unit, score) in enumerate(zip(units, scores, strict=True), start=1):
            SprintScore.objects.create(race=race, unit=unit, group="town", score=Decimal(score), rank=position,
                                       position=position)
    for unit, value in zip(units, assessments, strict=True):
        YearEndAssessment.objects.create(year=year, unit=unit, score=Decimal(value))


@pytest.mark.django_db
def test_the_year_evaluation_proposes_cases_with_evidence_and_two_years_running(users):
    units = [UnitFactory(code=f"c{i}", name=f"考评镇{i}", kind=UnitKind.TOWN, order=i) for i in range(5)]
    _year(2025, units, [90, 80, 70, 60, 50], [80, 80, 80, 80, 80])
    services.year_evaluate(year=2025, user=users.office)
    assert set(CompositeEvaluation.objects.filter(year=2025, year_end_bottom_two=True)
               .values_list("unit__code", flat=True)) == {"c3", "c4"}
    assert not ConsequenceCase.objects.filter(kind="reassignment").exists()
    _year(2026, units, [50, 80, 70, 90, 60], [80, 80, 80, 80, 80])
    result = services.year_evaluate(year=2026, user=users.office)
    cases = {(c.unit.code, c.kind) for c in ConsequenceCase.objects.filter(year=2026)}
    assert ("c4", "reassignment") in cases  # bottom two in 2025 and 2026
    assert ("c0", "reassignment") not in cases  # bottom two in 2026 only
    assert ("c3", "interview") not in cases  # top in 2026
    assert result["proposed"] == len(cases)
    evidence = ConsequenceCase.objects.get(year=2026, unit__code="c0", kind="no_awards").evidence
    assert "2026" in evidence and "50.00" in evidence
    # A rerun changes nothing.
    assert services.year_evaluate(year=2026, user=users.office)["proposed"] == 0


@pytest.mark.django_db
def test_the_evaluation_needs_four_published_races_and_every_assessment(users):
    units = [UnitFactory(code=f"d{i}", kind=UnitKind.TOWN) for i in range(3)]
    _year(2025, units, [90, 80, 70], [80, 80, 80])
    YearEndAssessment.objects.filter(unit=units[0]).delete()
    with pytest.raises(DomainError):
        services.year_evaluate(year=2025, user=users.office)
    SprintRace.objects.filter(year=2025, quarter=4).update(status=RaceStatus.DRAFT)
    with pytest.raises(DomainError):
        services.year_evaluate(year=2025, user=users.office)
    assert not CompositeEvaluation.objects.exists() and not ConsequenceCase.objects.exists()


@pytest.mark.django_db
def test_confirming_a_case_sends_the_signal_inside_the_transaction_and_keeps_history(users, units):
    case = ConsequenceCase.objects.create(unit=units.town, year=2025, kind="interview", evidence="后3位")
    heard = []

    def listener(sender, consequence, user, **kwargs):
        status = ConsequenceCase.objects.get(pk=consequence.id).status  # inside the transaction: confirmed
        heard.append((sender, consequence.id, consequence.kind, status, user))

    consequence_confirmed.connect(listener)
    try:
        services.case_confirm(case=case, user=users.office, reason="同意约谈")
    finally:
        consequence_confirmed.disconnect(listener)
    case.refresh_from_db()
    assert case.status == CaseStatus.CONFIRMED and case.decided_by == users.office and case.decided_at
    assert heard == [(ConsequenceCase, case.pk, "interview", CaseStatus.CONFIRMED, users.office)]
    assert case.history.first().history_user == users.office
    with pytest.raises(DomainError):
        services.case_dismiss(case=case, user=users.office, reason="再议")


@pytest.mark.django_db
def test_a_decision_without_a_reason_is_refused_and_nothing_changes(users, units):
    case = ConsequenceCase.objects.create(unit=units.town, year=2025, kind="interview", evidence="后3位")
    with pytest.raises(DomainError) as error:
        services.case_dismiss(case=case, user=users.office, reason="  ")
    assert "reason" in error.value.message_dict
    case.refresh_from_db()
    assert case.status == CaseStatus.PROPOSED and case.decided_at is None


def test_quarter_end_dates():
    from projects.sprint.selectors import quarter_end
    from projects.sprint.tasks import previous_quarter

    assert quarter_end(2026, 2) == date(2026, 6, 30)
    assert previous_quarter(date(2026, 1, 10)) == (2025, 4)
    assert previous_quarter(date(2026, 7, 10)) == (2026, 2)
