"""/api/v1/livelihood/tasks/: anyone reads the public fields; staff read more and write through the
same services as the pages (status and percent only ever change through them)."""

from django.db.models import Prefetch
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from gaoyou_portal.api.mixins import PublicReadStaffWrite, ScopedViewSetMixin

from .. import services
from ..filtersets import StaffTaskFilterSet, TaskFilterSet
from ..models import LivelihoodTask, ProgressUpdate
from ..permissions import is_staff
from .serializers import (
    ConfirmInputSerializer,
    ExplanationInputSerializer,
    ProgressInputSerializer,
    PublicTaskDetailSerializer,
    PublicTaskSerializer,
    PublicUpdateSerializer,
    StaffExplanationSerializer,
    StaffTaskDetailSerializer,
    StaffTaskSerializer,
    StaffUpdateSerializer,
)


def _is_staff(request):
    return is_staff(request.user)


# The list and the detail are documented for the caller (get_serializer_class): the public schema
# shows the public fields, a signed-in user's schema the staff fields.
@extend_schema_view(
    list=extend_schema(description="Public fields for everyone; staff also get the internal fields."),
    create=extend_schema(request=StaffTaskSerializer, responses=StaffTaskSerializer),
    update=extend_schema(request=StaffTaskSerializer, responses=StaffTaskSerializer),
    partial_update=extend_schema(request=StaffTaskSerializer, responses=StaffTaskSerializer),
)
class LivelihoodTaskViewSet(
    ScopedViewSetMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """The year's livelihood tasks (民生实事). No delete: a pledged task stays on the record."""

    queryset = LivelihoodTask.objects.all()
    permission_classes = [PublicReadStaffWrite]
    search_fields = ["title", "target"]
    ordering_fields = ["year", "number", "deadline", "percent", "status"]
    ordering = ["-year", "number"]
    list_actions = ["updates"]

    @property
    def filterset_class(self):
        return StaffTaskFilterSet if _is_staff(self.request) else TaskFilterSet

    def get_base_queryset(self):
        qs = LivelihoodTask.objects.public_related()
        if self.action == "retrieve":
            updates = ProgressUpdate.objects.select_related("entered_by", "unit").order_by("-date", "-id")
            if not _is_staff(self.request):
                updates = updates.filter(published=True)
            qs = qs.prefetch_related(Prefetch("updates", queryset=updates, to_attr="published_updates"))
        return qs

    def get_serializer_class(self):
        staff = _is_staff(self.request)
        if self.action == "updates":
            return StaffUpdateSerializer if staff else PublicUpdateSerializer
        if staff:
            return StaffTaskDetailSerializer if self.action == "retrieve" else StaffTaskSerializer
        return PublicTaskDetailSerializer if self.action == "retrieve" else PublicTaskSerializer

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        serializer.instance = services.task_create(
            user=self.request.user, responsible_units=data.pop("responsible_units", []), **data
        )

    def perform_update(self, serializer):
        data = dict(serializer.validated_data)
        data.pop("year", None)
        serializer.instance = services.task_update(
            task=serializer.instance, user=self.request.user,
            responsible_units=data.pop("responsible_units", None), **data,
        )

    @extend_schema(request=ProgressInputSerializer, responses={201: StaffUpdateSerializer})
    @action(detail=True, methods=["post"])
    def progress(self, request, pk=None):
        """Report progress (lead or responsible unit): 400 names a percent out of 0–100 or lower without reason."""
        data = self._input(ProgressInputSerializer)
        update = services.update_add(task=self.get_object(), user=request.user, **data)
        return Response(StaffUpdateSerializer(update).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=ConfirmInputSerializer, responses=StaffTaskSerializer)
    @action(detail=True, methods=["post"])
    def confirm(self, request, pk=None):
        """The lead unit confirms completion (nobody else can)."""
        task = services.task_confirm_completion(task=self.get_object(), user=request.user,
                                                **self._input(ConfirmInputSerializer))
        return Response(StaffTaskSerializer(task, context={"request": request}).data)

    @extend_schema(request=ExplanationInputSerializer, responses=StaffExplanationSerializer)
    @action(detail=True, methods=["post"])
    def explanation(self, request, pk=None):
        """Write the explanation for a task not completed (public once approved)."""
        explanation = services.explanation_write(task=self.get_object(), user=request.user,
                                                 **self._input(ExplanationInputSerializer))
        return Response(StaffExplanationSerializer(explanation).data)

    @extend_schema(request=None, responses=StaffExplanationSerializer)
    @action(detail=True, methods=["post"], url_path="explanation/approve")
    def approve_explanation(self, request, pk=None):
        """The lead unit or the office approves the explanation; it becomes public."""
        explanation = services.explanation_approve(task=self.get_object(), user=request.user)
        return Response(StaffExplanationSerializer(explanation).data)

    @action(detail=True, methods=["get"], pagination_class=None, filter_backends=[])
    def updates(self, request, pk=None):
        """The task's progress updates: published ones for the public, all for staff."""
        task = self.get_object()
        updates = task.updates.select_related("entered_by", "unit").order_by("-date", "-id")
        if _is_staff(request):
            return Response(StaffUpdateSerializer(updates, many=True).data)
        return Response(PublicUpdateSerializer(updates.filter(published=True), many=True).data)

    def _input(self, serializer_class):
        serializer = serializer_class(data=self.request.data)
        serializer.is_valid(raise_exception=True)
        return serializer.validated_data
