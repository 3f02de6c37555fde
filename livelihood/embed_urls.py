from django.urls import path

from . import embed_views

app_name = "livelihood_embed"

urlpatterns = [
    path("", embed_views.task_list, name="list"),
    path("<int:year>/<int:number>/", embed_views.task_detail, name="detail"),
]
