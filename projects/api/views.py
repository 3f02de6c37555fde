"""API v1 of the projects app: scoped like the pages; every write goes through the same service."""

from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from gaoyou_portal.api.mixins import HasRole, ScopedViewSetMixin
from gaoyou_portal.errors import error_text

from .. import services
from ..filtersets import ProjectFilterSet
from ..models import Blocker, Milestone, MonthlyReport, Project, ProjectSettings
from .serializers import (
    BlockerResolveSerializer,
    BlockerSerializer,
    MilestoneRecordSerializer,
    MilestoneSerializer,
    MonthlyReportSerializer,
    ProjectSerializer,
)


def _call(service, **kwargs):
    """Run a service; a user who may read but not write the record gets 403 with the reason."""
    try:
        return service(**kwargs)
    except services.NotYourProject as exc:
        raise exceptions.PermissionDenied(error_text(exc, sep=" "))


class ProjectViewSet(ScopedViewSetMixin, viewsets.ReadOnlyModelViewSet):
    """Major projects with their warning light. Filters as the list page: ``unit``, ``level``, ``status``,
    ``light``, ``leader``, ``industry``, ``q`` (search) and ``ordering``."""

    queryset = Project.objects.all()
    serializer_class = ProjectSerializer
    permission_classes = [HasRole]
    filterset_class = ProjectFilterSet
    filter_backends = [DjangoFilterBackend]  # the FilterSet has its own search (q) and ordering

    def get_queryset(self):
        self.config = getattr(self, "config", None) or ProjectSettings.load()
        qs = Project.objects.visible_to(self.request.user)  # the stored light: ``?ordering=light`` uses an index
        return qs.select_related("responsible_unit").order_by("code")

    def get_serializer_context(self):
        context = super().get_serializer_context()
        context["config"] = getattr(self, "config", None) or ProjectSettings.load()
        return context

    def _project(self):
        self.config = ProjectSettings.load()
        return self.get_object()

    @extend_schema(request=MonthlyReportSerializer, responses=MonthlyReportSerializer(many=True))
    @action(detail=True, methods=["get", "post"], serializer_class=MonthlyReportSerializer, filterset_class=None)
    def reports(self, request, pk=None):
        """GET: the project's monthly reports. POST: submit one (same rules as the form); with ``"on_plan": true``
        and a ``month``, the report equals the month's plan (investment and workload)."""
        project = self._project()
        if request.method == "POST" and str(request.data.get("on_plan", "")).lower() in ("1", "true", "on"):
            # "按计划报送": the month's report equal to its plan; only ``month`` is read.
            report = _call(services.report_submit_on_plan, project=project, month=request.data.get("month"),
                           user=request.user)
            return Response(MonthlyReportSerializer(report, context=self.get_serializer_context()).data,
                            status=status.HTTP_201_CREATED)
        if request.method == "POST":
            serializer = MonthlyReportSerializer(data=request.data, context=self.get_serializer_context())
            serializer.is_valid(raise_exception=True)
            report = _call(services.report_submit, project=project, month=serializer.validated_data["month"],
                           data=serializer.validated_data, user=request.user)
            return Response(MonthlyReportSerializer(report, context=self.get_serializer_context()).data,
                            status=status.HTTP_201_CREATED)
        reports = project.reports.select_related("submitted_by").order_by("-month")
        page = self.paginate_queryset(reports)
        serializer = MonthlyReportSerializer(page, many=True, context=self.get_serializer_context())
        return self.get_paginated_response(serializer.data)

    @extend_schema(responses=MilestoneSerializer(many=True))
    @action(detail=True, methods=["get"], serializer_class=MilestoneSerializer, filterset_class=None,
            pagination_class=None)
    def milestones(self, request, pk=None):
        project = self._project()
        return Response(MilestoneSerializer(project.milestones.order_by("planned_date"), many=True).data)

    @extend_schema(request=BlockerSerializer, responses=BlockerSerializer(many=True))
    @action(detail=True, methods=["get", "post"], serializer_class=BlockerSerializer, filterset_class=None)
    def blockers(self, request, pk=None):
        """GET: the problems raised on the project. POST: raise one to a linked leader."""
        project = self._project()
        if request.method == "POST":
            serializer = BlockerSerializer(data=request.data)
            serializer.is_valid(raise_exception=True)
            data = serializer.validated_data
            blocker = _call(services.blocker_raise, project=project, title=data["title"],
                            description=data.get("description", ""), deadline=data["deadline"],
                            leader=data.get("assigned_leader"), user=request.user)
            return Response(BlockerSerializer(blocker).data, status=status.HTTP_201_CREATED)
        page = self.paginate_queryset(project.blockers.select_related("raised_by"))
        return self.get_paginated_response(BlockerSerializer(page, many=True).data)


