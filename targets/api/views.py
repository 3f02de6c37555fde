"""/api/v1/targets/: the plan's targets with their progress and status; anyone reads the public
targets' public fields, staff read more (confidential targets: the organisation department only);
values are entered through the same service as the pages."""

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, permissions, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from gaoyou_portal.api.mixins import PublicReadStaffWrite
from org.models import Unit

from .. import selectors, services
from ..filtersets import TargetFilterSet
from ..history import HISTORY_RELATED
from ..models import MonthlyValue, Plan, Target
from ..permissions import is_staff
from .serializers import (
    PlanSerializer,
    PublicTargetSerializer,
    PublicValueSerializer,
    RecordSerializer,
    StaffTargetSerializer,
    ValueInputSerializer,
    ValueSerializer,
)


def _is_staff(request):
    return is_staff(request.user)


class PlanViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """The years' plans and their sections (public)."""

    queryset = Plan.objects.all()
    serializer_class = PlanSerializer
    permission_classes = [permissions.AllowAny]


@extend_schema_view(
    list=extend_schema(responses=PublicTargetSerializer(many=True),
                       description="Public targets' public fields for everyone; staff get every target they may "
                                   "see, with the internal fields."),
    retrieve=extend_schema(responses=PublicTargetSerializer),
)
class TargetViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    queryset = Target.objects.all()
    permission_classes = [PublicReadStaffWrite]
    filterset_class = TargetFilterSet

    def get_queryset(self):
        qs = Target.objects.visible_to(self.request.user).select_related(
            "plan", "section", "lead_unit", "responsible_leader", *HISTORY_RELATED)
        if _is_staff(self.request):
            qs = qs.prefetch_related("responsible_units")
        if not self.request.query_params.get("year") and self.action == "list":
            plan = selectors.current_plan()
            qs = qs.filter(plan=plan) if plan else qs.none()
        return qs.order_by("section__order", "order", "code")

    def get_serializer_class(self):
        return StaffTargetSerializer if _is_staff(self.request) else PublicTargetSerializer

    def list(self, request, *args, **kwargs):
        queryset = self.filter_queryset(self.get_queryset())
        page = self.paginate_queryset(queryset)
        rows = selectors.evaluate_targets(page if page is not None else queryset)
        wanted = request.query_params.get("status")
        if wanted:
            rows = [r for r in rows if r.evaluation.status == wanted]
        data = self.get_serializer_class()(rows, many=True).data
        return self.get_paginated_response(data) if page is not None else Response(data)

    def retrieve(self, request, *args, **kwargs):
        target = self.get_object()
        row = selectors.evaluate_targets([target])[0]
        return Response(self.get_serializer_class()(row).data)

    @extend_schema(responses=RecordSerializer(many=True),
                   description="Exactly the records the target's figure counts (a derived figure's records, a "
                               "reported target's values by its roll-up rule, the stages reached, the incidents), "
                               "so their number is the figure of a count. Staff only; outside the caller's scope "
                               "(a confidential target but for the organisation department): 404.")
    @action(detail=True, methods=["get"])
    def records(self, request, pk=None):
        if not _is_staff(request):
            raise Http404
        target = get_object_or_404(Target.objects.visible_to(request.user).select_related("plan", "lead_unit"),
                                   pk=pk)
        return Response(RecordSerializer(selectors.counted_records(target, request.user), many=True).data)

    @extend_schema(methods=["GET"], responses=ValueSerializer(many=True))
    @extend_schema(methods=["POST"], request=ValueInputSerializer, responses={201: ValueSerializer})
    @action(detail=True, methods=["get", "post"])
    def values(self, request, pk=None):
        """GET: the monthly values (public ones for everyone). POST: a unit enters a month's value."""
        target = get_object_or_404(Target.objects.visible_to(request.user).select_related("plan", "lead_unit"),
                                   pk=pk)
        if request.method == "GET":
            values = MonthlyValue.objects.filter(target=target).select_related("unit").order_by("month", "unit__order")
            serializer = ValueSerializer if _is_staff(request) else PublicValueSerializer
            return Response(serializer(values, many=True).data)
        data = ValueInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        unit = Unit.objects.filter(code=data.validated_data["unit"]).first()
        if unit is None:
            return Response({"unit": [_("“%(code)s” is not a unit code.") % {"code": data.validated_data["unit"]}]},
                            status=status.HTTP_400_BAD_REQUEST)
        record = services.value_submit(target=target, unit=unit, month=data.validated_data["month"],
                                       value=data.validated_data["value"], note=data.validated_data["note"],
                                       user=request.user)
        return Response(ValueSerializer(record).data, status=status.HTTP_201_CREATED)
