"""The core's own tables: the import job every Excel import runs through, the outbox of background jobs
and the workers' heartbeats."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .choices import ImportState
from .media import PrivateUploadTo
from .roles import Role, has_role


class ImportJobQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The uploader's own jobs; every job of a spec whose ``viewer_roles`` the user holds; all for admins.
        A job uploaded by 组织部 may hold confidential rows (a confidential target's values), so it is 组织部's
        alone, administrators included (docs/security.md)."""
        from .imports.spec import registered_specs

        if not user.is_authenticated:
            return self.none()
        if has_role(user, Role.ADMIN):
            jobs = self.all()
        else:
            keys = [spec.key for spec in registered_specs()
                    if spec.viewer_roles and has_role(user, *spec.viewer_roles)]
            jobs = self.filter(Q(created_by=user) | Q(spec__in=keys))
        if has_role(user, Role.ORGDEPT):
            return jobs
        return jobs.exclude(Q(created_by__groups__name=Role.ORGDEPT) & ~Q(created_by=user))


class ImportJob(models.Model):
    """One uploaded spreadsheet: checked (inline or by a Celery job), previewed, then imported all at once.

    ``spec`` names the app's import declaration (``gaoyou_portal.imports``); ``params`` holds what
    the upload page asked besides the file (a year, the uploader's units). The row records an
    operation (who imported what, when, with what result); the rows it creates carry their own history.
    """

    spec = models.CharField(_("import"), max_length=40, db_index=True)
    params = models.JSONField(_("parameters"), default=dict, blank=True)
    file = models.FileField(_("file"), upload_to=PrivateUploadTo("imports"))
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

class JobState(models.TextChoices):
    WAITING = "waiting", _("Waiting")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


class Job(models.Model):
    """One background job, written in the same transaction as the write that asks for it (an outbox).

    The broker carries only the job's id. A worker claims the row (``select_for_update(skip_locked)``)
    before running it, so a job runs once however often its message is delivered; the sweeper
    (``portal.sweep_jobs``, every minute) sends again what is still waiting after a few minutes (Redis
    was down) and takes back what a vanished worker was running (its heartbeat stopped).
    """

    task = models.CharField(_("task"), max_length=200)
    args = models.JSONField(_("arguments"), default=list, blank=True)
    kwargs = models.JSONField(_("keyword arguments"), default=dict, blank=True)
    state = models.CharField(_("state"), max_length=10, choices=JobState.choices, default=JobState.WAITING)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    sent_at = models.DateTimeField(_("last sent to the broker"), null=True, blank=True)
    sends = models.PositiveIntegerField(_("times sent"), default=0)
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    restarts = models.PositiveIntegerField(_("restarts after a worker stopped"), default=0)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    heartbeat_at = models.DateTimeField(_("last heartbeat"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    worker = models.CharField(_("worker"), max_length=200, blank=True)
    error = models.TextField(_("error"), blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("background job")
        verbose_name_plural = _("background jobs")
        indexes = [models.Index(fields=["state", "created_at"], name="portal_job_state_created")]

    def __str__(self):
        return f"#{self.pk} {self.task} · {self.get_state_display()}"


class WorkerHeartbeat(models.Model):
    """The last sign of life of each worker (written while it runs a job and by every sweep)."""

    worker = models.CharField(_("worker"), max_length=200, primary_key=True)
    seen_at = models.DateTimeField(_("last seen"))

    class Meta:
        verbose_name = _("worker heartbeat")
        verbose_name_plural = _("worker heartbeats")

    def __str__(self):
        return f"{self.worker} · {self.seen_at:%Y-%m-%d %H:%M:%S}"
