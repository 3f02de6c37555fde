from django.urls import path, re_path

from . import views

urlpatterns = [
    path("", views.index, name="open_data"),
    path("catalog.jsonld", views.catalog_jsonld, name="open_data_catalog_jsonld"),
    path("catalog.ttl", views.catalog_ttl, name="open_data_catalog_ttl"),
    path("embed/", views.embed_help, name="open_data_embed"),
    re_path(r"^(?P<key>[a-z0-9-]+)\.(?P<fmt>csv|json)$", views.dataset_file, name="open_data_download"),
]
