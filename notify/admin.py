from django.contrib import admin

from gaoyou_portal.admin import HistoryAdmin

from .models import Channel, Delivery, DeliveryAttempt, DocumentTemplate


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
