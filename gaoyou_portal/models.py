"""The core's own tables: the outbox of background jobs and the workers' heartbeats."""

from django.db import models
from django.utils.translation import gettext_lazy as _


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
