"""Task serializers. The public ones list exactly the fields citizens may see (PUBLIC_FIELDS);
no internal note, no names of the staff who entered updates, no unpublished updates."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from leaders.models import Leader
from org.models import Unit

from ..choices import TaskCategory
from ..models import Explanation, LivelihoodTask, ProgressUpdate

PUBLIC_FIELDS = [
    "id", "year", "number", "title", "category", "category_label", "target", "status", "status_label", "percent",
    "deadline", "completed_on", "lead_unit", "responsible_units", "responsible_leader", "explanation", "url",
]
PUBLIC_UPDATE_FIELDS = ["date", "percent", "text", "attachment"]
PUBLIC_EXPLANATION_FIELDS = ["reason", "next_steps", "new_date"]


class PublicUpdateSerializer(serializers.ModelSerializer):
    attachment = serializers.SerializerMethodField()

    class Meta:
        model = ProgressUpdate
        fields = PUBLIC_UPDATE_FIELDS

    def get_attachment(self, obj) -> str | None:
        return obj.attachment.url if obj.attachment else None


class PublicExplanationSerializer(serializers.ModelSerializer):
    class Meta:
        model = Explanation
        fields = PUBLIC_EXPLANATION_FIELDS


class PublicTaskSerializer(serializers.ModelSerializer):
    category_label = serializers.CharField(source="get_category_display", read_only=True)
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    lead_unit = serializers.CharField(source="lead_unit.name", read_only=True)
    responsible_units = serializers.SerializerMethodField()
    responsible_leader = serializers.SerializerMethodField()
    explanation = serializers.SerializerMethodField()
    url = serializers.SerializerMethodField()

    class Meta:
        model = LivelihoodTask
        fields = PUBLIC_FIELDS
        read_only_fields = PUBLIC_FIELDS

    def get_responsible_units(self, obj) -> list[str]:
        return [u.name for u in obj.responsible_units.all()]

    def get_responsible_leader(self, obj) -> str:
        return str(obj.responsible_leader)

    def get_explanation(self, obj) -> dict | None:
        explanation = getattr(obj, "explanation", None)  # select_related by the views; None when absent
        return PublicExplanationSerializer(explanation).data if explanation and explanation.is_public else None

    def get_url(self, obj) -> str:
        request = self.context.get("request")
        path = obj.get_absolute_url()
        return request.build_absolute_uri(path) if request else path


class PublicTaskDetailSerializer(PublicTaskSerializer):
    updates = serializers.SerializerMethodField()

    class Meta(PublicTaskSerializer.Meta):
        fields = [*PUBLIC_FIELDS, "updates"]
        read_only_fields = fields

    def get_updates(self, obj) -> list[dict]:
        updates = getattr(obj, "published_updates", None)
        if updates is None:
            updates = obj.updates.filter(published=True).order_by("-date", "-id")
        return PublicUpdateSerializer(updates, many=True).data


# --- staff -----------------------------------------------------------------------------------------------------
class StaffUpdateSerializer(serializers.ModelSerializer):
    entered_by = serializers.CharField(source="entered_by.username", default=None, read_only=True, allow_null=True)
    unit = serializers.CharField(source="unit.name", default=None, read_only=True, allow_null=True)

    class Meta:
        model = ProgressUpdate
        fields = ["id", "date", "percent", "text", "reason", "attachment", "unit", "entered_by", "published",
                  "published_at", "created_at"]
        read_only_fields = fields


class StaffExplanationSerializer(serializers.ModelSerializer):
    class Meta:
        model = Explanation
        fields = ["reason", "next_steps", "new_date", "state", "approved_at"]
        read_only_fields = fields


class StaffTaskSerializer(PublicTaskSerializer):
    """What staff read, and the fields the office writes (status and percent follow the services)."""

    lead_unit = serializers.SlugRelatedField(slug_field="code", queryset=Unit.objects.all())
    responsible_units = serializers.SlugRelatedField(
        slug_field="code", queryset=Unit.objects.all(), many=True, required=False
    )
    responsible_leader = serializers.PrimaryKeyRelatedField(queryset=Leader.objects.all())
    responsible_leader_name = serializers.CharField(source="responsible_leader.__str__", read_only=True)
    category = serializers.ChoiceField(choices=TaskCategory.choices)
    staff_explanation = serializers.SerializerMethodField()

    class Meta:
        model = LivelihoodTask
        fields = [
            "id", *PUBLIC_FIELDS, "responsible_leader_name", "internal_note", "explanation_requested_on",
            "staff_explanation", "created_at", "updated_at",
        ]
        read_only_fields = [
            "id", "status", "percent", "completed_on", "explanation_requested_on", "created_at", "updated_at",
        ]
        validators = []  # the service checks the number per year, with a message naming both

    def get_staff_explanation(self, obj) -> dict | None:
        explanation = getattr(obj, "explanation", None)
        return StaffExplanationSerializer(explanation).data if explanation else None

    def validate(self, attrs):
        if "status" in self.initial_data or "percent" in self.initial_data:
            from django.utils.translation import gettext as _

            raise serializers.ValidationError({"status": [_(
                "Status and percent follow the progress updates; completion is confirmed by the lead unit "
                "(POST …/confirm/)."
            )]})
        return attrs


class ProgressInputSerializer(serializers.Serializer):
    date = serializers.DateField(required=False)
    percent = serializers.IntegerField()
    text = serializers.CharField(max_length=2000)
    reason = serializers.CharField(required=False, allow_blank=True, default="")
    published = serializers.BooleanField(required=False, default=True)


class ConfirmInputSerializer(serializers.Serializer):
    note = serializers.CharField(max_length=2000)
    date = serializers.DateField(required=False)


class ExplanationInputSerializer(serializers.Serializer):
    reason = serializers.CharField()
    next_steps = serializers.CharField()
    new_date = serializers.DateField(required=False, allow_null=True)


class StaffTaskDetailSerializer(StaffTaskSerializer):
    """One task for staff: the staff fields and every progress update, published or not."""

    updates = serializers.SerializerMethodField()

    class Meta(StaffTaskSerializer.Meta):
        fields = [*StaffTaskSerializer.Meta.fields, "updates"]

    @extend_schema_field(StaffUpdateSerializer(many=True))
    def get_updates(self, obj):
        updates = getattr(obj, "published_updates", None)
        if updates is None:
            updates = obj.updates.order_by("-date", "-id")
        return StaffUpdateSerializer(updates, many=True, context=self.context).data
