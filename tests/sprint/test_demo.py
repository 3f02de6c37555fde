"""The sprint race's demo seeder: two past years and this one, targets sized to each unit's base, every
consequence rule shown, units not assessed left out, idempotent; and it still works with no projects."""

from decimal import Decimal

import pytest
from django.utils import timezone

from org import demo as org_demo
from org.models import Unit
from projects import demo as projects_demo
from projects.sprint import demo
from projects.sprint.models import (
    AnnualTarget,
    CompositeEvaluation,
    ConsequenceCase,
    ScoringRun,
    SprintRace,
    SprintScore,
)
from projects.sprint.selectors import quarter_end

pytestmark = pytest.mark.django_db


def test_the_seeder_shows_two_past_years_and_every_consequence_rule():
    org_demo.seed()
    projects_demo.seed()
    demo.seed()
    today = timezone.localdate()
    years = (today.year - 2, today.year - 1, today.year)
    past = {(y, q) for y in years for q in (1, 2, 3, 4) if quarter_end(y, q) < today}
    assert set(SprintRace.objects.filter(status="published").values_list("year", "quarter")) == past
    # Units not assessed in the race (考核办, 组织部) get no target, score or composite.
    outside = Unit.objects.filter(code__in=["khb", "zzb"])
    assert not outside.filter(in_sprint_race=True).exists()
    assert not AnnualTarget.objects.filter(unit__in=outside).exists()
    assert not SprintScore.objects.filter(unit__in=outside).exists()
    assert not CompositeEvaluation.objects.filter(unit__in=outside).exists()
    # Targets fit each unit's base: no completion rate beyond a few hundred percent.
    rates = [Decimal(row["rate"]) for s in SprintScore.objects.all() for row in s.breakdown]
    assert max(rates) < 500
    # Every assessed unit is ranked on project data, never on the office's score alone.
    for score in SprintScore.objects.all():
        assert any(row["derivation"] != "manual" for row in score.breakdown), score
    # Flags in every race, the half-year rule at Q2, and each consequence rule in the past years.
    for race in SprintRace.objects.all():
        assert {"red", "yellow"} <= set(race.scores.values_list("flag", flat=True))
    assert SprintScore.objects.filter(race__quarter=2, half_year_met=False).exists()
    assert SprintScore.objects.filter(race__quarter=2, half_year_met=True).exists()
    for year in years[:2]:
        assert CompositeEvaluation.objects.filter(year=year, race_bottom_three=True).exists()
        assert CompositeEvaluation.objects.filter(year=year, year_end_bottom_two=True).exists()
        kinds = set(ConsequenceCase.objects.filter(year=year).values_list("kind", flat=True))
        assert {"interview", "no_awards"} <= kinds
    # Two years running: the laggard town and department are bottom two in both years.
    reassigned = set(ConsequenceCase.objects.filter(year=today.year - 1, kind="reassignment")
                     .values_list("unit__code", flat=True))
    assert {"ganduo", "cgj"} <= reassigned
    for code in reassigned:
        last_but_one = CompositeEvaluation.objects.filter(unit__code=code, year=today.year - 2)
        assert last_but_one.get().year_end_bottom_two
    assert {"confirmed", "dismissed", "proposed"} <= set(ConsequenceCase.objects.values_list("status", flat=True))
    counts = (SprintScore.objects.count(), ConsequenceCase.objects.count(), ScoringRun.objects.count(),
              AnnualTarget.objects.count())
    demo.seed()  # idempotent
    assert (SprintScore.objects.count(), ConsequenceCase.objects.count(), ScoringRun.objects.count(),
            AnnualTarget.objects.count()) == counts


def test_the_seeder_still_scores_without_any_project_data():
    org_demo.seed()
    demo.seed()
    today = timezone.localdate()
    assert SprintRace.objects.filter(year=today.year - 1, status="published").count() == 4
    assert SprintScore.objects.filter(unit__code="longqiu").exists()
    assert ConsequenceCase.objects.filter(year=today.year - 1).exists()
