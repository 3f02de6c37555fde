from django.urls import path

from . import public_views, views

app_name = "projects"

urlpatterns = [
    path("", views.ProjectListView.as_view(), name="project_list"),
    path("new/", views.ProjectEditView.as_view(), name="project_create"),
    path("this-month/", views.ThisMonthView.as_view(), name="this_month"),
    path("overview/", views.OverviewView.as_view(), name="overview"),
    path("settings/", views.SettingsView.as_view(), name="settings"),
    path("export.xlsx", views.LedgerExportView.as_view(), name="ledger_export"),
    path("import/", views.LedgerImportView.as_view(), name="ledger_import"),
    path("reports/upload/", views.ReportUploadView.as_view(), name="report_upload"),
    path("<int:pk>/", views.ProjectDetailView.as_view(), name="project_detail"),
    path("<int:pk>/edit/", views.ProjectEditView.as_view(), name="project_edit"),
    path("<int:pk>/publication/", views.PublicationView.as_view(), name="project_publication"),
    # public (no login, no cookies, cached)
    path("public/", public_views.project_list, name="public_list"),
    path("public/<str:code>/", public_views.project_detail, name="public_detail"),
    path("<int:pk>/plans/", views.PlansEditView.as_view(), name="plan_edit"),
    path("<int:pk>/reports/new/", views.ReportCreateView.as_view(), name="report_create"),
    path("<int:pk>/blockers/new/", views.BlockerCreateView.as_view(), name="blocker_create"),
    path("reports/<int:pk>/edit/", views.ReportEditView.as_view(), name="report_edit"),
    path("reports/<int:pk>/reopen/", views.ReportReopenView.as_view(), name="report_reopen"),
    path("milestones/<int:pk>/record/", views.MilestoneRecordView.as_view(), name="milestone_record"),
    path("blockers/<int:pk>/resolve/", views.BlockerResolveView.as_view(), name="blocker_resolve"),
]
