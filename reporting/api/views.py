"""API v1 of the reporting ledger: scoped as the page (a unit's users get their own row only)."""

from django.http import Http404
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions
from rest_framework.response import Response
from rest_framework.views import APIView

from gaoyou_portal.api.mixins import HasRole

from .. import selectors
from ..permissions import ledger_unit_ids
from .serializers import ComplianceRowSerializer


class ComplianceView(APIView):
    """``GET /api/v1/reporting/compliance/?year=2026&month=11``: per unit, what was expected that month and what
    came on time, late or not at all (default: the latest month whose deadline has passed); ``kind`` keeps
    towns, parks or departments."""

    permission_classes = [HasRole]

    @extend_schema(parameters=[OpenApiParameter("year", int), OpenApiParameter("month", int),
                               OpenApiParameter("kind", str)],
                   responses=ComplianceRowSerializer(many=True))
    def get(self, request):
        try:
            unit_ids = ledger_unit_ids(request.user)
        except Http404:
            raise exceptions.NotFound()
        month = selectors.parse_month(request.query_params.get("year"), request.query_params.get("month"))
        rows = selectors.ledger(month=month, unit_ids=unit_ids, kind=request.query_params.get("kind", ""), trend=1)
        return Response(ComplianceRowSerializer(selectors.sort_rows(rows, "unit"), many=True).data)
