from django.contrib import admin

from gaoyou_portal.admin import HistoryAdmin

from .models import Blocker, Milestone, MonthlyPlan, MonthlyReport, Project, ProjectSettings, ReportAttachment


class MilestoneInline(admin.TabularInline):
    model = Milestone
    extra = 0


@admin.register(Project)
class ProjectAdmin(HistoryAdmin):
    list_display = ["code", "name", "level", "responsible_unit", "status", "total_investment"]
    list_filter = ["level", "status", "category", "responsible_unit"]
    search_fields = ["code", "name", "responsible_person"]
    filter_horizontal = ["service_units"]
    inlines = [MilestoneInline]


@admin.register(MonthlyReport)
class MonthlyReportAdmin(HistoryAdmin):
    list_display = ["project", "month", "investment", "submitted_by", "submitted_at", "reopened_until"]
    list_filter = ["month"]
    search_fields = ["project__code", "project__name"]
    raw_id_fields = ["project"]


@admin.register(MonthlyPlan)
class MonthlyPlanAdmin(HistoryAdmin):
    list_display = ["project", "month", "planned_investment"]
    search_fields = ["project__code", "project__name"]
    raw_id_fields = ["project"]


@admin.register(Blocker)
class BlockerAdmin(HistoryAdmin):
    list_display = ["title", "project", "assigned_leader", "deadline", "status"]
    list_filter = ["status"]
    raw_id_fields = ["project"]


admin.site.register(ReportAttachment, HistoryAdmin)
admin.site.register(ProjectSettings, HistoryAdmin)
admin.site.register(Milestone, HistoryAdmin)
