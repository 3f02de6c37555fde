"""Pages of the projects app: fetch within scope, call a service, show its error or redirect.

Split by what the pages do: ``pages`` (reading), ``reports``, ``blockers``, ``edits`` (the ledger's own
forms), ``excel``; ``base`` holds what they share. The names stay importable from ``projects.views``.
"""

from .blockers import BlockerCreateView, BlockerResolveView
from .edits import MilestoneRecordView, PlansEditView, ProjectEditView, PublicationView, SettingsView
from .excel import LedgerExportView, LedgerImportView, ReportUploadView
from .pages import OverviewView, ProjectDetailView, ProjectListView, ThisMonthView
from .reports import ReportCreateView, ReportEditView, ReportReopenView

__all__ = [
    "BlockerCreateView", "BlockerResolveView", "LedgerExportView", "LedgerImportView", "MilestoneRecordView",
    "OverviewView", "PlansEditView", "ProjectDetailView", "ProjectEditView", "ProjectListView", "PublicationView",
    "ReportCreateView",
    "ReportEditView", "ReportReopenView", "ReportUploadView", "SettingsView", "ThisMonthView",
]
