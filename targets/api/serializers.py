"""Explicit fields on every serializer; the public one lists only public fields."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from .. import history
from ..choices import Status
from ..models import MonthlyValue, Plan, Section, Stage


def _num(value, target):
    """A figure as a string at its measure's decimals: a count "12", money "120.50"."""
    return None if value is None else target.written(value)


class PlanSerializer(serializers.ModelSerializer):
    sections = serializers.SerializerMethodField()

    class Meta:
        model = Plan
        fields = ["id", "year", "title", "sections"]

    def get_sections(self, plan) -> list[dict]:
        return [{"id": s.pk, "order": s.order, "title": s.title, "subtitle": s.subtitle}
                for s in Section.objects.filter(plan=plan)]


class StageSerializer(serializers.ModelSerializer):
    class Meta:
        model = Stage
        fields = ["name", "planned_date", "reached_on"]


class PublicTargetSerializer(serializers.Serializer):
    """A target for everyone: what is pledged, by when, who answers for it, and how far it is."""

    id = serializers.IntegerField(source="target.pk")
    year = serializers.IntegerField(source="target.plan.year")
    code = serializers.CharField(source="target.code")
    section = serializers.CharField(source="target.section.__str__")
    title = serializers.CharField(source="target.title")
    source = serializers.CharField(source="target.source")
    definition = serializers.CharField(source="target.definition", help_text="口径: what is counted, from when, "
                                                                           "what is left out.")
    data_source = serializers.CharField(source="target.data_source", help_text="数据来源: the records counted, or "
                                                                             "the unit that reports it.")
    kind = serializers.CharField(source="target.kind")
    figure = serializers.SerializerMethodField()
    measure = serializers.CharField(source="target.measure")
    direction = serializers.CharField(source="target.direction")
    deadline = serializers.DateField(source="target.deadline")
    responsible_leader = serializers.SerializerMethodField()
    lead_unit = serializers.CharField(source="target.lead_unit.name")
    actual = serializers.SerializerMethodField()
    expected = serializers.SerializerMethodField()
    percent = serializers.DecimalField(source="evaluation.percent", max_digits=6, decimal_places=1)
    status = serializers.ChoiceField(source="evaluation.status", choices=Status.choices)
    status_label = serializers.SerializerMethodField()
    reason = serializers.CharField(source="evaluation.reason")
    history = serializers.SerializerMethodField(
        help_text="The last three years, the oldest first: [{year, code, figure, actual, status, status_label, "
                  "final, explanation}]; earlier years' final values, this year's so far (final: false).")

    public_history = True

    def get_history(self, row) -> list[dict]:
        return history.history(row, public=self.public_history)

    def get_responsible_leader(self, row) -> str:
        leader = row.target.responsible_leader
        return leader.name if leader else ""

    def get_figure(self, row) -> str:
        return _num(row.target.figure, row.target)

    def get_actual(self, row) -> str | None:
        return _num(row.evaluation.actual, row.target)

    def get_expected(self, row) -> str | None:
        return _num(row.evaluation.expected, row.target)

    def get_status_label(self, row) -> str:
        return str(Status(row.evaluation.status).label)


class StaffTargetSerializer(PublicTargetSerializer):
    """Staff also get the internal fields: how the figure is known, publicity, the responsible units."""

    public_history = False
    metric = serializers.CharField(source="target.metric")
    aggregation = serializers.CharField(source="target.aggregation")
    pace = serializers.CharField(source="target.pace")
    is_public = serializers.BooleanField(source="target.is_public")
    is_confidential = serializers.BooleanField(source="target.is_confidential")
    responsible_units = serializers.SerializerMethodField()

    def get_responsible_units(self, row) -> list[str]:
        return [u.name for u in row.target.responsible_units.all()]


@extend_schema_field(OpenApiTypes.STR)  # a decimal written as text ("4", "120.50"), as the API always gave it
class _ValueNumber(serializers.Field):
    """A monthly value at its target's decimals (a count is whole)."""

    def __init__(self, **kwargs):
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, record):
        return record.target.written(record.value)


class ValueSerializer(serializers.ModelSerializer):
    unit = serializers.CharField(source="unit.name", read_only=True)
    value = _ValueNumber()

    class Meta:
        model = MonthlyValue
        fields = ["id", "unit", "month", "value", "note", "entered_at"]


class PublicValueSerializer(serializers.ModelSerializer):
    unit = serializers.CharField(source="unit.name", read_only=True)
    value = _ValueNumber()

    class Meta:
        model = MonthlyValue
        fields = ["unit", "month", "value"]


class ValueInputSerializer(serializers.Serializer):
    unit = serializers.CharField(help_text="The unit's code.")
    month = serializers.DateField(help_text="The first day of the month, e.g. 2026-10-01.")
    value = serializers.DecimalField(max_digits=14, decimal_places=2)
    note = serializers.CharField(required=False, allow_blank=True, default="")


class RecordSerializer(serializers.Serializer):
    """One record a target's figure counts (``selectors.counted_records``)."""

    label = serializers.CharField()
    url = serializers.CharField()
    note = serializers.CharField(allow_blank=True)
    value = serializers.CharField(required=False, help_text="A reported value's amount, at the measure's decimals.")


def public_rows(rows):
    """Plain dicts of public fields (open data), with the status label."""
    return [dict(item) for item in PublicTargetSerializer(rows, many=True).data]