class MonthlyReportViewSet(ScopedViewSetMixin, mixins.RetrieveModelMixin, mixins.UpdateModelMixin,
                           viewsets.GenericViewSet):
    """One monthly report: read it, change it before its lock (PATCH), or reopen it (office)."""

    queryset = MonthlyReport.objects.select_related("project", "submitted_by")
    serializer_class = MonthlyReportSerializer
    permission_classes = [HasRole]
    http_method_names = ["get", "patch", "post", "head", "options"]

    def get_queryset(self):
        return self.queryset.visible_to(self.request.user)  # writes are checked by the service

    def perform_update(self, serializer):
        serializer.instance = _call(services.report_update, report=serializer.instance,
                                    data=serializer.validated_data, user=self.request.user)

    @extend_schema(request=None, responses=MonthlyReportSerializer)
    @action(detail=True, methods=["post"])
    def reopen(self, request, pk=None):
        """Office: reopen a locked report until ``until`` (a date)."""
        from rest_framework.fields import DateField

        until = DateField().run_validation(request.data.get("until"))
        report = _call(services.report_reopen, report=self.get_object(), until=until, user=request.user)
        return Response(MonthlyReportSerializer(report).data)


class MilestoneViewSet(ScopedViewSetMixin, viewsets.ReadOnlyModelViewSet):
    """Milestones; ``POST /record/`` records the actual date with its evidence."""

    queryset = Milestone.objects.select_related("project")
    serializer_class = MilestoneSerializer
    permission_classes = [HasRole]
    filterset_fields = ["project", "kind"]

    def get_queryset(self):
        return self.queryset.visible_to(self.request.user)

    @extend_schema(request=MilestoneRecordSerializer, responses=MilestoneSerializer)
    @action(detail=True, methods=["post"], serializer_class=MilestoneRecordSerializer)
    def record(self, request, pk=None):
        serializer = MilestoneRecordSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        milestone = _call(services.milestone_record, milestone=self.get_object(), user=request.user,
                          **serializer.validated_data)
        return Response(MilestoneSerializer(milestone).data)


class BlockerViewSet(ScopedViewSetMixin, viewsets.ReadOnlyModelViewSet):
    """Problems raised to the leaders; ``POST /resolve/`` by the assigned leader."""

    queryset = Blocker.objects.select_related("raised_by", "project")
    serializer_class = BlockerSerializer
    permission_classes = [HasRole]
    filterset_fields = ["project", "status", "assigned_leader"]

    def get_queryset(self):
        return self.queryset.visible_to(self.request.user)

    @extend_schema(request=BlockerResolveSerializer, responses=BlockerSerializer)
    @action(detail=True, methods=["post"], serializer_class=BlockerResolveSerializer)
    def resolve(self, request, pk=None):
        serializer = BlockerResolveSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        blocker = _call(services.blocker_resolve, blocker=self.get_object(), user=request.user,
                        resolution=serializer.validated_data["resolution"])
        return Response(BlockerSerializer(blocker).data)

