"""/api/v1/sprint/honours/: the year's honours list (评优评先). Read by the office, leaders,
administrators and the organisation department; written by the office through the same services
as the pages (a barred unit answers 400 with its case cited)."""

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.generics import get_object_or_404
from rest_framework.response import Response

from gaoyou_portal.api.mixins import HasRole

from .. import consequences
from ..models import HonourProposal
from ..permissions import CASE_READERS, OFFICE_ROLES
from .serializers import HonourProposalSerializer, HonourWithdrawSerializer

OFFICE_ONLY = [HasRole.of(*OFFICE_ROLES)]


@extend_schema(parameters=[OpenApiParameter("year", int, description="Year of the honours list.")])
class HonourProposalViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin,
                            viewsets.GenericViewSet):
    """The honours list: units proposed for the year's awards and honours, and those awarded."""

    serializer_class = HonourProposalSerializer
    filterset_class = None

    def get_permissions(self):
        roles = OFFICE_ROLES if self.request.method not in ("GET", "HEAD", "OPTIONS") else CASE_READERS
        return [HasRole.of(*roles)()]

    def get_queryset(self):
        qs = HonourProposal.objects.visible_to(self.request.user).select_related("unit")
        year = self.request.query_params.get("year")
        return qs.filter(year=year) if year and year.isdigit() else qs

    def get_object(self):
        proposal = get_object_or_404(HonourProposal.objects.visible_to(self.request.user), pk=self.kwargs["pk"])
        self.check_object_permissions(self.request, proposal)
        return proposal

    def create(self, request, *args, **kwargs):
        data = HonourProposalSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        proposal = consequences.honour_propose(user=request.user, **data.validated_data)
        return Response(HonourProposalSerializer(proposal).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=None, responses=HonourProposalSerializer)
    @action(detail=True, methods=["post"], permission_classes=OFFICE_ONLY)
    def award(self, request, pk=None):
        proposal = consequences.honour_award(proposal=self.get_object(), user=request.user)
        return Response(HonourProposalSerializer(proposal).data)

    @extend_schema(request=HonourWithdrawSerializer, responses=HonourProposalSerializer)
    @action(detail=True, methods=["post"], permission_classes=OFFICE_ONLY)
    def withdraw(self, request, pk=None):
        data = HonourWithdrawSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        proposal = consequences.honour_withdraw(proposal=self.get_object(), user=request.user,
                                                reason=data.validated_data["reason"])
        return Response(HonourProposalSerializer(proposal).data)
