"""The core's models: the import job that every Excel import of every app runs through."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .choices import ImportState


class ImportJobQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The uploader's own jobs; every job of a spec whose ``viewer_roles`` the user holds; all for admins."""
        from org.roles import Role, has_role

        from .imports.spec import registered_specs

        if not user.is_authenticated:
            return self.none()
        if has_role(user, Role.ADMIN):
            return self
        keys = [spec.key for spec in registered_specs() if spec.viewer_roles and has_role(user, *spec.viewer_roles)]
        return self.filter(Q(created_by=user) | Q(spec__in=keys))


class ImportJob(models.Model):
    """One uploaded spreadsheet: checked (inline or by a Celery job), previewed, then imported all at once.

    ``spec`` names the app's import declaration (``gaoyou_portal.imports``); ``params`` holds what
    the upload page asked besides the file (a year, the uploader's units). The row records an
    operation (who imported what, when, with what result); the rows it creates carry their own history.
    """

    spec = models.CharField(_("import"), max_length=40, db_index=True)
    params = models.JSONField(_("parameters"), default=dict, blank=True)
    file = models.FileField(_("file"), upload_to="imports/%Y/%m/")
    original_name = models.CharField(_("file name"), max_length=200)
    state = models.CharField(_("state"), max_length=12, choices=ImportState.choices, default=ImportState.VALIDATING)
    total_rows = models.PositiveIntegerField(_("rows"), default=0)
    processed_rows = models.PositiveIntegerField(_("rows processed"), default=0)
    created_count = models.PositiveIntegerField(_("rows created"), default=0)
    updated_count = models.PositiveIntegerField(_("rows updated"), default=0)
    errors = models.JSONField(_("errors"), default=list, blank=True)  # [{"row", "column", "message"}]
    preview = models.JSONField(_("preview"), default=list, blank=True)  # [{"row", "cells", "note"}]
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("uploaded by"), on_delete=models.CASCADE, related_name="+"
    )
    created_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    objects = ImportJobQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("import")
        verbose_name_plural = _("imports")
        indexes = [models.Index(fields=["spec", "created_by"], name="import_job_spec_user")]

    def __str__(self):
        return f"{self.get_spec().title if self.get_spec() else self.spec} · {self.original_name}"

    def get_absolute_url(self):
        from django.urls import reverse

        spec = self.get_spec()
        return reverse(spec.job_url_name if spec else "import_job", args=[self.pk])

    def get_confirm_url(self):
        from django.urls import reverse

        spec = self.get_spec()
        return reverse(spec.confirm_url_name if spec else "import_confirm", args=[self.pk])

    def get_spec(self):
        from .imports.spec import get_spec

        return get_spec(self.spec, default=None)

    @property
    def running(self):
        return self.state in (ImportState.VALIDATING, ImportState.IMPORTING)

    @property
    def percent(self):
        if not self.total_rows:
            return 0
        return min(100, round(100 * self.processed_rows / self.total_rows))

    @property
    def error_lines(self):
        """Each error as the page shows it: “第 3 行，责任单位 列：……”."""
        from .spreadsheets import RowError

        return [str(RowError(e.get("row", 0), e.get("column", ""), e.get("message", ""))) for e in self.errors]
