from django.urls import path

from . import correction_views as views

app_name = "corrections"
urlpatterns = [
    path("task/<int:year>/<int:number>/", views.task_correction, name="task"),
    path("project/<str:code>/", views.project_correction, name="project"),
    path("staff/", views.CorrectionListView.as_view(), name="staff_list"),
    path("staff/<int:pk>/", views.CorrectionAnswerView.as_view(), name="staff_detail"),
    path("staff/<int:pk>/reassign/", views.CorrectionReassignView.as_view(), name="staff_reassign"),
    path("staff/<int:pk>/remove/", views.CorrectionRemoveView.as_view(), name="staff_remove"),
]
