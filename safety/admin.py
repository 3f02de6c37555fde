"""Administration of the safety ledgers. The workflow fields are read-only here: the state changes
only through the services (pages and API), so every transition keeps its rules and history."""

from django.contrib import admin

from gaoyou_portal.admin import HistoryAdmin

from .models import ChemicalFirm, GarmentWorkshop, Inspection, InspectionPhoto, RectificationItem

WORKFLOW_FIELDS = ("state", "submitted_by", "submitted_at", "closed_out_by", "closed_out_at", "sent_back_reason",
                   "reopened_at", "raised_to_leaders", "overdue_flagged_at")


class CaseAdmin(HistoryAdmin):
    list_display = ("name", "town", "disposition", "deadline", "state", "is_public")
    list_filter = ("state", "disposition", "town", "is_public", "raised_to_leaders")
    readonly_fields = WORKFLOW_FIELDS
    list_select_related = ("town",)


@admin.register(ChemicalFirm)
class ChemicalFirmAdmin(CaseAdmin):
    search_fields = ("name", "credit_code", "address")


@admin.register(GarmentWorkshop)
class GarmentWorkshopAdmin(CaseAdmin):
    search_fields = ("name", "operator", "address")


class PhotoInline(admin.TabularInline):
    model = InspectionPhoto
    extra = 0


@admin.register(Inspection)
class InspectionAdmin(HistoryAdmin):
    list_display = ("date", "firm", "workshop", "verdict", "inspectors")
    list_filter = ("verdict",)
    list_select_related = ("firm", "workshop")
    raw_id_fields = ("firm", "workshop", "recorded_by")
    inlines = [PhotoInline]


@admin.register(RectificationItem)
class RectificationItemAdmin(HistoryAdmin):
    list_display = ("hazard", "firm", "workshop", "deadline", "done_on", "verified_at")
    list_select_related = ("firm", "workshop")
    raw_id_fields = ("firm", "workshop", "verified_by")
