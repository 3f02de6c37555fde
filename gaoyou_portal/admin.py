"""The core's tables in the admin: import jobs; background jobs read-only, with a replay action for failed ones
(docs/operations.md)."""


from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from .errors import DomainError
from .jobs import job_replay
from .models import ImportJob, Job, JobState


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
                self.message_user(request, "；".join(error.messages), messages.ERROR)
        self.message_user(request, _("%(count)d jobs sent again.") % {"count": replayed})



@admin.register(ImportJob)
class ImportJobAdmin(admin.ModelAdmin):
    list_display = ("original_name", "spec", "state", "total_rows", "created_count", "updated_count", "created_by",
                    "created_at")
    list_filter = ("spec", "state")
    readonly_fields = [f.name for f in ImportJob._meta.fields]
