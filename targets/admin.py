"""Admin: for looking things up, read-only. Writes carry rules (quotas, locking, confidentiality) and go
through the staff pages or the API. A confidential target and every row under it answer 404 here to all but
组织部, on every admin page (list, change, history, history version, actions): each admin of a target or of a
row under one is a ``ScopedAdmin`` (``tests/targets/test_admin_scope.py`` fails when one is not)."""

from django.contrib import admin

from gaoyou_portal.admin import HistoryAdmin, ReadOnlyMixin, ScopedAdmin

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
class TargetAdmin(ReadOnlyMixin, ScopedAdmin):
    list_display = ["code", "title", "kind", "figure", "measure", "deadline", "lead_unit", "is_public"]
    list_filter = ["plan__year", "kind", "section__title", "is_public"]
    search_fields = ["code", "title"]
    inlines = [QuotaInline, StageInline]


class _ChildAdmin(ReadOnlyMixin, ScopedAdmin):
    pass


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
