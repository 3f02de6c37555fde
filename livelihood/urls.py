import os

from django.urls import path

from . import follow_views, public_views, views

app_name = "livelihood"

urlpatterns = [
    # public (no login, no cookies, cached)
    path("", public_views.task_list, name="public_list"),
    path("<int:year>/<int:number>/", public_views.task_detail, name="public_detail"),
    path("print/", public_views.task_print, name="public_print"),
    path("open-data.csv", public_views.open_data_csv, name="open_data_csv"),
    path("open-data.json", public_views.open_data_json, name="open_data_json"),
    path("feed/", public_views.updates_feed, name="feed"),
    path("<int:year>/<int:number>/feed/", follow_views.task_feed, name="task_feed"),
    path("<int:year>/<int:number>/follow/", follow_views.follow, name="follow"),
    path("follow/confirm/<str:token>/", follow_views.confirm, name="follow_confirm"),
    path("follow/cancel/<str:token>/", follow_views.cancel, name="follow_cancel"),
    # staff
    path("staff/", views.TaskListView.as_view(), name="task_list"),
    path("staff/new/", views.TaskFormView.as_view(), name="task_create"),
    path("staff/export.xlsx", views.TaskExportView.as_view(), name="task_export"),
    path("staff/import/", views.ImportView.as_view(), name="task_import"),
    path("staff/bulletin/", views.BulletinView.as_view(), name="bulletin"),
    path("staff/<int:pk>/", views.TaskDetailView.as_view(), name="task_detail"),
    path("staff/<int:pk>/edit/", views.TaskFormView.as_view(), name="task_edit"),
    path("staff/<int:pk>/progress/", views.UpdateCreateView.as_view(), name="update_create"),
    path("staff/<int:pk>/confirm/", views.ConfirmCompletionView.as_view(), name="task_confirm"),
    path("staff/<int:pk>/explanation/", views.ExplanationView.as_view(), name="explanation_edit"),
    path("staff/<int:pk>/explanation/approve/", views.ExplanationApproveView.as_view(), name="explanation_approve"),
    path("staff/updates/<int:pk>/publish/", views.UpdatePublishView.as_view(), name="update_publish"),
]

if os.environ.get("PORTAL_BENCH") == "1":  # the load benchmark's baseline view, never mounted otherwise
    urlpatterns.append(path("bench/trivial/", public_views.bench_trivial, name="bench_trivial"))
