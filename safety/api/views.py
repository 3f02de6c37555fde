"""/api/v1/safety/chemical-firms/ and /api/v1/safety/workshops/: the ledgers, their inspections and
items, and each workflow step as an action calling the same service as the pages."""

from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response

from gaoyou_portal.api.mixins import HasRole, ScopedViewSetMixin

from .. import services
from ..filtersets import ChemicalFirmFilterSet, GarmentWorkshopFilterSet
from ..models import ChemicalFirm, GarmentWorkshop
from ..permissions import BUREAU_ROLES
from .serializers import (
    ChemicalFirmSerializer,
    FirmDispositionSerializer,
    GarmentWorkshopSerializer,
    InspectionCreateSerializer,
    InspectionSerializer,
    ItemSerializer,
    SendBackSerializer,
    WorkshopDispositionSerializer,
)

BUREAU = HasRole.of(*BUREAU_ROLES)


class CaseViewSet(
    ScopedViewSetMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Ledger cases. Everyone on the staff reads; the bureau adds cases and decides; a town's reporters
    update, inspect and submit the cases of their town. Outside scope answers 404."""

    permission_classes = [HasRole]
    parser_classes = [JSONParser, MultiPartParser, FormParser]
    ordering_fields = ["deadline", "name", "state", "updated_at"]
    ordering = ["town__order", "name", "id"]
    disposition_serializer = FirmDispositionSerializer

    def get_base_queryset(self):
        return self.queryset.select_related("town", "submitted_by", "closed_out_by")

    def get_permissions(self):
        if self.action in ("create", "accept", "send_back", "set_disposition"):
            return [BUREAU()]
        return super().get_permissions()

    def _case(self):
        return self.get_object()

    def _respond(self, case):
        case.refresh_from_db()
        return Response(self.get_serializer(case).data)

    @extend_schema(request=None)
    @action(detail=True, methods=["post"])
    def start(self, request, pk=None):
        return self._respond(services.case_start(case=self._case(), user=request.user))

    @extend_schema(request=None)
    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        return self._respond(services.case_submit(case=self._case(), user=request.user))

    @extend_schema(request=None)
    @action(detail=True, methods=["post"])
    def accept(self, request, pk=None):
        """Accept a submitted case and strike it off (销号): needs an accepting inspection; never one's own."""
        return self._respond(services.case_close_out(case=self._case(), user=request.user))

    @extend_schema(request=SendBackSerializer)
    @action(detail=True, methods=["post"], url_path="send-back")
    def send_back(self, request, pk=None):
        case = self._case()
        data = self._valid(SendBackSerializer)
        return self._respond(services.case_send_back(case=case, reason=data["reason"], user=request.user))

    @extend_schema(request=FirmDispositionSerializer)
    @action(detail=True, methods=["post"], url_path="set-disposition")
    def set_disposition(self, request, pk=None):
        case = self._case()
        data = self._valid(self.disposition_serializer)
        return self._respond(services.case_set_disposition(case=case, user=request.user, **data))

    @extend_schema(methods=["get"], responses=InspectionSerializer(many=True))
    @extend_schema(methods=["post"], request={"multipart/form-data": InspectionCreateSerializer},
                   responses={201: InspectionSerializer})
    @action(detail=True, methods=["get", "post"], pagination_class=None, filter_backends=[])
    def inspections(self, request, pk=None):
        """The case's inspections; POST (multipart, ``photos`` repeated) records one."""
        if request.method == "GET":
            case = self.get_object()
            rows = case.inspections.select_related("recorded_by").prefetch_related("photos")
            return Response(InspectionSerializer(rows, many=True).data)
        case = self._case()
        data = self._valid(InspectionCreateSerializer)
        inspection = services.inspection_record(case=case, user=request.user, **data)
        return Response(InspectionSerializer(inspection).data, status=status.HTTP_201_CREATED)

    @extend_schema(methods=["get"], responses=ItemSerializer(many=True))
    @extend_schema(methods=["post"], request=ItemSerializer, responses={201: ItemSerializer})
    @action(detail=True, methods=["get", "post"], pagination_class=None, filter_backends=[])
    def items(self, request, pk=None):
        """The case's rectification items; POST adds one."""
        if request.method == "GET":
            return Response(ItemSerializer(self.get_object().rectificationitems.select_related("verified_by"),
                                           many=True).data)
        case = self._case()
        data = self._valid(ItemSerializer)
        item = services.item_add(case=case, user=request.user, **data)
        return Response(ItemSerializer(item).data, status=status.HTTP_201_CREATED)

    def _valid(self, serializer_class):
        serializer = serializer_class(data=self.request.data)
        serializer.is_valid(raise_exception=True)
        return serializer.validated_data


class ChemicalFirmViewSet(CaseViewSet):
    queryset = ChemicalFirm.objects.all()
    serializer_class = ChemicalFirmSerializer
    filterset_class = ChemicalFirmFilterSet
    search_fields = ["name", "credit_code", "address", "products"]


class GarmentWorkshopViewSet(CaseViewSet):
    queryset = GarmentWorkshop.objects.all()
    serializer_class = GarmentWorkshopSerializer
    filterset_class = GarmentWorkshopFilterSet
    search_fields = ["name", "operator", "address"]
    disposition_serializer = WorkshopDispositionSerializer

    @extend_schema(request=WorkshopDispositionSerializer)
    @action(detail=True, methods=["post"], url_path="set-disposition")
    def set_disposition(self, request, pk=None):
        return super().set_disposition(request, pk)


