from django.urls import path

from . import views

app_name = "cadres"

urlpatterns = [
    path("", views.CadreListView.as_view(), name="cadre_list"),
    path("new/", views.CadreCreateView.as_view(), name="cadre_create"),
    path("<int:pk>/", views.CadreDetailView.as_view(), name="cadre_detail"),
    path("<int:pk>/correct/", views.CadreCorrectView.as_view(), name="cadre_correct"),
    path("<int:pk>/records/<slug:kind>/add/", views.RecordCreateView.as_view(), name="record_create"),
    path("records/<slug:kind>/<int:pk>/", views.RecordDetailView.as_view(), name="record_detail"),
    path("records/<slug:kind>/<int:pk>/correct/", views.RecordCorrectView.as_view(), name="record_correct"),
    path("interviews/", views.InterviewListView.as_view(), name="interview_list"),
    path("interviews/<int:pk>/hold/", views.InterviewHoldView.as_view(), name="interview_hold"),
    path("proposals/", views.ProposalListView.as_view(), name="proposal_list"),
    path("proposals/<int:pk>/decide/", views.ProposalDecideView.as_view(), name="proposal_decide"),
    path("reports/", views.ReportView.as_view(), name="reports"),
    path("export/", views.ExportView.as_view(), name="export"),
    path("export/records/", views.ExportView.as_view(), {"what": "records"}, name="export_records"),
    path("access-log/", views.AccessLogView.as_view(), name="access_log"),
    path("grants/", views.GrantListView.as_view(), name="grant_list"),
    path("grants/new/", views.GrantCreateView.as_view(), name="grant_create"),
    path("grants/<int:pk>/", views.GrantDetailView.as_view(), name="grant_detail"),
    path("grants/<int:pk>/revoke/", views.GrantRevokeView.as_view(), name="grant_revoke"),
]
