"""Admin: for looking things up, read-only. Writes carry rules (quotas, locking, confidentiality) and go
through the staff pages or the API. Confidential targets are not listed here: the admin answers to
administrators, who do not see cadre-based targets."""

from django.contrib import admin

from gaoyou_portal.admin import HistoryAdmin

from .models import (
    Explanation,
    Incident,
    MonthlyValue,
    Plan,
    Quota,
    Report,
    ReportNote,
    Section,
    Stage,
    Target,
    TargetSettings,
)


class ReadOnlyMixin:
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class SectionInline(ReadOnlyMixin, admin.TabularInline):
    model = Section
    extra = 0


@admin.register(Plan)
class PlanAdmin(ReadOnlyMixin, HistoryAdmin):
    list_display = ["year", "title"]
    inlines = [SectionInline]


class QuotaInline(ReadOnlyMixin, admin.TabularInline):
    model = Quota
    extra = 0


class StageInline(ReadOnlyMixin, admin.TabularInline):
    model = Stage
    extra = 0
    fields = ["name", "planned_date", "reached_on", "evidence"]


@admin.register(Target)
class TargetAdmin(ReadOnlyMixin, HistoryAdmin):
    list_display = ["code", "title", "kind", "figure", "measure", "deadline", "lead_unit", "is_public"]
    list_filter = ["plan__year", "kind", "section__title", "is_public"]
    search_fields = ["code", "title"]
    inlines = [QuotaInline, StageInline]

    def get_queryset(self, request):
        return super().get_queryset(request).filter(is_confidential=False)


class _ChildAdmin(ReadOnlyMixin, HistoryAdmin):
    def get_queryset(self, request):
        return super().get_queryset(request).filter(target__is_confidential=False)


@admin.register(MonthlyValue)
class MonthlyValueAdmin(_ChildAdmin):
    list_display = ["target", "unit", "month", "value", "entered_by"]
    list_filter = ["month"]


@admin.register(Incident)
class IncidentAdmin(_ChildAdmin):
    list_display = ["target", "occurred_on", "unit"]


@admin.register(Explanation)
class ExplanationAdmin(_ChildAdmin):
    list_display = ["target", "state", "approved_at"]


@admin.register(TargetSettings)
class TargetSettingsAdmin(ReadOnlyMixin, HistoryAdmin):
    list_display = ["behind_points", "at_risk_points", "at_risk_days", "report_deadline_day"]


@admin.register(Report)
class ReportAdmin(ReadOnlyMixin, HistoryAdmin):
    list_display = ["plan", "kind", "state", "published_at"]


@admin.register(ReportNote)
class ReportNoteAdmin(ReadOnlyMixin, HistoryAdmin):
    list_display = ["report", "created_at"]
