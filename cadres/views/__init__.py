"""Cadre pages: for the organisation department (and, read-only, the users it grants) only.

Everyone else gets 404 on every page, whatever their role; every read is written to the access log.

Split by what the pages are about: ``cadres`` (the register and the records), ``queues`` (interviews and
reassignment proposals), ``reports`` (the figures and the export), ``department`` (the access log and the
grants); ``base`` holds the access check they share. The names stay importable from ``cadres.views``.
"""

from .base import CadreAccessMixin, ServiceFormView
from .cadres import (
    CadreCorrectView,
    CadreCreateView,
    CadreDetailView,
    CadreListView,
    RecordCorrectView,
    RecordCreateView,
    RecordDetailView,
    RecordMixin,
)
from .department import AccessLogView, GrantCreateView, GrantDetailView, GrantListView, GrantRevokeView
from .queues import InterviewHoldView, InterviewListView, ProposalDecideView, ProposalListView
from .reports import ExportView, ReportView

__all__ = [
    "AccessLogView", "CadreAccessMixin", "CadreCorrectView", "CadreCreateView", "CadreDetailView", "CadreListView",
    "ExportView", "GrantCreateView", "GrantDetailView", "GrantListView", "GrantRevokeView", "InterviewHoldView",
    "InterviewListView", "ProposalDecideView", "ProposalListView", "RecordCorrectView", "RecordCreateView",
    "RecordDetailView", "RecordMixin", "ReportView", "ServiceFormView",
]
