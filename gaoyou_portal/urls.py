from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from . import views
from .forms import PortalAuthenticationForm
from .imports import views as import_views

admin.site.site_header = "高邮市高质量发展目标管理平台"
admin.site.site_title = "高邮市高质量发展目标管理平台"

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("favicon.ico", views.favicon, name="favicon"),
    path("admin/", admin.site.urls),
    path("api/v1/", include("gaoyou_portal.api.urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("api/docs/", SpectacularSwaggerSplitView.as_view(url_name="api-schema"), name="api-docs"),
]

urlpatterns += i18n_patterns(
    path("", views.home, name="home"),
    path(
        "accounts/login/",
        auth_views.LoginView.as_view(authentication_form=PortalAuthenticationForm, redirect_authenticated_user=True),
        name="login",
    ),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/password/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path("accounts/password/done/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"),
    path("accounts/token/", views.api_token, name="api_token"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("units/", include("org.urls")),
    path("leaders/", include("leaders.urls")),
    path("enterprises/", include("leaders.enterprise_urls")),
    path("imports/<int:pk>/", import_views.ImportJobView.as_view(), name="import_job"),
    path("imports/<int:pk>/confirm/", import_views.ImportConfirmView.as_view(), name="import_confirm"),
    path("imports/<int:pk>/errors.xlsx", import_views.ImportErrorsView.as_view(), name="import_errors"),
    path("imports/template/<str:key>.xlsx", import_views.ImportTemplateView.as_view(), name="import_template"),
    path("notices/", views.notice_list, name="notice_list"),
    path("notices/read/", views.notice_mark_read, name="notice_mark_read"),
    path("notify/", include("notify.urls")),
    path("projects/", include("projects.urls")),
    path("sprint/", include("projects.sprint.urls")),
    path("livelihood/", include("livelihood.urls")),
    path("corrections/", include("livelihood.correction_urls")),
    path("safety/", include("safety.urls")),
    path("cadres/", include("cadres.urls")),
    path("targets/", include("targets.urls")),
    path("reporting/", include("reporting.urls")),
    path("embed/livelihood/", include("livelihood.embed_urls")),
    path("embed/targets/", include("targets.embed_urls")),
    path("open-data/", include("gaoyou_portal.opendata.urls")),
    path("open-data/", include("projects.oc4ids_urls")),
    prefix_default_language=False,
)

# Every uploaded file goes through the check of its record; with SERVE_MEDIA=0 the proxy sends the bytes.
urlpatterns += [path("media/<path:path>", views.media, name="media")]
