"""Staff pages of the plan: the board (and its print view and Excel export), my targets, a target's page,
and the entry pages (values and corrections, stages, incidents, explanations, thresholds, next year).

Split by who uses them: ``board``, ``detail`` (a target's page), ``entry`` (forms posted from it),
``office`` (the office's own pages). The names stay importable from ``targets.views``.
"""

from .board import BoardExportView, BoardView, MineView
from .detail import EvidenceView, TargetDetailView
from .entry import (
    ExplanationApproveView,
    ExplanationView,
    IncidentCreateView,
    StageReachView,
    ValueCorrectView,
    ValueCreateView,
)
from .office import (
    PlanCloseView,
    PlanCopyView,
    PlanImportView,
    QuotasView,
    SettingsView,
    TargetEditView,
    ValueImportView,
)
from .reports import ReportActionView, ReportView, public_report

__all__ = [
    "BoardExportView", "BoardView", "EvidenceView", "ExplanationApproveView", "ExplanationView",
    "IncidentCreateView", "MineView", "PlanCloseView", "PlanCopyView", "PlanImportView", "QuotasView",
    "ReportActionView", "ReportView", "SettingsView", "StageReachView", "TargetDetailView", "TargetEditView",
    "ValueCorrectView", "ValueCreateView", "ValueImportView", "public_report",
]
