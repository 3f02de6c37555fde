from django.urls import path

from . import embed_views

app_name = "targets_embed"

urlpatterns = [path("", embed_views.plan_list, name="list")]
