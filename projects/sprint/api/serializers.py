from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from ..models import HonourProposal, ScoringRun, SprintRace, SprintScore


class BreakdownRowSerializer(serializers.Serializer):
    indicator = serializers.IntegerField()
    code = serializers.CharField()
    name = serializers.CharField()
    measure = serializers.CharField()
    weight = serializers.CharField()
    derivation = serializers.CharField()
    actual = serializers.CharField()
    annual_target = serializers.CharField()
    target = serializers.CharField()
    rate = serializers.CharField(help_text="Completion rate in percent, before the cap.")
    capped = serializers.BooleanField()
    points = serializers.CharField()


class SprintRaceSerializer(serializers.ModelSerializer):
    class Meta:
        model = SprintRace
        fields = ["id", "year", "quarter", "status", "scored_at", "input_digest", "published_at"]


class SprintScoreSerializer(serializers.ModelSerializer):
    unit_name = serializers.CharField(source="unit.name", read_only=True)
    unit_code = serializers.CharField(source="unit.code", read_only=True)
    breakdown = serializers.SerializerMethodField()

    class Meta:
        model = SprintScore
        fields = ["id", "unit", "unit_name", "unit_code", "group", "score", "rank", "position", "flag",
                  "half_year_met", "breakdown"]

    @extend_schema_field(BreakdownRowSerializer(many=True))
    def get_breakdown(self, obj):
        return obj.breakdown


class ScoringRunSerializer(serializers.ModelSerializer):
    class Meta:
        model = ScoringRun
        fields = ["id", "year", "quarter", "race", "trigger", "status", "queued_at", "started_at", "finished_at",
                  "duration_ms", "input_digest", "score_count", "message"]


class ScoreRequestSerializer(serializers.Serializer):
    year = serializers.IntegerField(min_value=2000, max_value=2100)
    quarter = serializers.IntegerField(min_value=1, max_value=4)


class ReopenSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=2000)


class HonourProposalSerializer(serializers.ModelSerializer):
    """One entry of a year's honours list (评优评先); a barred unit is refused with its case cited."""

    unit_name = serializers.CharField(source="unit.name", read_only=True)

    class Meta:
        model = HonourProposal
        fields = ["id", "year", "unit", "unit_name", "title", "status", "note", "proposed_at", "decided_at"]
        read_only_fields = ["status", "proposed_at", "decided_at"]
        validators = []  # the service checks duplicates and the bar, with the Chinese messages


class HonourWithdrawSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=2000)
