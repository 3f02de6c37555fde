from django.contrib import admin

from gaoyou_portal.admin import HistoryAdmin

from .models import Enterprise, Leader, LeaderLink


class LeaderLinkInline(admin.TabularInline):
    model = LeaderLink
    extra = 0
    fields = ["kind", "unit", "content_type", "object_id", "name", "enterprise", "started_on", "ended_on"]
    autocomplete_fields = ["enterprise"]
    # Links are ended, never deleted (the office does it on /leaders/<id>/links/).
    can_delete = False


@admin.register(Leader)
class LeaderAdmin(HistoryAdmin):
    list_display = ["name", "role", "title", "user", "active", "order"]
    list_filter = ["active", "role"]
    search_fields = ["name", "title"]
    inlines = [LeaderLinkInline]


@admin.register(LeaderLink)
class LeaderLinkAdmin(HistoryAdmin):
    list_display = ["leader", "kind", "unit", "name", "enterprise", "started_on", "ended_on"]
    list_filter = ["kind"]
    autocomplete_fields = ["enterprise"]

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Enterprise)
class EnterpriseAdmin(HistoryAdmin):
    list_display = ["name", "credit_code", "town", "industry", "active"]
    list_filter = ["active", "town"]
    search_fields = ["name", "credit_code", "industry"]
