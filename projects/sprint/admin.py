from django.contrib import admin

from gaoyou_portal.admin import HistoryAdmin

from .models import (
    AnnualTarget,
    CompositeEvaluation,
    ConsequenceCase,
    Indicator,
    ScoringRun,
    SprintRace,
    SprintScheme,
    SprintScore,
)


class IndicatorInline(admin.TabularInline):
    model = Indicator
    extra = 0


@admin.register(SprintScheme)
class SprintSchemeAdmin(HistoryAdmin):
    list_display = ["year", "q1_share", "q2_share", "q3_share", "q4_share", "cap_percent"]
    inlines = [IndicatorInline]


@admin.register(AnnualTarget)
class AnnualTargetAdmin(HistoryAdmin):
    list_display = ["indicator", "unit", "target"]
    list_filter = ["indicator__scheme"]


@admin.register(SprintRace)
class SprintRaceAdmin(HistoryAdmin):
    list_display = ["year", "quarter", "status", "scored_at", "published_at"]
    list_filter = ["year", "status"]
    readonly_fields = ["status", "scored_at", "input_digest", "published_at", "published_by"]


@admin.register(SprintScore)
class SprintScoreAdmin(admin.ModelAdmin):
    """Read-only: scores are written by the scoring job only."""

    list_display = ["race", "unit", "group", "score", "rank", "flag"]
    list_filter = ["race", "group", "flag"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(ScoringRun)
class ScoringRunAdmin(admin.ModelAdmin):
    list_display = ["year", "quarter", "trigger", "started_by", "status", "queued_at", "duration_ms"]
    list_filter = ["status", "trigger"]

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(CompositeEvaluation)
class CompositeEvaluationAdmin(admin.ModelAdmin):
    list_display = ["year", "unit", "group", "race_composite", "year_end_score", "year_end_rank"]
    list_filter = ["year", "group"]


@admin.register(ConsequenceCase)
class ConsequenceCaseAdmin(HistoryAdmin):
    """Decisions go through the case page (the service sends the signal); the admin only reads."""

    list_display = ["year", "unit", "kind", "status", "decided_by", "decided_at"]
    list_filter = ["year", "kind", "status"]

    def has_change_permission(self, request, obj=None):
        return False
