from django.urls import path

from . import views

app_name = "sprint"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("score/", views.RaceScoreView.as_view(), name="race_score"),
    path("runs/", views.RunListView.as_view(), name="run_list"),
    path("races/<int:pk>/", views.RaceDetailView.as_view(), name="race_detail"),
    path("races/<int:pk>/progress/", views.RaceProgressView.as_view(), name="race_progress"),
    path("races/<int:pk>/publish/", views.RacePublishView.as_view(), name="race_publish"),
    path("races/<int:pk>/reopen/", views.RaceReopenView.as_view(), name="race_reopen"),
    path("races/<int:pk>/bulletin/", views.BulletinView.as_view(), name="race_bulletin"),
    path("races/<int:pk>/export.xlsx", views.RaceExportView.as_view(), name="race_export"),
    path("races/<int:race_pk>/scores/<int:pk>/", views.ScoreDetailView.as_view(), name="score_detail"),
    path("races/<int:race_pk>/scores/<int:pk>/indicators/<int:indicator_pk>/", views.ScoreDetailView.as_view(),
         name="score_indicator"),
    path("units/<slug:code>/", views.UnitTrendView.as_view(), name="unit_trend"),
    path("schemes/", views.SchemeListView.as_view(), name="scheme_list"),
    path("schemes/<int:year>/", views.SchemeDetailView.as_view(), name="scheme_detail"),
    path("schemes/<int:year>/edit/", views.SchemeEditView.as_view(), name="scheme_edit"),
    path("schemes/<int:year>/indicators/", views.IndicatorsEditView.as_view(), name="indicators_edit"),
    path("schemes/<int:year>/indicators/<int:pk>/targets/", views.UnitValuesView.as_view(kind="targets"),
         name="targets_edit"),
    path("schemes/<int:year>/indicators/<int:pk>/values/<int:quarter>/", views.UnitValuesView.as_view(kind="values"),
         name="values_edit"),
    path("schemes/<int:year>/assessments/", views.UnitValuesView.as_view(kind="assessments"),
         name="assessments_edit"),
    path("years/<int:year>/", views.YearView.as_view(), name="year"),
    path("cases/", views.CaseListView.as_view(), name="case_list"),
    path("cases/<int:pk>/", views.CaseDetailView.as_view(), name="case_detail"),
    path("cases/<int:pk>/confirm/", views.CaseDecideView.as_view(), {"decision": "confirm"}, name="case_confirm"),
    path("cases/<int:pk>/dismiss/", views.CaseDecideView.as_view(), {"decision": "dismiss"}, name="case_dismiss"),
]
