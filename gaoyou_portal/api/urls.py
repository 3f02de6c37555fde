"""/api/v1/: each app contributes its own routes (a PortalRouter each: numeric ids); the root lists them."""

from django.urls import include, path
from drf_spectacular.utils import extend_schema
from rest_framework.decorators import api_view, permission_classes
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.reverse import reverse


@extend_schema(exclude=True)
@api_view(["GET"])
@permission_classes([AllowAny])
def api_root(request, format=None):
    """The resources of API v1. The OpenAPI schema is at /api/schema/, its docs at /api/docs/."""
    return Response(
        {
            "schema": reverse("api-schema", request=request),
            "docs": reverse("api-docs", request=request),
        }
    )


urlpatterns = [
    path("", api_root, name="api-root"),
    path("", include("org.api.urls")),
    path("", include("leaders.api.urls")),
    path("", include("projects.api.urls")),
    path("", include("projects.sprint.api.urls")),
    path("", include("livelihood.api.urls")),
    path("", include("safety.api.urls")),
    path("", include("cadres.api.urls")),
    path("", include("targets.api.urls")),
    path("", include("reporting.api.urls")),
]
