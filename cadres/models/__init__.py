"""Cadre records (干部档案): the most confidential data in the portal.

Only the organisation department (组织部) and the users it grants access to (``CadreAccessGrant``)
read any row; everybody else, administrators and superusers included, sees nothing (404). Only
the department writes. Records are never deleted, only corrected with history; every read is
written to the append-only ``AccessLog``.
"""

from .access import AccessLog, AccessLogQuerySet, CadreAccessGrant, ReassignmentProposal
from .cadre import Cadre, CadreRecord
from .records import CadreTypeAssessment, Clearance, FaultToleranceCase, Incentive, Interview, PostChange, WorkStyleCase
from .scope import (
    CADRE_SCOPE,
    DEPARTMENT_SCOPE,
    MAX_AGE,
    MIN_AGE,
    CadreQuerySet,
    CadreScope,
    NeverDeleted,
    NeverDeletedModel,
    RecordQuerySet,
    _check_dates,
    can_read_cadres,
    can_write_cadres,
    has_active_grant,
)

__all__ = [
    "MIN_AGE",
    "MAX_AGE",
    "has_active_grant",
    "CadreScope",
    "CADRE_SCOPE",
    "DEPARTMENT_SCOPE",
    "can_read_cadres",
    "can_write_cadres",
    "NeverDeleted",
    "RecordQuerySet",
    "NeverDeletedModel",
    "_check_dates",
    "CadreQuerySet",
    "Cadre",
    "CadreRecord",
    "CadreTypeAssessment",
    "Incentive",
    "FaultToleranceCase",
    "PostChange",
    "Clearance",
    "WorkStyleCase",
    "Interview",
    "ReassignmentProposal",
    "CadreAccessGrant",
    "AccessLogQuerySet",
    "AccessLog",
]
