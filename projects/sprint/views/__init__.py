"""Pages of the sprint race. Scoped to the user's role and unit; outside scope: 404.

Split by what the pages are about: ``races`` (the home page, a race and its scoring job, the bulletin,
the export, scores drilled down, a unit's trend, the runs), ``schemes`` (the scheme and the office's
entries) and ``cases`` (the year's composite and the consequence cases). The honours list and the
interviews are in ``consequence_views``. The names stay importable from ``projects.sprint.views``.
"""

from .cases import CaseDecideView, CaseDetailView, CaseListView, YearView
from .races import (
    BulletinView,
    HomeView,
    RaceDetailView,
    RaceExportView,
    RaceProgressView,
    RacePublishView,
    RaceReopenView,
    RaceScoreView,
    RunListView,
    ScoreDetailView,
    UnitTrendView,
)
from .schemes import (
    IndicatorsEditView,
    SchemeDetailView,
    SchemeEditView,
    SchemeListView,
    SchemeMixin,
    UnitValuesView,
)

__all__ = [
    "BulletinView", "CaseDecideView", "CaseDetailView", "CaseListView", "HomeView", "IndicatorsEditView",
    "RaceDetailView", "RaceExportView", "RaceProgressView", "RacePublishView", "RaceReopenView", "RaceScoreView",
    "RunListView", "SchemeDetailView", "SchemeEditView", "SchemeListView", "SchemeMixin", "ScoreDetailView",
    "UnitTrendView", "UnitValuesView", "YearView",
]
