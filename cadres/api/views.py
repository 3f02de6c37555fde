"""/api/v1/cadres/...: the organisation department (and, read-only, users it grants) only.

Anonymous callers get 401, every other signed-in user 404 on every endpoint, lists included.
Every list and retrieve is written to the access log. There is no DELETE anywhere: records are
corrected (PATCH with ``change_reason``), never deleted.
"""

from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, mixins, permissions, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from .. import selectors, services
from ..choices import AccessAction
from ..filtersets import AccessLogFilterSet, CadreFilterSet
from ..models import AccessLog, Cadre, ReassignmentProposal, can_read_cadres, can_write_cadres
from ..permissions import is_department
from ..records import RECORD_TYPES
from .serializers import (
    RECORD_SERIALIZERS,
    AccessLogSerializer,
    CadreSerializer,
    ProposalDecideSerializer,
    ProposalSerializer,
    TimelineEntrySerializer,
)


class CadreAccess(permissions.BasePermission):
    """Reads: the department and granted users; writes: the department. Else 404 (anonymous 401)."""

    department_only = False

    def has_permission(self, request, view):
        user = request.user
        if not user.is_authenticated:
            return False
        if self.department_only:
            allowed = is_department(user)
        elif request.method in permissions.SAFE_METHODS:
            allowed = can_read_cadres(user)
        else:
            allowed = can_write_cadres(user)
        if not allowed:
            raise exceptions.NotFound()
        return True


class DepartmentOnly(CadreAccess):
    department_only = True


class LoggedReadMixin:
    """Scoped reads (``visible_to``) that write each list and retrieve to the access log."""

    lookup_value_regex = r"\d+"
    permission_classes = [CadreAccess]

    def get_queryset(self):
        return self.queryset.visible_to(self.request.user)

    def _log(self, action, *, cadre=None, record=None, ids=()):
        services.access_record(
            user=self.request.user, action=action, path=self.request.get_full_path(), cadre=cadre, record=record,
            ids=ids,
        )

    def cadre_of(self, instance):
        return getattr(instance, "cadre", None)

    def list(self, request, *args, **kwargs):
        response = super().list(request, *args, **kwargs)
        rows = response.data.get("results", []) if isinstance(response.data, dict) else response.data
        self._log(AccessAction.API_LIST, ids=[row["id"] for row in rows])
        return response

    def retrieve(self, request, *args, **kwargs):
        instance = self.get_object()
        self._log(AccessAction.API_VIEW, cadre=self.cadre_of(instance), record=instance)
        return Response(self.get_serializer(instance).data)


class CorrectingMixin:
    """POST creates through the service; PATCH corrects through the service with a reason."""

    def perform_update(self, serializer):
        data = dict(serializer.validated_data)
        reason = data.pop("change_reason", "")
        data.pop("cadre", None)  # a record never moves to another cadre
        serializer.instance = self.correct(instance=serializer.instance, data=data, reason=reason)


class CadreViewSet(LoggedReadMixin, CorrectingMixin, mixins.CreateModelMixin, mixins.UpdateModelMixin,
                   viewsets.ReadOnlyModelViewSet):
    """Cadres. Filters: ``unit``, ``type``, ``front_line``, ``rank``, ``is_leading``, ``active``, ``q``, ``sort``."""

    queryset = Cadre.objects.select_related("unit").with_rank_order()
    serializer_class = CadreSerializer
    filterset_class = CadreFilterSet
    search_fields = ["name", "post", "specialist_field", "unit__name"]
    ordering_fields = ["name", "year_of_birth", "rank_order", "updated_at"]
    ordering = ["unit__order", "name", "id"]
    http_method_names = ["get", "post", "patch", "head", "options"]

    def cadre_of(self, instance):
        return instance

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        data.pop("change_reason", None)
        serializer.instance = services.cadre_create(data=data, user=self.request.user)

    def correct(self, *, instance, data, reason):
        return services.cadre_correct(cadre=instance, data=data, user=self.request.user, reason=reason)

    @extend_schema(responses=TimelineEntrySerializer(many=True))
    @action(detail=True, methods=["get"])
    def timeline(self, request, pk=None):
        """Every record of the cadre in time order, oldest first."""
        cadre = self.get_object()
        self._log(AccessAction.API_VIEW, cadre=cadre, record=cadre)
        rows = [
            {"date": e.date, "type": e.type.key, "id": e.record.pk, "summary": e.record.summary()}
            for e in selectors.cadre_timeline(cadre)
        ]
        return Response(TimelineEntrySerializer(rows, many=True).data)


