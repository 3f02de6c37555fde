"""Admin: for looking things up. Writes that carry rules (progress, completion, explanations) go
through the staff pages or the API, so the admin shows those records read-only."""

from django.contrib import admin

from gaoyou_portal.admin import HistoryAdmin, ReadOnlyMixin

from .models import Explanation, LivelihoodTask, ProgressUpdate


class ProgressUpdateInline(ReadOnlyMixin, admin.TabularInline):
    model = ProgressUpdate
    fields = ["date", "percent", "text", "published", "unit", "entered_by"]
    extra = 0


@admin.register(LivelihoodTask)
class LivelihoodTaskAdmin(ReadOnlyMixin, HistoryAdmin):
    list_display = ["year", "number", "title", "category", "lead_unit", "deadline", "status", "percent"]
    list_filter = ["year", "status", "category"]
    search_fields = ["title", "target"]
    list_select_related = ["lead_unit"]
    inlines = [ProgressUpdateInline]


@admin.register(ProgressUpdate)
class ProgressUpdateAdmin(ReadOnlyMixin, HistoryAdmin):
    list_display = ["task", "date", "percent", "published", "unit", "entered_by"]
    list_filter = ["published"]
    list_select_related = ["task", "unit", "entered_by"]


@admin.register(Explanation)
class ExplanationAdmin(ReadOnlyMixin, HistoryAdmin):
    list_display = ["task", "state", "new_date", "approved_at"]
    list_filter = ["state"]
    list_select_related = ["task"]
