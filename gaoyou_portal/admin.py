"""The core's admin: the admin class every audited model uses (simple-history's, with ids checked before any
query); import jobs; background jobs read-only, with a replay action for failed ones (docs/operations.md)."""

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from .errors import DomainError, error_text
from .jobs import job_replay
from .models import ImportJob, Job, JobState


class ReadOnlyMixin:
    """An admin (or inline) that only shows: rows whose writes carry rules are written through the staff pages,
    the API or their services, never here."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class HistoryAdmin(SimpleHistoryAdmin):
    """simple-history's history pages look a row up with the raw id from the URL: "x1" would be a 500."""

    def _require_id(self, object_id):
        try:
            self.model._meta.pk.to_python(unquote(object_id))
        except (ValidationError, ValueError, TypeError):
            raise Http404() from None

    def history_view(self, request, object_id, extra_context=None):
        self._require_id(object_id)
        return super().history_view(request, object_id, extra_context=extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        self._require_id(object_id)
        return super().history_form_view(request, object_id, version_id, extra_context=extra_context)


class ScopedAdmin(HistoryAdmin):
    """The admin of a model whose rows have a scope (``Model.objects.visible_to(user)``), e.g. a confidential
    target and every row under it: the changelist and the actions hold only the rows the user sees, and a
    change, delete, history or history-version page of any other row answers 404, as pages and the API do.
    (simple-history's history pages would otherwise find a row the queryset hides through its history.)"""

    def get_queryset(self, request):
        visible = self.model._default_manager.visible_to(request.user).values("pk")
        return super().get_queryset(request).filter(pk__in=visible)

    def _require_visible(self, request, object_id):
        self._require_id(object_id)
        if not self.get_queryset(request).filter(pk=unquote(object_id)).exists():
            raise Http404()

    def change_view(self, request, object_id, form_url="", extra_context=None):
        self._require_visible(request, object_id)
        return super().change_view(request, object_id, form_url, extra_context)

    def delete_view(self, request, object_id, extra_context=None):
        self._require_visible(request, object_id)
        return super().delete_view(request, object_id, extra_context)

    def history_view(self, request, object_id, extra_context=None):
        self._require_visible(request, object_id)
        return super().history_view(request, object_id, extra_context=extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        self._require_visible(request, object_id)
        return super().history_form_view(request, object_id, version_id, extra_context=extra_context)





@admin.register(Job)
class JobAdmin(admin.ModelAdmin):
    list_display = ("id", "task", "state", "created_at", "attempts", "restarts", "worker", "finished_at")
    list_filter = ("state", "task")
    search_fields = ("task", "error")
    actions = ["replay"]

    def get_readonly_fields(self, request, obj=None):
        return [field.name for field in Job._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.action(description=_("Replay the selected failed jobs"))
    def replay(self, request, queryset):
        replayed = 0
        for job in queryset.filter(state=JobState.FAILED):
            try:
                job_replay(job_id=job.pk)
                replayed += 1
            except DomainError as error:
                self.message_user(request, error_text(error), messages.ERROR)
        self.message_user(request, _("%(count)d jobs sent again.") % {"count": replayed})



@admin.register(ImportJob)
class ImportJobAdmin(admin.ModelAdmin):
    list_display = ("original_name", "spec", "state", "total_rows", "created_count", "updated_count", "created_by",
                    "created_at")
    list_filter = ("spec", "state")
    readonly_fields = [f.name for f in ImportJob._meta.fields]

    def get_queryset(self, request):
        # The same scope as the import pages: a job 组织部 uploaded is 组织部's alone (its rows may be confidential).
        return super().get_queryset(request).visible_to(request.user)
