from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers


class ComplianceRowSerializer(serializers.Serializer):
    """One unit's reporting in one month. ``rate``: the on-time share of what was due, in percent (null when
    nothing was due); ``missing``: owed, past its deadline and not filed."""

    unit = serializers.IntegerField(source="unit.pk")
    unit_name = serializers.CharField(source="unit.name")
    kind = serializers.CharField(source="unit.kind")
    month = serializers.DateField()
    expected = serializers.IntegerField(source="total.expected")
    on_time = serializers.IntegerField(source="total.on_time")
    late = serializers.IntegerField(source="total.late")
    missing = serializers.IntegerField(source="total.missing")
    pending = serializers.IntegerField(source="total.pending")
    rate = serializers.DecimalField(source="total.rate", max_digits=4, decimal_places=1, allow_null=True)
    by_kind = serializers.SerializerMethodField()

    @extend_schema_field(OpenApiTypes.OBJECT)
    def get_by_kind(self, row):
        return {code: {"expected": t.expected, "on_time": t.on_time, "late": t.late, "missing": t.missing,
                       "pending": t.pending} for code, t in row.by_kind.items()}
