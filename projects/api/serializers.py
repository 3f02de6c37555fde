from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from ..choices import BlockerStatus, Light, MilestoneKind, ProjectCategory, ProjectLevel, ProjectStatus
from ..models import Blocker, Milestone, MonthlyReport, Project


def _values(choices):
    return "One of: " + ", ".join(f"`{value}` ({label})" for value, label in choices.choices)


class ProjectSerializer(serializers.ModelSerializer):
    # Plain strings in the schema (values listed in the help text): several apps have a "status" or
    # "category" with other values, and one enum name per field name keeps the schema unambiguous.
    level = serializers.CharField(read_only=True, help_text=_values(ProjectLevel))
    category = serializers.CharField(read_only=True, help_text=_values(ProjectCategory))
    status = serializers.CharField(read_only=True, help_text=_values(ProjectStatus))
    responsible_unit = serializers.SlugRelatedField(slug_field="code", read_only=True)
    light = serializers.CharField(read_only=True, help_text=_values(Light))
    light_reasons = serializers.SerializerMethodField()
    plan_to_date = serializers.DecimalField(max_digits=16, decimal_places=2, read_only=True)
    actual_to_date = serializers.DecimalField(max_digits=16, decimal_places=2, read_only=True)
    behind_points = serializers.FloatField(read_only=True)

    class Meta:
        model = Project
        fields = [
            "id", "code", "name", "level", "category", "industry", "responsible_unit", "responsible_person",
            "responsible_phone", "total_investment", "year_planned_investment", "signing_date", "status",
            "light", "light_reasons", "plan_to_date", "actual_to_date", "behind_points",
        ]

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_light_reasons(self, obj):
        from ..lights import light_reasons

        return light_reasons(obj, self.context["config"])


class MonthlyReportSerializer(serializers.ModelSerializer):
    """``month`` is the first day of the month; ``investment`` in 10k yuan (a decimal string)."""

    month = serializers.DateField()
    investment = serializers.CharField(help_text="Investment completed that month, 10k yuan, e.g. \"120.50\".")
    workload = serializers.CharField(required=False, allow_blank=True, default="")
    narrative = serializers.CharField(required=False, allow_blank=True, default="")
    project = serializers.PrimaryKeyRelatedField(read_only=True)
    submitted_by = serializers.StringRelatedField(read_only=True, allow_null=True)
    locked = serializers.SerializerMethodField()

    class Meta:
        model = MonthlyReport
        fields = ["id", "project", "month", "investment", "workload", "narrative", "submitted_by", "submitted_at",
                  "updated_at", "reopened_until", "locked"]
        read_only_fields = ["submitted_at", "updated_at", "reopened_until"]

    @extend_schema_field(OpenApiTypes.BOOL)
    def get_locked(self, obj):
        from ..services import report_is_locked

        return report_is_locked(obj, config=self.context.get("config"))

    def to_representation(self, instance):
        data = super().to_representation(instance)
        data["investment"] = f"{instance.investment:.2f}"
        return data


class MilestoneSerializer(serializers.ModelSerializer):
    kind = serializers.CharField(read_only=True, help_text=_values(MilestoneKind))

    class Meta:
        model = Milestone
        fields = ["id", "project", "kind", "planned_date", "actual_date", "evidence"]
        read_only_fields = ["project", "kind", "planned_date"]


class MilestoneRecordSerializer(serializers.Serializer):
    actual_date = serializers.DateField()
    evidence = serializers.CharField(required=False, allow_blank=True, default="")


class BlockerSerializer(serializers.ModelSerializer):
    raised_by = serializers.StringRelatedField(read_only=True, allow_null=True)
    status = serializers.CharField(read_only=True, help_text=_values(BlockerStatus))

    class Meta:
        model = Blocker
        fields = ["id", "project", "title", "description", "assigned_leader", "deadline", "status", "resolution",
                  "raised_by", "raised_at", "resolved_at"]
        read_only_fields = ["project", "status", "resolution", "raised_by", "raised_at", "resolved_at"]
        extra_kwargs = {"assigned_leader": {"required": False}}


class BlockerResolveSerializer(serializers.Serializer):
    resolution = serializers.CharField()
