"""Two runs of the same race at once, through the real Redis broker and a real worker (PostgreSQL):
the race row lock serialises them and one complete result set remains."""

from datetime import date

import pytest

from projects.sprint.choices import RunStatus
from projects.sprint.models import ScoringRun, SprintRace, SprintScore
from tests.helpers.celery_worker import celery_worker

from .factories import add_project, make_scheme

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]


def test_two_runs_at_once_leave_one_result_set(postgres_required, real_broker, units, users):
    from projects.sprint.tasks import score_sprint_race

    make_scheme([units.town, units.other_town, units.park, units.dept])
    for n in range(20):
        add_project((units.town, units.other_town, units.park)[n % 3], reports=[(date(2026, 2, 1), 10 * n)],
                    served_by=[units.dept])
    with celery_worker(concurrency=2):
        results = [score_sprint_race.delay(2026, 1, trigger="office") for _ in range(2)]
        outcomes = [r.get(timeout=60) for r in results]
    assert [o["status"] for o in outcomes] == ["succeeded", "succeeded"]
    assert outcomes[0]["digest"] == outcomes[1]["digest"]
    race = SprintRace.objects.get(year=2026, quarter=1)
    assert SprintScore.objects.filter(race=race).count() == 4
    assert sorted(SprintScore.objects.filter(race=race).values_list("position", flat=True)) == [1, 1, 2, 3]
    runs = ScoringRun.objects.filter(race=race)
    assert runs.count() == 2 and set(runs.values_list("status", flat=True)) == {RunStatus.SUCCEEDED}
    assert all(run.duration_ms is not None and run.finished_at for run in runs)
