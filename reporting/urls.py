from django.urls import path

from . import views

app_name = "reporting"

urlpatterns = [
    path("", views.LedgerView.as_view(), name="ledger"),
    path("export.xlsx", views.LedgerExportView.as_view(), name="ledger_export"),
    path("units/<int:pk>/", views.UnitLedgerView.as_view(), name="unit"),
    path("calendar/", views.CalendarView.as_view(), name="calendar"),
    path("calendar/<int:pk>/delete/", views.CalendarDayDeleteView.as_view(), name="calendar_delete"),
]
