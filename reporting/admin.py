from django.contrib import admin

from gaoyou_portal.admin import HistoryAdmin

from .models import CalendarDay, Escalation


@admin.register(CalendarDay)
class CalendarDayAdmin(HistoryAdmin):
    list_display = ["date", "kind", "name"]
    list_filter = ["kind"]
    date_hierarchy = "date"
    search_fields = ["name"]


@admin.register(Escalation)
class EscalationAdmin(admin.ModelAdmin):
    list_display = ["sent_at", "stage", "unit", "deadline", "title", "recipients"]
    list_filter = ["stage", "unit"]
    readonly_fields = [f.name for f in Escalation._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
