from django.contrib import admin

from .models import ImportJob


@admin.register(ImportJob)
class ImportJobAdmin(admin.ModelAdmin):
    list_display = ("original_name", "spec", "state", "total_rows", "created_count", "updated_count", "created_by",
                    "created_at")
    list_filter = ("spec", "state")
    readonly_fields = [f.name for f in ImportJob._meta.fields]
