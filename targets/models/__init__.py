"""The year's plan (目标任务): sections, targets, per-unit quotas, monthly values, milestone stages,
incidents of zero targets and year-end explanations, with the office's pace thresholds.

How a target's progress is known depends on its ``kind``: a metric another app registers
(``derived``), values units enter each month (``reported``), dated stages (``milestone``) or incidents
that must not happen (``zero``). The rules for entering them live in ``services.py``; pace and status
in ``pace.py``. ``plan`` holds the structure, ``entries`` what is entered against it.
"""

from .entries import Explanation, Incident, MonthlyValue, Stage, TargetSettings
from .plan import (
    FIGURE,
    PERCENT,
    PUBLIC_TARGET,
    Plan,
    PlanQuerySet,
    Quota,
    Section,
    Target,
    TargetChildQuerySet,
    TargetQuerySet,
    sees_confidential,
)
from .reports import Report, ReportNote

__all__ = [
    "FIGURE", "PERCENT", "PUBLIC_TARGET", "Explanation", "Incident", "MonthlyValue", "Plan", "PlanQuerySet", "Quota",
    "Report", "ReportNote", "Section", "Stage", "Target", "TargetChildQuerySet", "TargetQuerySet", "TargetSettings",
    "sees_confidential",
]
