from django.urls import path

from .views import ComplianceView

urlpatterns = [
    path("reporting/compliance/", ComplianceView.as_view(), name="reporting-compliance"),
]
