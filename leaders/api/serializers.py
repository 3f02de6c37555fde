from rest_framework import serializers

from ..choices import LinkKind
from ..models import Enterprise, Leader, LeaderLink


class LeaderSerializer(serializers.ModelSerializer):
    class Meta:
        model = Leader
        fields = ["id", "name", "role", "title", "active"]


class EnterpriseSerializer(serializers.ModelSerializer):
    class Meta:
        model = Enterprise
        fields = ["id", "name", "credit_code", "town", "industry", "active"]


class LeaderLinkSerializer(serializers.ModelSerializer):
    """A link as read; to add one give ``kind`` and the one field it needs (``unit``, ``project`` (an id),
    ``industry`` or ``enterprise``), and ``started_on`` (default today)."""

    target = serializers.CharField(source="target_name", read_only=True)
    project = serializers.IntegerField(source="object_id", required=False, allow_null=True)
    industry = serializers.CharField(source="name", required=False, allow_blank=True, max_length=100)
    kind = serializers.ChoiceField(choices=LinkKind.choices)
    started_on = serializers.DateField(required=False)

    class Meta:
        model = LeaderLink
        fields = ["id", "kind", "unit", "project", "industry", "enterprise", "target", "started_on", "ended_on"]
        read_only_fields = ["id", "target", "ended_on"]
        extra_kwargs = {"unit": {"required": False, "allow_null": True},
                        "enterprise": {"required": False, "allow_null": True}}

    def get_unique_together_validators(self):
        return []  # the service answers a duplicate link with its own message

    def get_validators(self):
        return []


class LinkEndSerializer(serializers.Serializer):
    ended_on = serializers.DateField()
