"""The portal's own sandbox robot: a WeCom or DingTalk group that exists only in the portal.

Where ``settings.NOTIFY_SANDBOX`` is on (development and the demo; off in production) a channel may be
given the address ``sandbox://wecom/<group>`` or ``sandbox://dingtalk/<group>``. Its deliveries go through
the same composing, splitting, mentions and delivery log as a real robot's; instead of an HTTPS request to
qyapi.weixin.qq.com or oapi.dingtalk.com, the request body the robot would have received is kept
(``SandboxMessage``), and ``/notify/sandbox/<group>/`` shows it as the group would see it. The same page
takes a robot's POST (``{"msgtype": "markdown", ...}``), answering as a robot does (``{"errcode": 0}``).

Hooked into ``notify.channels.parse_address`` (one line: a sandbox address is checked here) and into apprise
as two plugins (``sandbox://`` addresses), so ``notify.channels.send`` needs no change.
"""

import json
import re

from apprise.apprise import N_MGR
from apprise.common import NotifyFormat, NotifyType
from apprise.plugins.base import NotifyBase
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from .models import ChannelScheme
from .sandbox_models import SandboxMessage

ADDRESS = re.compile(r"^sandbox://(?P<robot>wecom|dingtalk)/(?P<group>[a-z0-9][a-z0-9-]{0,58})/?(?P<mobiles>[/0-9]*)$")
ROBOTS = {"wecom": ChannelScheme.WECOM, "dingtalk": ChannelScheme.DINGTALK}


def enabled():
    return bool(getattr(settings, "NOTIFY_SANDBOX", False))


def handles(raw):
    return (raw or "").strip().lower().startswith("sandbox://")


def parse_address(raw):
    """``(scheme, url, hint)`` of a sandbox address, refused where the sandbox is off."""
    if not enabled():
        raise ValidationError(_("The sandbox robot exists only in the demo and in development: connect a real "
                                "group robot here."), code="sandbox")
    match = ADDRESS.match((raw or "").strip().lower())
    if not match:
        raise ValidationError(_("A sandbox address reads sandbox://wecom/<group> or sandbox://dingtalk/<group> "
                                "(lower-case letters, digits and hyphens)."), code="invalid")
    url = f"sandbox://{match['robot']}/{match['group']}/"
    return ROBOTS[match["robot"]], url, url


def group_of(hint):
    """The sandbox group a channel's address names, or "" (a real robot, or the sandbox off)."""
    match = ADDRESS.match(hint or "")
    return match["group"] if match and enabled() else ""


def payload_of(robot, *, title, body, mobiles=()):
    """The request body WeCom's or DingTalk's robot receives for a markdown message (their documented form)."""
    if robot == ChannelScheme.DINGTALK:
        return {"msgtype": "markdown", "markdown": {"title": title or body.split("\n", 1)[0][:64], "text": body},
                "at": {"atMobiles": list(mobiles), "isAtAll": False}}
    return {"msgtype": "markdown", "markdown": {"content": body}}


def receive(group, robot, payload):
    """Keep what the group received; the robot's answer (``{"errcode": 0, "errmsg": "ok"}``)."""
    SandboxMessage.objects.create(channel=group, robot=robot, payload=payload)
    return {"errcode": 0, "errmsg": "ok"}


class SandboxRobot(NotifyBase):
    """apprise plugin for ``sandbox://<robot>/<group>/[mobile/...]``: keeps the message in the portal."""

    service_name = "Sandbox robot"
    secure_protocol = "sandbox"
    notify_format = NotifyFormat.MARKDOWN
    body_maxlen = 32768  # as apprise's robot plugins: the portal splits long messages itself

    @property
    def title_maxlen(self):
        """A DingTalk markdown message has a title (as apprise's DingTalk plugin keeps it); WeCom's has none."""
        return 64 if self.robot == ChannelScheme.DINGTALK else 0
    templates = ("{schema}://{robot}/{group}/",)

    def __init__(self, robot, group, mobiles=(), **kwargs):
        super().__init__(**kwargs)
        self.robot, self.group, self.mobiles = ROBOTS[robot], group, list(mobiles)

    def url(self, *args, **kwargs):
        return f"sandbox://{'dingtalk' if self.robot == ChannelScheme.DINGTALK else 'wecom'}/{self.group}/"

    def send(self, body, title="", notify_type=NotifyType.INFO, **kwargs):
        if not enabled():
            self.logger.warning(_("The sandbox robot is off here (NOTIFY_SANDBOX): nothing was kept."))
            return False
        receive(self.group, self.robot, payload_of(self.robot, title=title, body=body, mobiles=self.mobiles))
        self.logger.info("Sent %s notification.", self.service_name)
        return True

    @staticmethod
    def parse_url(url):
        match = ADDRESS.match(url or "")
        if not match:
            return None
        results = NotifyBase.parse_url(url, verify_host=False) or {}
        results.update(robot=match["robot"], group=match["group"],
                       mobiles=[m for m in match["mobiles"].split("/") if m])
        return results


def register():
    """Make ``sandbox://`` addresses use the plugin (idempotent, as ``robot_plugins.register``)."""
    if SandboxRobot.secure_protocol not in N_MGR or N_MGR[SandboxRobot.secure_protocol] is not SandboxRobot:
        N_MGR.add(SandboxRobot, force=True)


def as_seen(message):
    """A kept message as the group shows it: its title (DingTalk) and markdown text, the mentions."""
    payload = message.payload or {}
    markdown = payload.get("markdown") or {}
    text = markdown.get("text") or markdown.get("content") or (payload.get("text") or {}).get("content", "")
    mentioned = (payload.get("at") or {}).get("atMobiles") or []
    return {"message": message, "title": markdown.get("title", ""), "text": text, "mentioned": mentioned,
            "raw": json.dumps(payload, ensure_ascii=False, indent=2)}
