from django.contrib import admin
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from gaoyou_portal.admin import HistoryAdmin
from gaoyou_portal.roles import Role, has_role

from .models import (
    Channel,
    Delivery,
    DeliveryAttempt,
    DocumentTemplate,
    Enterprise,
    Leader,
    LeaderLink,
    Membership,
    Notice,
    Unit,
)


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(Unit)
class UnitAdmin(HistoryAdmin):
    list_display = ["name", "short_name", "code", "kind", "active", "in_sprint_race", "order"]
    list_filter = ["kind", "active", "in_sprint_race"]
    search_fields = ["name", "short_name", "code"]
    inlines = [MembershipInline]


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


@admin.register(Membership)
class MembershipAdmin(HistoryAdmin):
    list_display = ["user", "unit", "position"]
    list_filter = ["unit"]
    search_fields = ["user__username", "unit__name"]


@admin.register(Notice)
class NoticeAdmin(admin.ModelAdmin):
    """A notice written here is plain text: no link (a page shows only links into the portal anyway); and
    nobody outside 组织部 addresses one to a 组织部 member (a phishing path into those who read cadres)."""

    list_display = ["title", "recipient", "unit", "created_at", "read_at"]
    list_filter = ["unit"]
    search_fields = ["title", "recipient__username"]
    fields = ["recipient", "unit", "title", "body", "read_at"]

    def _outsider(self, request):
        return not has_role(request.user, Role.ORGDEPT)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "recipient" and self._outsider(request):
            kwargs["queryset"] = get_user_model().objects.exclude(groups__name=Role.ORGDEPT.value)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        if self._outsider(request) and obj.recipient.groups.filter(name=Role.ORGDEPT.value).exists():
            raise PermissionDenied(_("Only the organisation department writes notices to its members."))
        if not change:
            obj.link = ""
        super().save_model(request, obj, form, change)


@admin.register(Channel)
class ChannelAdmin(HistoryAdmin):
    """Read-only here: the address is entered (and encrypted) only through the channel pages."""

    list_display = ["name", "scheme", "unit", "url_hint", "digest", "active", "failing_since"]
    list_filter = ["scheme", "active", "digest"]
    exclude = ["url_encrypted"]
    readonly_fields = ["name", "scheme", "unit", "kinds", "url_hint", "mention", "digest", "active",
                       "consecutive_failures", "failing_since"]

    def has_add_permission(self, request):
        return False


class DeliveryAttemptInline(admin.TabularInline):
    model = DeliveryAttempt
    extra = 0
    can_delete = False
    readonly_fields = ["number", "at", "ok", "answer"]


@admin.register(Delivery)
class DeliveryAdmin(admin.ModelAdmin):
    list_display = ["title", "channel", "kind", "unit", "state", "attempts", "created_at", "sent_at"]
    list_filter = ["state", "kind", "channel"]
    search_fields = ["title", "event_key"]
    readonly_fields = [f.name for f in Delivery._meta.fields]
    inlines = [DeliveryAttemptInline]

    def has_add_permission(self, request):
        return False


@admin.register(DocumentTemplate)
class DocumentTemplateAdmin(HistoryAdmin):
    list_display = ["kind", "uploaded_by", "uploaded_at"]
    readonly_fields = ["kind", "file", "uploaded_by", "uploaded_at"]

    def has_add_permission(self, request):
        return False
