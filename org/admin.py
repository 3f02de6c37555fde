from django.contrib import admin

from gaoyou_portal.admin import HistoryAdmin

from .models import Leader, LeaderLink, Membership, Notice, Unit


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(Unit)
class UnitAdmin(HistoryAdmin):
    list_display = ["name", "short_name", "code", "kind", "active", "order"]
    list_filter = ["kind", "active"]
    search_fields = ["name", "short_name", "code"]
    inlines = [MembershipInline]


class LeaderLinkInline(admin.TabularInline):
    model = LeaderLink
    extra = 0
    fields = ["kind", "unit", "content_type", "object_id", "name"]


@admin.register(Leader)
class LeaderAdmin(HistoryAdmin):
    list_display = ["name", "title", "user", "active", "order"]
    list_filter = ["active"]
    search_fields = ["name", "title"]
    inlines = [LeaderLinkInline]


@admin.register(LeaderLink)
class LeaderLinkAdmin(HistoryAdmin):
    list_display = ["leader", "kind", "unit", "name"]
    list_filter = ["kind"]


@admin.register(Membership)
class MembershipAdmin(HistoryAdmin):
    list_display = ["user", "unit", "position"]
    list_filter = ["unit"]
    search_fields = ["user__username", "unit__name"]


@admin.register(Notice)
class NoticeAdmin(admin.ModelAdmin):
    list_display = ["title", "recipient", "unit", "created_at", "read_at"]
    list_filter = ["unit"]
    search_fields = ["title", "recipient__username"]
