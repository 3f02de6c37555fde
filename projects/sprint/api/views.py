from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status, viewsets
from rest_framework.decorators import action
from rest_framework.generics import get_object_or_404
from rest_framework.response import Response

from gaoyou_portal.api.mixins import HasRole, ScopedViewSetMixin

from .. import services
from ..choices import Flag, Group, RunTrigger
from ..filtersets import SprintRaceFilterSet, SprintScoreFilterSet
from ..models import SprintRace
from ..permissions import INSIDERS, OFFICE_ROLES
from ..selectors import scores_visible_to
from .serializers import (
    ReopenSerializer,
    ScoreRequestSerializer,
    ScoringRunSerializer,
    SprintRaceSerializer,
    SprintScoreSerializer,
)

OFFICE_ONLY = [HasRole.of(*OFFICE_ROLES)]


class SprintRaceViewSet(ScopedViewSetMixin, viewsets.ReadOnlyModelViewSet):
    """Quarterly sprint races. Staff read them (drafts: the office, leaders and administrators);
    the office scores, publishes and reopens them."""

    queryset = SprintRace.objects.all()
    serializer_class = SprintRaceSerializer
    permission_classes = [HasRole]
    filterset_class = SprintRaceFilterSet
    ordering_fields = ["year", "quarter"]

    def get_queryset(self):
        # Actions are POSTs but read the race within the reader's scope; the office sees every race.
        return SprintRace.objects.visible_to(self.request.user)

    def get_object(self):
        """The race by id in the user's scope (the list filters do not apply to one race)."""
        race = get_object_or_404(self.get_queryset(), pk=self.kwargs["pk"])
        self.check_object_permissions(self.request, race)
        return race

    @extend_schema(
        responses=SprintScoreSerializer(many=True),
        parameters=[
            OpenApiParameter("group", str, enum=[g.value for g in Group], description="Ranking group."),
            OpenApiParameter("flag", str, enum=[f.value for f in Flag], description="Flag."),
            OpenApiParameter("page", int), OpenApiParameter("page_size", int),
        ],
    )
    @action(detail=True, methods=["get"], filterset_class=None)
    def scores(self, request, pk=None):
        """The race's scores with rank, flag and breakdown (a reporter: their own units' only)."""
        race = self.get_object()
        qs = scores_visible_to(request.user).filter(race=race).select_related("unit").order_by("group", "position")
        qs = SprintScoreFilterSet(request.GET, queryset=qs).qs
        page = self.paginate_queryset(qs)
        return self.get_paginated_response(SprintScoreSerializer(page, many=True).data)

    @extend_schema(request=ScoreRequestSerializer, responses={202: ScoringRunSerializer})
    @action(detail=False, methods=["post"], permission_classes=OFFICE_ONLY, url_path="score",
            filterset_class=None)
    def score(self, request):
        """Queue the scoring job for a quarter (the office only); poll the run on the race."""
        data = ScoreRequestSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        run = services.run_start(**data.validated_data, user=request.user, trigger=RunTrigger.API)
        return Response(ScoringRunSerializer(run).data, status=status.HTTP_202_ACCEPTED)

    @extend_schema(request=None, responses=SprintRaceSerializer)
    @action(detail=True, methods=["post"], permission_classes=OFFICE_ONLY, filterset_class=None)
    def publish(self, request, pk=None):
        race = services.race_publish(race=self.get_object(), user=request.user)
        return Response(SprintRaceSerializer(race).data)

    @extend_schema(request=ReopenSerializer, responses=SprintRaceSerializer)
    @action(detail=True, methods=["post"], permission_classes=OFFICE_ONLY, filterset_class=None)
    def reopen(self, request, pk=None):
        data = ReopenSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        race = services.race_reopen(race=self.get_object(), user=request.user, reason=data.validated_data["reason"])
        return Response(SprintRaceSerializer(race).data)

    @extend_schema(responses=ScoringRunSerializer(many=True), filters=False)
    @action(detail=True, methods=["get"], permission_classes=[HasRole.of(*INSIDERS)],
            filterset_class=None)
    def runs(self, request, pk=None):
        race = self.get_object()
        page = self.paginate_queryset(race.runs.all())
        return self.get_paginated_response(ScoringRunSerializer(page, many=True).data)
