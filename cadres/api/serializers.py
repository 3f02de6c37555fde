from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from org.models import Unit

from ..choices import ProposalStatus, Rank
from ..models import AccessLog, Cadre, ReassignmentProposal
from ..records import RECORD_TYPES


@extend_schema_field(OpenApiTypes.STR)
class RankChoiceField(serializers.ChoiceField):
    """A rank code (same codes as a cadre's ``rank``), or "" to keep the rank: one enum in the schema."""


class CadreSerializer(serializers.ModelSerializer):
    current_type = serializers.CharField(
        read_only=True, help_text="ox, lion or cheetah (from the latest type assessment), or empty."
    )
    unit = serializers.PrimaryKeyRelatedField(queryset=Unit.objects.all())
    unit_name = serializers.CharField(source="unit.name", read_only=True)
    age = serializers.IntegerField(read_only=True)
    change_reason = serializers.CharField(
        write_only=True, required=False, help_text="Required when correcting: kept in the history."
    )

    class Meta:
        model = Cadre
        fields = [
            "id", "name", "sex", "year_of_birth", "age", "unit", "unit_name", "post", "rank", "is_leading",
            "specialist_field", "current_type", "front_line", "front_line_since", "front_line_until", "active",
            "notes", "created_at", "updated_at", "change_reason",
        ]
        read_only_fields = ["current_type", "created_at", "updated_at"]


class TimelineEntrySerializer(serializers.Serializer):
    date = serializers.DateField()
    type = serializers.CharField()
    id = serializers.IntegerField()
    summary = serializers.CharField()


def _record_serializer(record_type):
    """A serializer with explicit fields for one record type (cadre, the type's fields, bookkeeping)."""
    model = record_type.model
    extra = {"cadre": serializers.PrimaryKeyRelatedField(queryset=Cadre.objects.all())}
    fields = ["id", "cadre", *record_type.fields]
    read_only = ["recorded_by", "created_at", "updated_at"]
    if "new_rank" in record_type.fields:
        extra["new_rank"] = RankChoiceField(
            choices=[("", ""), *Rank.choices], required=False, help_text="The new rank code, or empty."
        )
    if "unit" in record_type.fields:
        extra["unit"] = serializers.PrimaryKeyRelatedField(queryset=Unit.objects.all(), required=False)
        fields += ["sprint_case_id", "sprint_year"]
        read_only += ["sprint_case_id", "sprint_year"]
    extra["change_reason"] = serializers.CharField(
        write_only=True, required=False, help_text="Required when correcting: kept in the history."
    )
    meta = type("Meta", (), {"model": model, "fields": [*fields, *read_only[:3], "change_reason"],
                             "read_only_fields": read_only})
    return type(f"{model.__name__}Serializer", (serializers.ModelSerializer,), {"Meta": meta, **extra})


RECORD_SERIALIZERS = {key: _record_serializer(rt) for key, rt in RECORD_TYPES.items()}


class ProposalSerializer(serializers.ModelSerializer):
    unit_name = serializers.CharField(source="unit.name", read_only=True)

    class Meta:
        model = ReassignmentProposal
        fields = ["id", "unit", "unit_name", "sprint_case_id", "year", "evidence", "status", "decision_note",
                  "decided_by", "decided_at", "created_at"]
        read_only_fields = fields


class ProposalDecideSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=[ProposalStatus.ACCEPTED, ProposalStatus.DECLINED])
    decision_note = serializers.CharField()


class AccessLogSerializer(serializers.ModelSerializer):
    username = serializers.CharField(source="user.username", read_only=True, allow_null=True)

    class Meta:
        model = AccessLog
        fields = ["id", "at", "user", "username", "action", "path", "cadre", "object_type", "object_id",
                  "object_ids"]
        read_only_fields = fields