def record_viewset(record_type):
    """The viewset of one record type: list (filter ``cadre``), retrieve, create, correct."""

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        data.pop("change_reason", None)
        cadre = data.pop("cadre")
        serializer.instance = services.record_create(
            model=record_type.model, cadre=cadre, data=data, user=self.request.user
        )

    def correct(self, *, instance, data, reason):
        return services.record_correct(record=instance, data=data, user=self.request.user, reason=reason)

    filter_fields = ["cadre"] + [f for f in ("status", "kind", "campaign", "decision", "cadre_type")
                                 if f in record_type.fields]
    return type(
        f"{record_type.model.__name__}ViewSet",
        (LoggedReadMixin, CorrectingMixin, mixins.CreateModelMixin, mixins.UpdateModelMixin,
         viewsets.ReadOnlyModelViewSet),
        {
            "__doc__": f"{record_type.model._meta.verbose_name_plural} of cadres (filter by ``cadre``).",
            "queryset": record_type.model.objects.select_related("cadre"),
            "serializer_class": RECORD_SERIALIZERS[record_type.key],
            "filterset_fields": filter_fields,
            "ordering_fields": ["created_at", record_type.model.date_field],
            "http_method_names": ["get", "post", "patch", "head", "options"],
            "perform_create": perform_create,
            "correct": correct,
        },
    )


RECORD_VIEWSETS = {key: record_viewset(rt) for key, rt in RECORD_TYPES.items()}


class InterviewHoldSerializer(serializers.Serializer):
    held_on = serializers.DateField()
    interviewer = serializers.CharField(max_length=100)
    notes = serializers.CharField(required=False, allow_blank=True, default="")


@extend_schema(request=InterviewHoldSerializer, responses=RECORD_SERIALIZERS["interview"])
@action(detail=True, methods=["post"])
def hold(self, request, pk=None):
    """Record that a pending interview was held."""
    payload = InterviewHoldSerializer(data=request.data)
    payload.is_valid(raise_exception=True)
    interview = services.interview_hold(interview=self.get_object(), user=request.user, **payload.validated_data)
    return Response(self.get_serializer(interview).data)


RECORD_VIEWSETS["interview"] = type(
    "InterviewViewSet", (RECORD_VIEWSETS["interview"],), {"hold": hold, "__doc__": RECORD_VIEWSETS["interview"].__doc__}
)


class ProposalViewSet(LoggedReadMixin, viewsets.ReadOnlyModelViewSet):
    """Reassignment proposals from confirmed sprint-race consequences; ``decide`` accepts or declines."""

    queryset = ReassignmentProposal.objects.select_related("unit")
    serializer_class = ProposalSerializer
    filterset_fields = ["status", "unit", "year"]

    def cadre_of(self, instance):
        return None

    @extend_schema(request=ProposalDecideSerializer, responses=ProposalSerializer)
    @action(detail=True, methods=["post"])
    def decide(self, request, pk=None):
        proposal = self.get_object()
        payload = ProposalDecideSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        proposal = services.proposal_decide(
            proposal=proposal, status=payload.validated_data["status"],
            note=payload.validated_data["decision_note"], user=request.user,
        )
        return Response(ProposalSerializer(proposal).data, status=status.HTTP_200_OK)


class AccessLogViewSet(viewsets.ReadOnlyModelViewSet):
    """The access log, for the department to review. Read-only: entries are never changed or deleted."""

    queryset = AccessLog.objects.select_related("user")
    serializer_class = AccessLogSerializer
    permission_classes = [DepartmentOnly]
    filterset_class = AccessLogFilterSet
    lookup_value_regex = r"\d+"

    def get_queryset(self):
        return self.queryset.visible_to(self.request.user)
