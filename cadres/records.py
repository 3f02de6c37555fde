"""The kinds of record a cadre's file holds, each with its URL key, model, form and icon.

Pages, the timeline, the forms and the export iterate over this one table.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from .models import (
    CadreTypeAssessment,
    Clearance,
    FaultToleranceCase,
    Incentive,
    Interview,
    PostChange,
    WorkStyleCase,
)


@dataclass(frozen=True)
class RecordType:
    key: str
    model: type
    label: str
    icon: str
    fields: tuple

    @property
    def verbose_name(self):
        return self.model._meta.verbose_name


RECORD_TYPES = {
    rt.key: rt
    for rt in [
        RecordType(
            "assessment", CadreTypeAssessment, _("Type assessment"), "award",
            ("cadre_type", "facts", "assessed_by", "assessed_on"),
        ),
        RecordType(
            "incentive", Incentive, _("Incentive"), "trophy",
            ("kind", "reason", "granted_on", "issuing_body", "bar_override_reason"),
        ),
        RecordType(
            "fault-tolerance", FaultToleranceCase, _("Fault tolerance and correction"), "shield-check",
            ("occurred_on", "facts", "rule_applied", "decision", "decided_on", "correction_required",
             "correction_measures", "correction_done"),
        ),
        RecordType(
            "post-change", PostChange, _("Post change"), "arrow-down-up",
            ("kind", "from_post", "to_post", "new_rank", "reason", "effective_on"),
        ),
        RecordType(
            "clearance", Clearance, _("Clearance"), "patch-check",
            ("accusation", "finding", "made_known", "cleared_on"),
        ),
        RecordType(
            "work-style", WorkStyleCase, _("Work-style case"), "exclamation-triangle",
            ("campaign", "facts", "handling", "outcome", "status", "opened_on", "closed_on"),
        ),
        RecordType(
            "interview", Interview, _("Interview"), "chat-square-text",
            ("kind", "unit", "reason", "status", "scheduled_on", "held_on", "interviewer", "notes"),
        ),
    ]
}


def record_type_of(record):
    for rt in RECORD_TYPES.values():
        if isinstance(record, rt.model):
            return rt
    raise KeyError(type(record))
