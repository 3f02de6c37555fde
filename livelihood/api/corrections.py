"""/api/v1/corrections/: citizens' corrections (纠错) for staff, scoped as the queue (a unit's reporters read and
answer their unit's, the office all; anyone else 404, anonymous 401). The actions call the same services as
the pages: ``answer``, ``publish``, and for the office ``reassign`` and ``remove``. Removed corrections are
not served."""

from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from gaoyou_portal.api.mixins import HasRole, ScopedViewSetMixin
from gaoyou_portal.roles import Role, is_office
from org.models import Unit

from .. import corrections
from ..correction_models import REASON_MAX, TEXT_MAX, Correction, RemovedAs


class CorrectionSerializer(serializers.ModelSerializer):
    unit = serializers.SlugRelatedField(slug_field="code", read_only=True)
    unit_name = serializers.CharField(source="unit.name", read_only=True)
    task = serializers.SerializerMethodField()
    project = serializers.SerializerMethodField()
    answered_by = serializers.CharField(source="answered_by.username", default=None, read_only=True,
                                        allow_null=True)
    due = serializers.SerializerMethodField()

    class Meta:
        model = Correction
        fields = ["id", "task", "project", "unit", "unit_name", "text", "contact", "received_at", "due", "answer",
                  "answered_at", "answered_by", "answer_public"]
        read_only_fields = fields

    def get_task(self, obj) -> str | None:
        return obj.task.code if obj.task_id else None

    def get_project(self, obj) -> str | None:
        return obj.project.code if obj.project_id else None

    def get_due(self, obj) -> str:
        return corrections.answer_due(obj.received_at, self.context.get("calendar")).isoformat()


class AnswerInputSerializer(serializers.Serializer):
    answer = serializers.CharField(max_length=TEXT_MAX)
    publish = serializers.BooleanField(required=False, default=False)


class PublishInputSerializer(serializers.Serializer):
    publish = serializers.BooleanField()


class ReassignInputSerializer(serializers.Serializer):
    unit = serializers.SlugRelatedField(slug_field="code", queryset=Unit.objects.all())
    reason = serializers.CharField(max_length=REASON_MAX)


class RemoveInputSerializer(serializers.Serializer):
    removed_as = serializers.ChoiceField(choices=RemovedAs.choices)
    reason = serializers.CharField(max_length=REASON_MAX, required=False, allow_blank=True, default="")


class CorrectionViewSet(ScopedViewSetMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin,
                        viewsets.GenericViewSet):
    """The corrections of the caller's scope, newest first; ``?open=1`` the unanswered ones."""

    queryset = Correction.objects.all()
    serializer_class = CorrectionSerializer
    permission_classes = [HasRole.of(Role.OFFICE, Role.REPORTER, Role.ADMIN)]
    ordering_fields = ["received_at", "answered_at"]
    ordering = ["-received_at", "-id"]

    def get_base_queryset(self):
        queryset = Correction.objects.kept().select_related("task", "project", "unit", "answered_by")
        if self.action == "list" and self.request.query_params.get("open") == "1":
            queryset = queryset.filter(answered_at__isnull=True)
        return queryset

    def get_serializer_context(self):
        context = super().get_serializer_context()
        page = getattr(self, "_page_rows", None)
        if page:
            context["calendar"] = corrections.calendar_for([r.received_at for r in page])
        return context

    def paginate_queryset(self, queryset):
        page = super().paginate_queryset(queryset)
        self._page_rows = page
        return page

    def _input(self, serializer_class):
        serializer = serializer_class(data=self.request.data)
        serializer.is_valid(raise_exception=True)
        return serializer.validated_data

    def _done(self, correction):
        return Response(CorrectionSerializer(correction, context=self.get_serializer_context()).data)

    @extend_schema(request=AnswerInputSerializer, responses=CorrectionSerializer)
    @action(detail=True, methods=["post"])
    def answer(self, request, pk=None):
        """Answer (the lead unit or the office); ``publish`` shows the answer on the public page as 答复."""
        data = self._input(AnswerInputSerializer)
        return self._done(corrections.correction_answer(user=request.user, correction=self.get_object(), **data))

    @extend_schema(request=PublishInputSerializer, responses=CorrectionSerializer)
    @action(detail=True, methods=["post"])
    def publish(self, request, pk=None):
        """Publish (true) or withdraw (false) an answer already written."""
        data = self._input(PublishInputSerializer)
        return self._done(corrections.correction_publish(user=request.user, correction=self.get_object(), **data))

    def _office_object(self):
        if not is_office(self.request.user):
            raise exceptions.NotFound()
        return self.get_object()

    @extend_schema(request=ReassignInputSerializer, responses=CorrectionSerializer)
    @action(detail=True, methods=["post"])
    def reassign(self, request, pk=None):
        """The office hands an unanswered correction to another unit (by its code), with a reason."""
        correction = self._office_object()
        data = self._input(ReassignInputSerializer)
        return self._done(corrections.correction_reassign(user=request.user, correction=correction, **data))

    @extend_schema(request=RemoveInputSerializer, responses=None)
    @action(detail=True, methods=["post"])
    def remove(self, request, pk=None):
        """The office removes spam or abuse (soft: kept in the history, gone from every list and page)."""
        correction = self._office_object()
        data = self._input(RemoveInputSerializer)
        corrections.correction_remove(user=request.user, correction=correction, **data)
        return Response(status=204)



