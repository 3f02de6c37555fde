"""Thin subclasses of apprise's WeCom and DingTalk robot plugins, registered for their own schemas.

apprise 1.13 falls short of the robots in three ways (see docs/channels.md):

* both plugins count any HTTP 200 as sent, but a robot answers a refused message with HTTP 200 and an
  error in the body (``{"errcode": 310000, "errmsg": "sign not match"}``);
* the WeCom plugin sends ``msgtype: text`` only;
* the DingTalk plugin's markdown mode sends ``msgtype: text`` with a ``markdown`` object, which DingTalk
  does not accept as a markdown message.

The subclasses keep all of apprise's own machinery (address parsing, the DingTalk signature, throttling,
timeouts, certificate checks, logging) and replace only ``send``: the markdown payload the robot's
documentation asks for, and the robot's ``errcode`` read from the answer. They are registered with
``N_MGR.add(..., force=True)``, apprise's documented way to provide a plugin for a schema. The body is
JSON in UTF-8 (apprise's plugins send ``\\uXXXX`` escapes, 6 bytes a Chinese character, against DingTalk's
20000-byte limit). Messages longer than a robot takes are split before they get here
(``notify.channels.compose_parts``), not by apprise's ``overflow=split``: see docs/channels.md.
"""

from json import dumps

import requests
from apprise.apprise import N_MGR
from apprise.common import NotifyFormat, NotifyType
from apprise.plugins.dingtalk import NotifyDingTalk
from apprise.plugins.wecombot import NotifyWeComBot
from django.utils.translation import gettext as _


def encode(payload):
    """The request body: JSON in UTF-8 (DingTalk asks for UTF-8; its 20000-byte limit counts these bytes)."""
    return dumps(payload, ensure_ascii=False).encode("utf-8")


SAY = "portal: "  # the lines of apprise's log the portal keeps as the channel's answer (notify.channels._answer)


def say(plugin, message):
    plugin.logger.warning(SAY + message)


def _post(plugin, url, payload, *, params=None):
    """POST the payload as apprise's plugins do and read the robot's own answer. Returns True only for
    HTTP 200 with ``errcode`` 0. A failure is logged in the portal's own Chinese words by kind (对方拒绝,
    超时) with at most the HTTP status or the robot's numeric error code: nothing the far end wrote."""
    from .channels import refused, timed_out

    plugin.logger.debug("%s Payload: %s", plugin.service_name, payload)
    plugin.throttle()
    try:
        r = requests.post(url, data=encode(payload), params=params,
                          headers={"User-Agent": plugin.app_id, "Content-Type": "application/json; charset=utf-8"},
                          verify=plugin.verify_certificate, timeout=plugin.request_timeout,
                          allow_redirects=False)
    except requests.Timeout:
        say(plugin, timed_out())
        return False
    except requests.RequestException:
        say(plugin, refused(_("the robot could not be reached")))
        return False
    if r.status_code != requests.codes.ok:
        say(plugin, refused(f"HTTP {int(r.status_code)}"))
        return False
    try:
        answer = r.json()
    except ValueError:
        answer = None
    if not isinstance(answer, dict) or "errcode" not in answer:
        say(plugin, refused(_("the answer is not a robot's")))
        return False
    code = answer["errcode"]
    if code not in (0, "0"):
        number = int(code) if str(code).lstrip("-").isdigit() else None
        say(plugin, refused(_("error code %(code)s") % {"code": number} if number is not None else ""))
        return False
    plugin.logger.info("Sent %s notification.", plugin.service_name)
    return True


class PortalWeComBot(NotifyWeComBot):
    """WeCom group robot, markdown message (``<@userid>`` mentions only; WeCom has no @mobile in markdown)."""

    notify_format = NotifyFormat.MARKDOWN

    def send(self, body, title="", notify_type=NotifyType.INFO, **kwargs):
        if self.notify_format == NotifyFormat.MARKDOWN:
            payload = {"msgtype": "markdown", "markdown": {"content": body}}
        else:
            payload = {"msgtype": "text", "text": {"content": body}}
        return _post(self, self.api_url, payload)


class PortalDingTalk(NotifyDingTalk):
    """DingTalk custom robot, signed, markdown message with @-mentions of mobiles."""

    notify_format = NotifyFormat.MARKDOWN

    def send(self, body, title="", notify_type=NotifyType.INFO, **kwargs):
        payload = {"at": {"atMobiles": self.targets, "isAtAll": False}}
        if self.notify_format == NotifyFormat.MARKDOWN:
            payload.update(msgtype="markdown", markdown={"title": title or body.split("\n", 1)[0][:64], "text": body})
        else:
            payload.update(msgtype="text", text={"content": body})
        params = None
        if self.secret:
            timestamp, signature = self.get_signature()
            params = {"timestamp": timestamp, "sign": signature}
        return _post(self, self.notify_url.format(token=self.token), payload, params=params)


def register():
    """Make ``wecombot://`` and ``dingtalk://`` use the portal's subclasses (idempotent)."""
    for plugin in (PortalWeComBot, PortalDingTalk):
        if plugin.secure_protocol not in N_MGR or N_MGR[plugin.secure_protocol] is not plugin:
            N_MGR.add(plugin, force=True)
