from django.contrib import admin
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from gaoyou_portal.admin import HistoryAdmin
from gaoyou_portal.roles import Role, has_role

from .models import Membership, Notice, Unit


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
