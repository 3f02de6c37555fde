from django.urls import path

from . import views
from .choices import Ledger

app_name = "safety"


def _ledger_urls(segment, prefix, ledger):
    return [
        path(f"{segment}/", views.CaseListView.as_view(ledger=ledger), name=f"{prefix}_list"),
        path(f"{segment}/new/", views.CaseFormView.as_view(ledger=ledger, creating=True), name=f"{prefix}_create"),
        path(f"{segment}/export/", views.CaseExportView.as_view(ledger=ledger), name=f"{prefix}_export"),
        path(f"{segment}/import/", views.ImportUploadView.as_view(ledger=ledger), name=f"{prefix}_import"),
        path(f"{segment}/<int:pk>/", views.CaseDetailView.as_view(ledger=ledger), name=f"{prefix}_detail"),
        path(f"{segment}/<int:pk>/edit/", views.CaseFormView.as_view(ledger=ledger), name=f"{prefix}_update"),
        path(f"{segment}/<int:pk>/<slug:action>/", views.CaseActionView.as_view(ledger=ledger),
             name=f"{prefix}_action"),
    ]


urlpatterns = [
    path("", views.BoardView.as_view(), name="board"),
    path("board/export/", views.BoardExportView.as_view(), name="board_export"),
    path("public/", views.public_cases, name="public"),
    *_ledger_urls("firms", "firm", Ledger.FIRMS),
    *_ledger_urls("workshops", "workshop", Ledger.WORKSHOPS),
    path("items/<int:pk>/<slug:action>/", views.ItemActionView.as_view(), name="item_action"),
    path("imports/template/<slug:ledger>.xlsx", views.ImportTemplateView.as_view(), name="import_template"),
    path("imports/<int:pk>/", views.ImportJobView.as_view(), name="import_job"),
    path("imports/<int:pk>/confirm/", views.ImportConfirmView.as_view(), name="import_confirm"),
]
