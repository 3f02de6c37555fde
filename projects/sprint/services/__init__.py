"""Every write of the sprint race. Forms, the API, the Celery task and the command call these.

One module per part of the work: ``schemes`` (the scheme, indicators, targets, the office's values and
assessments), ``runs`` (scoring a quarter and its run record), ``publication`` (publishing and reopening
a race) and ``evaluation`` (the year's composite and the consequence cases). Every service is imported
from ``projects.sprint.services``.
"""

from .. import selectors
from .evaluation import case_confirm, case_dismiss, year_evaluate
from .publication import race_publish, race_reopen
from .runs import check_scorable, progress_key, race_score, run_progress, run_queue, run_start
from .schemes import (
    BUNDLE_FIELDS,
    DEFAULT_INDICATORS,
    INDICATOR_FIELDS,
    SCHEME_FIELDS,
    assessments_save,
    indicators_save,
    manual_values_save,
    scheme_save,
    targets_save,
)

__all__ = [
    "BUNDLE_FIELDS", "DEFAULT_INDICATORS", "INDICATOR_FIELDS", "SCHEME_FIELDS", "assessments_save", "case_confirm",
    "case_dismiss", "check_scorable", "indicators_save", "manual_values_save", "progress_key", "race_publish",
    "race_reopen", "race_score", "run_progress", "run_queue", "run_start", "scheme_save", "selectors",
    "targets_save", "year_evaluate",
]
