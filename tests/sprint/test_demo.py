"""The sprint race's demo seeder: works with no project data, scores the quarters past, proposes cases."""

import pytest
from django.utils import timezone

from org import demo as org_demo
from projects.sprint import demo
from projects.sprint.models import AnnualTarget, ConsequenceCase, ScoringRun, SprintRace, SprintScore
from projects.sprint.selectors import quarter_end

pytestmark = pytest.mark.django_db


def test_the_seeder_scores_the_quarters_past_and_proposes_cases_even_without_projects():
    org_demo.seed()
    demo.seed()
    today = timezone.localdate()
    past = [(y, q) for y in (today.year - 1, today.year) for q in (1, 2, 3, 4) if quarter_end(y, q) < today]
    published = set(SprintRace.objects.filter(status="published").values_list("year", "quarter"))
    assert published == set(past)
    assert AnnualTarget.objects.filter(unit__code="longqiu").exists()
    assert SprintScore.objects.filter(unit__code="longqiu").count() == len(past)
    assert ConsequenceCase.objects.filter(year=today.year - 1, status="proposed").exists()
    counts = (SprintScore.objects.count(), ConsequenceCase.objects.count(), ScoringRun.objects.count())
    demo.seed()  # idempotent
    assert (SprintScore.objects.count(), ConsequenceCase.objects.count(), ScoringRun.objects.count()) == counts
