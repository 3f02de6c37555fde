"""Every write of the plan: targets and quotas, monthly values and corrections, stages, incidents,
year-end explanations, copying a plan to the next year. Each refusal is a ``DomainError`` (the plan's own
ones a ``TargetError``) with a Chinese message, and nothing is saved."""

from .common import TargetError, _today, hidden_code_message, parse_amount
from .milestones import (
    explanation_approve,
    explanation_draft,
    explanation_needed,
    incident_report,
    stage_plan,
    stage_reach,
)
from .plan import (
    earlier_target,
    plan_close,
    plan_copy,
    plan_for_year,
    plan_rows_import,
    quotas_set,
    section_for,
    settings_update,
    target_save,
)
from .reminders import reminders_send
from .values import _check_cumulative, value_correct, value_submit

__all__ = [
    "TargetError",
    "_today",
    "parse_amount",
    "hidden_code_message",
    "target_save",
    "earlier_target",
    "plan_close",
    "quotas_set",
    "settings_update",
    "plan_copy",
    "plan_for_year",
    "section_for",
    "plan_rows_import",
    "_check_cumulative",
    "value_submit",
    "value_correct",
    "stage_reach",
    "stage_plan",
    "incident_report",
    "explanation_needed",
    "explanation_draft",
    "explanation_approve",
    "reminders_send",
]
