from django.urls import path

from . import open_data

urlpatterns = [path("projects.oc4ids.json", open_data.oc4ids_package, name="open_data_oc4ids")]
