from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from gaoyou_portal.api.mixins import HasRole, ScopedViewSetMixin

from .. import services
from ..models import Enterprise, LeaderLink
from ..permissions import is_link_manager, workspace_leaders
from .serializers import (
    EnterpriseSerializer,
    LeaderLinkSerializer,
    LeaderSerializer,
    LinkEndSerializer,
)


class LeaderViewSet(viewsets.ReadOnlyModelViewSet):
    """City leaders, scoped as their workspace pages: leaders and the office read all of them, a unit's users
    those linked to their units. ``links``: the leader's links (GET), add one (POST, the office);
    ``links/{id}/end``: end a link on a date (the office)."""

    serializer_class = LeaderSerializer
    permission_classes = [HasRole]
    filterset_class = None
    search_fields = ["name", "title"]
    ordering_fields = ["order", "name"]

    def get_queryset(self):
        return workspace_leaders(self.request.user).order_by("order", "id")

    def _require_manager(self):
        if not is_link_manager(self.request.user):
            raise exceptions.PermissionDenied(_("Only the assessment office keeps the leaders' links."))

    @extend_schema(request=LeaderLinkSerializer, responses=LeaderLinkSerializer(many=True))
    @action(detail=True, methods=["get", "post"], serializer_class=LeaderLinkSerializer, filterset_class=None,
            pagination_class=None)
    def links(self, request, pk=None):
        leader = self.get_object()
        if request.method == "POST":
            self._require_manager()
            serializer = LeaderLinkSerializer(data=request.data)
            serializer.is_valid(raise_exception=True)
            data = serializer.validated_data
            link = services.link_add(leader=leader, kind=data["kind"], user=request.user, unit=data.get("unit"),
                                     project=data.get("object_id"), industry=data.get("name", ""),
                                     enterprise=data.get("enterprise"), started_on=data.get("started_on"))
            return Response(LeaderLinkSerializer(link).data, status=status.HTTP_201_CREATED)
        links = leader.links.select_related("unit", "enterprise", "content_type").prefetch_related("target")
        return Response(LeaderLinkSerializer(links.order_by("started_on", "id"), many=True).data)

    @extend_schema(request=LinkEndSerializer, responses=LeaderLinkSerializer)
    @action(detail=True, methods=["post"], url_path=r"links/(?P<link_pk>\d+)/end", serializer_class=LinkEndSerializer,
            filterset_class=None)
    def link_end(self, request, pk=None, link_pk=None):
        leader = self.get_object()
        self._require_manager()
        link = get_object_or_404(LeaderLink, pk=link_pk, leader=leader)
        serializer = LinkEndSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        link = services.link_end(link=link, ended_on=serializer.validated_data["ended_on"], user=request.user)
        return Response(LeaderLinkSerializer(link).data)


class EnterpriseViewSet(ScopedViewSetMixin, viewsets.ReadOnlyModelViewSet):
    """Enterprise records (name, unified social credit code, town, industry), shared with the safety ledgers."""

    queryset = Enterprise.objects.order_by("name", "id")
    serializer_class = EnterpriseSerializer
    permission_classes = [HasRole]
    search_fields = ["name", "credit_code", "industry"]
    ordering_fields = ["name"]
