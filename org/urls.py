from django.urls import path

from . import views

app_name = "org"

urlpatterns = [
    path("", views.UnitListView.as_view(), name="unit_list"),
    path("<slug:slug>/", views.UnitDetailView.as_view(), name="unit_detail"),
]
