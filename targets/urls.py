from django.urls import path

from . import public_views, views

app_name = "targets"

urlpatterns = [
    # staff
    path("", views.BoardView.as_view(), name="board"),
    path("mine/", views.MineView.as_view(), name="mine"),
    path("export.xlsx", views.BoardExportView.as_view(), name="board_export"),
    path("settings/", views.SettingsView.as_view(), name="settings"),
    path("values/import/", views.ValueImportView.as_view(), name="value_import"),
    path("plan/import/", views.PlanImportView.as_view(), name="plan_import"),
    path("plan/copy/", views.PlanCopyView.as_view(), name="plan_copy"),
    path("plan/close/", views.PlanCloseView.as_view(), name="plan_close"),
    path("new/", views.TargetEditView.as_view(), name="target_create"),
    path("<int:pk>/", views.TargetDetailView.as_view(), name="target_detail"),
    path("<int:pk>/edit/", views.TargetEditView.as_view(), name="target_edit"),
    path("<int:pk>/values/", views.ValueCreateView.as_view(), name="value_create"),
    path("<int:pk>/quotas/", views.QuotasView.as_view(), name="quotas_edit"),
    path("<int:pk>/incidents/", views.IncidentCreateView.as_view(), name="incident_create"),
    path("<int:pk>/explanation/", views.ExplanationView.as_view(), name="explanation_edit"),
    path("<int:pk>/explanation/approve/", views.ExplanationApproveView.as_view(), name="explanation_approve"),
    path("values/<int:pk>/correct/", views.ValueCorrectView.as_view(), name="value_correct"),
    path("stages/<int:pk>/reach/", views.StageReachView.as_view(), name="stage_reach"),
    path("evidence/<slug:kind>/<int:pk>/", views.EvidenceView.as_view(), name="evidence"),
    path("reports/<int:year>/<slug:kind>/", views.ReportView.as_view(), name="report"),
    path("reports/<int:year>/<slug:kind>/<slug:action>/", views.ReportActionView.as_view(), name="report_action"),
    # public (no login, no cookies, cached)
    path("public/", public_views.plan_list, name="public_list"),
    path("public/<int:year>/<str:code>/", public_views.plan_detail, name="public_detail"),
    path("public/reports/<int:year>/<slug:kind>/", views.public_report, name="public_report"),
    path("public/open-data.csv", public_views.open_data_csv, name="open_data_csv"),
    path("public/open-data.json", public_views.open_data_json, name="open_data_json"),
]
