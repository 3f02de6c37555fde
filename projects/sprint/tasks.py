"""The scoring job. Thin: takes ids, calls the service (which records the run and holds the lock)."""

from celery import shared_task
from django.utils import timezone

from gaoyou_portal.errors import DomainError, error_text

from .choices import RunTrigger
from .models import ScoringRun


def previous_quarter(today):
    """(year, quarter) of the quarter that ended last before ``today``."""
    quarter = (today.month - 1) // 3  # 0 in Q1: last year's Q4
    return (today.year - 1, 4) if quarter == 0 else (today.year, quarter)


@shared_task(name="sprint.score_sprint_race")
def score_sprint_race(year=None, quarter=None, run_id=None, trigger=RunTrigger.BEAT):
    """Score a race; with no year and quarter (the beat schedule), the quarter just ended.

    Idempotent: a rerun replaces a draft race's scores; a published race is refused and the refusal
    is recorded on the run.
    """
    from .services import race_score

    if year is None or quarter is None:
        year, quarter = previous_quarter(timezone.localdate())
    run = ScoringRun.objects.filter(pk=run_id).select_related("started_by").first() if run_id else None
    try:
        run = race_score(year=int(year), quarter=int(quarter), run=run, trigger=trigger,
                         user=run.started_by if run else None)
    except DomainError as error:
        return {"status": "refused", "message": error_text(error)}
    return {"status": run.status, "run": run.pk, "scores": run.score_count, "digest": run.input_digest}
