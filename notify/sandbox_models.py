"""What the sandbox robot received (``notify.sandbox``): demo and development only."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class SandboxMessage(models.Model):
    """One message as a WeCom or DingTalk group robot would have received it (the request's JSON body).

    Kept by the portal's own sandbox robot (``/notify/sandbox/<channel>/``), which exists only where
    ``NOTIFY_SANDBOX`` is on (development and the demo), so an office can see a message before it connects
    a real group. Not a record of the portal's business: no history."""

    channel = models.SlugField(_("sandbox group"), max_length=60, db_index=True)
    robot = models.CharField(_("robot"), max_length=10)  # wecombot / dingtalk: the payload's dialect
    payload = models.JSONField(_("what the robot received"))
    received_at = models.DateTimeField(_("received at"), auto_now_add=True, db_index=True)

    class Meta:
        db_table = "org_sandboxmessage"
        verbose_name = _("sandbox robot message")
        verbose_name_plural = _("sandbox robot messages")
        ordering = ["-received_at", "-id"]

    def __str__(self):
        return f"{self.channel} {self.received_at:%Y-%m-%d %H:%M}"
