from django.urls import path

from . import document_views, sandbox_views, views

app_name = "channels"

urlpatterns = [
    path("", views.ChannelListView.as_view(), name="channel_list"),
    path("new/", views.ChannelFormView.as_view(), name="channel_create"),
    path("<int:pk>/edit/", views.ChannelFormView.as_view(), name="channel_update"),
    path("<int:pk>/test/", views.ChannelTestView.as_view(), name="channel_test"),
    path("<int:pk>/delete/", views.ChannelDeleteView.as_view(), name="channel_delete"),
    path("sandbox/<slug:group>/", sandbox_views.SandboxView.as_view(), name="sandbox"),
    path("deliveries/", views.DeliveryListView.as_view(), name="delivery_list"),
    path("documents/", document_views.TemplateListView.as_view(), name="template_list"),
    path("documents/<slug:kind>/upload/", document_views.TemplateUploadView.as_view(), name="template_upload"),
    path("documents/<slug:kind>/template/", document_views.TemplateDownloadView.as_view(), name="template_download"),
    path("documents/<slug:kind>/delete/", document_views.TemplateDeleteView.as_view(), name="template_delete"),
    path("documents/<slug:kind>/export/", document_views.ExportView.as_view(), name="document_export"),
]
