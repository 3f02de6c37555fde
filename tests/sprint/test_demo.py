"""The sprint race's demo seeder: two past years and this one, targets sized to each unit's base, every
consequence rule shown, units not assessed left out, idempotent; and it still works with no projects."""

from decimal import Decimal

import pytest
from django.utils import timezone

from leaders import demo as leaders_demo
from org import demo as org_demo
from org.models import Unit
from projects import demo as projects_demo
from projects.sprint import demo, demo_consequences
from projects.sprint.models import (
    AnnualTarget,
    CompositeEvaluation,
    ConsequenceCase,
    ScoringRun,
    SprintRace,
    SprintScore,
)
from projects.sprint.selectors import quarter_end

# The demo as seeded on 7 December 2026, the day these figures were written for (tests/portal/test_demo_in_time.py
# seeds it on other days of the year).
pytestmark = [pytest.mark.django_db, pytest.mark.clock("2026-12-07T10:00")]


def test_the_seeder_shows_two_past_years_and_every_consequence_rule():
    org_demo.seed()
    leaders_demo.seed()
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
    # Targets fit each unit's base: no completion rate over 200%, a few over 150%, most between 60% and 130%.
    rates = [Decimal(row["rate"]) for s in SprintScore.objects.all() for row in s.breakdown]
    assert max(rates) <= 200
    assert sum(rate > 150 for rate in rates) <= len(rates) * 3 // 100
    assert sum(60 <= rate <= 130 for rate in rates) > len(rates) // 2
    # Every assessed unit is ranked on project data, never on the office's score alone.
    for score in SprintScore.objects.all():
        assert any(row["derivation"] != "manual" for row in score.breakdown), score
    # Flags in every race, the half-year rule at Q2, and each consequence rule in the past years.
    for race in SprintRace.objects.all():
        assert {"red", "yellow"} <= set(race.scores.values_list("flag", flat=True))
    # The half-year rule: most units pass; the two laggards and two or three slow starters a year miss it.
    for year in years:
        missed = set(SprintScore.objects.filter(race__year=year, race__quarter=2, half_year_met=False)
                     .values_list("unit__code", flat=True))
        assert {"ganduo", "cgj"} <= missed
        assert 3 <= len(missed) <= 6, (year, missed)
        assert SprintScore.objects.filter(race__year=year, race__quarter=2, half_year_met=True).count() >= 33
        assert set(ConsequenceCase.objects.filter(year=year, kind="half_year")
                   .values_list("unit__code", flat=True)) == missed
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
    leaders_demo.seed()
    demo.seed()
    today = timezone.localdate()
    assert SprintRace.objects.filter(year=today.year - 1, status="published").count() == 4
    assert SprintScore.objects.filter(unit__code="longqiu").exists()
    assert ConsequenceCase.objects.filter(year=today.year - 1).exists()


def test_the_demo_shows_every_consequence_that_bites():
    from org.models import Notice
    from projects.sprint.bundle import bundle_table
    from projects.sprint.models import HonourProposal, LeaderInterview

    org_demo.seed()
    leaders_demo.seed()
    projects_demo.seed()
    demo.seed()
    demo_consequences.seed_consequences()
    today = timezone.localdate()
    held = LeaderInterview.objects.filter(status="held")
    assert held.exists() and not held.filter(record="").exists()
    # On 7 December last year's interviews were all held (by early March at the latest), the mayor's too.
    assert held.filter(leader__name=org_demo.DEMO_LEADER, case__year=today.year - 1).exists()
    assert not LeaderInterview.objects.exclude(status="held").exists()
    assert not held.filter(held_on__month__gt=3).exists()
    # The barred units of last year are beside its honours list, and none of them is on it.
    barred = set(ConsequenceCase.objects.filter(year=today.year - 1, kind="no_awards", status="confirmed")
                 .values_list("unit_id", flat=True))
    assert barred and HonourProposal.objects.filter(year=today.year - 1).exists()
    assert not HonourProposal.objects.filter(year=today.year - 1, unit_id__in=barred).exists()
    assert HonourProposal.objects.filter(status="awarded").exists()
    # Reassignment with both years' composites in the evidence.
    evidence = ConsequenceCase.objects.get(year=today.year - 1, kind="reassignment", unit__code="ganduo").evidence
    assert f"{today.year - 2}年综合得分" in evidence and f"{today.year - 1}年综合得分" in evidence
    # This year's half-year warnings sent once, on the office's desk.
    warnings = ConsequenceCase.objects.filter(year=today.year, kind="half_year")
    missed = SprintScore.objects.filter(race__year=today.year, race__quarter=2, half_year_met=False)
    assert warnings.count() == missed.count()
    assert 3 <= warnings.count() <= 6
    assert not warnings.filter(warned_at__isnull=True).exists()
    assert set(warnings.values_list("status", flat=True)) == {"proposed"}
    links = {f"/sprint/cases/{case.pk}/" for case in warnings}
    assert set(Notice.objects.filter(link__in=links).values_list("link", flat=True)) == links
    # The past years' half-year cases were dismissed, a few a year.
    for year in (today.year - 2, today.year - 1):
        past = ConsequenceCase.objects.filter(year=year, kind="half_year")
        assert 3 <= past.count() <= 6
        assert set(past.values_list("status", flat=True)) == {"dismissed"}
    notices = Notice.objects.count()
    demo_consequences.seed_consequences()  # idempotent
    assert Notice.objects.count() == notices
    assert LeaderInterview.objects.filter(status="held").count() == held.count()
    assert [row.score is not None for row in bundle_table(year=today.year)].count(True) == 13
