"""Serializers of the safety API: explicit fields; ``disposition`` and ``state`` as DESIGN.md names them.

Writes go through the services: ``create``/``update`` call ``case_create``/``case_update``; the
disposition and the state change only through the viewsets' actions.
"""

from rest_framework import serializers

from org.models import Unit

from .. import services
from ..choices import FirmDisposition, Hazard, Verdict, WorkshopDisposition
from ..models import ChemicalFirm, GarmentWorkshop, Inspection, RectificationItem

CASE_FIELDS = [
    "id", "name", "town", "town_name", "address", "disposition", "disposition_date", "deadline", "state",
    "overdue", "responsible_department", "responsible_person", "is_public", "note", "submitted_by",
    "submitted_at", "closed_out_by", "closed_out_at", "sent_back_reason", "reopened_at", "raised_to_leaders",
    "url",
]
READ_ONLY = [
    "disposition", "disposition_date", "deadline", "state", "submitted_at", "closed_out_at", "sent_back_reason",
    "reopened_at", "raised_to_leaders",
]


class CaseSerializer(serializers.ModelSerializer):
    town = serializers.PrimaryKeyRelatedField(queryset=Unit.objects.towns_and_parks())
    town_name = serializers.CharField(source="town.name", read_only=True)
    overdue = serializers.BooleanField(source="is_overdue", read_only=True)
    submitted_by = serializers.StringRelatedField(read_only=True, allow_null=True)
    closed_out_by = serializers.StringRelatedField(read_only=True, allow_null=True)
    url = serializers.CharField(source="get_absolute_url", read_only=True)

    def _service_data(self, validated):
        return validated

    def create(self, validated_data):
        return services.case_create(model=self.Meta.model, data=self._service_data(validated_data),
                                    user=self.context["request"].user)

    def update(self, instance, validated_data):
        return services.case_update(case=instance, data=self._service_data(validated_data),
                                    user=self.context["request"].user)


class ChemicalFirmSerializer(CaseSerializer):
    # Uniqueness and the check digit are checked by the service, with the ledger's own messages.
    credit_code = serializers.CharField(max_length=18)
    # "" while the disposition is not yet decided.
    disposition = serializers.ChoiceField(choices=FirmDisposition.choices, allow_blank=True, read_only=True)

    class Meta:
        model = ChemicalFirm
        fields = [*CASE_FIELDS, "credit_code", "products", "hazard_category"]
        read_only_fields = READ_ONLY


class GarmentWorkshopSerializer(CaseSerializer):
    disposition = serializers.ChoiceField(choices=WorkshopDisposition.choices, allow_blank=True, read_only=True)
    hazards = serializers.ListField(child=serializers.ChoiceField(choices=Hazard.choices), source="hazard_list",
                                    required=False)

    class Meta:
        model = GarmentWorkshop
        fields = [*CASE_FIELDS, "operator", "workers", "hazards"]
        read_only_fields = READ_ONLY

    def _service_data(self, validated):
        data = dict(validated)
        if "hazard_list" in data:
            data["hazards"] = ",".join(dict.fromkeys(data.pop("hazard_list")))
        return data


class FirmDispositionSerializer(serializers.Serializer):
    disposition = serializers.ChoiceField(choices=FirmDisposition.choices)
    disposition_date = serializers.DateField(required=False)
    deadline = serializers.DateField()


class WorkshopDispositionSerializer(FirmDispositionSerializer):
    disposition = serializers.ChoiceField(choices=WorkshopDisposition.choices)


class SendBackSerializer(serializers.Serializer):
    reason = serializers.CharField()


class InspectionSerializer(serializers.ModelSerializer):
    photos = serializers.SerializerMethodField()
    recorded_by = serializers.StringRelatedField(allow_null=True)

    class Meta:
        model = Inspection
        fields = ["id", "date", "inspectors", "findings", "verdict", "photos", "recorded_by", "created_at"]

    def get_photos(self, obj) -> list[str]:
        return [photo.image.url for photo in obj.photos.all()]


class InspectionCreateSerializer(serializers.Serializer):
    date = serializers.DateField()
    inspectors = serializers.CharField(max_length=200)
    findings = serializers.CharField()
    verdict = serializers.ChoiceField(choices=Verdict.choices)
    photos = serializers.ListField(child=serializers.FileField(), required=False, default=list)


class ItemSerializer(serializers.ModelSerializer):
    verified_by = serializers.StringRelatedField(allow_null=True)

    class Meta:
        model = RectificationItem
        fields = ["id", "hazard", "measure", "deadline", "done_on", "verified_by", "verified_at"]
        read_only_fields = ["done_on", "verified_by", "verified_at"]
