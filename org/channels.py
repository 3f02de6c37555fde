"""Group-robot channels through apprise: the address check, its encryption and one send.

No HTTP is written here: apprise's ``wecombot://``, ``dingtalk://`` and ``mailto://`` plugins talk to
the robots. This module never logs an address, and the channel's answer kept in the delivery log has
every secret of the address blanked out.
"""

import base64
import hashlib
import logging
import re
from urllib.parse import quote

import apprise
from cryptography.fernet import Fernet, InvalidToken
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from . import robot_plugins, sandbox
from .channel_models import ChannelScheme

logger = logging.getLogger(__name__)
robot_plugins.register()
sandbox.register()

DINGTALK_NATIVE = re.compile(r"^https://oapi\.dingtalk\.com/robot/send\?access_token=(?P<token>[A-Za-z0-9]+)")
MOBILE = re.compile(r"^1\d{10}$")
SCHEMES = {"wecombot": ChannelScheme.WECOM, "dingtalk": ChannelScheme.DINGTALK,
           "mailto": ChannelScheme.EMAIL, "mailtos": ChannelScheme.EMAIL}


# --- the secret at rest ---------------------------------------------------------------------------------------
def _fernet():
    """Fernet keyed by CHANNEL_SECRET_KEY, or else derived from SECRET_KEY (changing either needs the
    channels' addresses entered again)."""
    material = settings.CHANNEL_SECRET_KEY or settings.SECRET_KEY
    digest = hashlib.sha256(f"gaoyou-channels:{material}".encode()).digest()
    return Fernet(base64.urlsafe_b64encode(digest))


def encrypt(url):
    return _fernet().encrypt(url.encode()).decode()


def decrypt(token):
    try:
        return _fernet().decrypt(token.encode()).decode()
    except InvalidToken:
        raise ValidationError(_("The channel's address cannot be decrypted (the key changed?): enter it again."))


# --- the address check ----------------------------------------------------------------------------------------
def parse_address(raw, *, secret=""):
    """Check an address the office typed and return ``(scheme, canonical apprise URL, hint)``.

    Accepts ``wecombot://KEY``, ``dingtalk://SECRET@TOKEN``, ``mailto://`` / ``mailtos://`` and the robots'
    own webhook addresses (https://qyapi.weixin.qq.com/... and https://oapi.dingtalk.com/...). A DingTalk
    robot needs its signing secret (加签), given in the address or in ``secret``.
    """
    raw = (raw or "").strip()
    if sandbox.handles(raw):  # the portal's own sandbox robot (demo and development only)
        return sandbox.parse_address(raw)
    secret = (secret or "").strip()
    native = DINGTALK_NATIVE.match(raw)
    if native:
        raw = f"dingtalk://{native.group('token')}/"
    scheme = raw.split("://", 1)[0].lower() if "://" in raw else ""
    if scheme not in SCHEMES and not raw.startswith("https://qyapi.weixin.qq.com/"):
        raise ValidationError(
            _("Unknown kind of address “%(scheme)s”: use wecombot:// (WeCom group robot), dingtalk:// "
              "(DingTalk custom robot), mailto:// (e-mail) or the robot's own webhook address.")
            % {"scheme": scheme or raw[:20]},
            code="scheme",
        )
    plugin = apprise.Apprise.instantiate(raw)
    if plugin is None:
        raise ValidationError(_("The address is not complete or not valid: copy the robot's webhook address again."),
                              code="invalid")
    kind = SCHEMES.get(getattr(plugin, "secure_protocol", ""), ChannelScheme.EMAIL)
    if kind == ChannelScheme.DINGTALK:
        secret = secret or (plugin.secret or "")
        if not secret:
            raise ValidationError(
                _("A DingTalk robot needs its signing secret (加签, starting with SEC): the portal signs every "
                  "message with it."), code="secret")
        if not re.fullmatch(r"[A-Za-z0-9]+", secret):
            raise ValidationError(_("The DingTalk signing secret has letters and digits only (it starts with SEC)."),
                                  code="secret")
        url = f"dingtalk://{secret}@{plugin.token}/"
    elif kind == ChannelScheme.WECOM:
        url = f"wecombot://{plugin.key}/"
    else:
        url = plugin.url(privacy=False)
    hint = apprise.Apprise.instantiate(url).url(privacy=True).split("?", 1)[0]
    return kind, url, hint[:120]


def secrets_of(url):
    """The parts of an address that must never appear in a log: user info, host token, path keys."""
    plugin = apprise.Apprise.instantiate(url)
    found = set()
    for attr in ("key", "token", "secret", "password"):
        value = getattr(plugin, attr, None)
        if isinstance(value, str) and len(value) >= 4:
            found.add(value)
    return found


# --- the message ------------------------------------------------------------------------------------------------
def absolute_link(link):
    if not link:
        return ""
    if link.startswith(("http://", "https://")):
        return link
    return settings.PORTAL_BASE_URL.rstrip("/") + "/" + link.lstrip("/")


# The robots' own limits. WeCom's group robot takes a markdown ``content`` of at most 4096 bytes of UTF-8
# (its guide; errcode 40058 "markdown.content exceed max length 4096" beyond). DingTalk's custom robot refuses a
# request body over 20000 bytes (errcode 460101 "请保持大小在 20000bytes 以内"). E-mail has no such limit.
WECOM_MAX_BYTES = 4096
DINGTALK_MAX_BYTES = 20000


def _lines(title, body, link):
    """Header, body lines and link line of a message (the parts every split part repeats: header, link)."""
    url = absolute_link(link)
    label = _("Open in the portal")
    footer = ["", f"[{label}]({url})"] if url else []
    return [f"**{title}**", ""], list((body or "").splitlines()), footer


def _mention_lines(scheme, mobiles):
    return ["", " ".join(f"@{m}" for m in mobiles)] if scheme == ChannelScheme.DINGTALK and mobiles else []


def compose(*, title, body, link, mobiles, scheme):
    """The Chinese markdown message: title, text, a link back to the page, @-mentions where supported.

    Returns ``(title, markdown, format)``. E-mail and DingTalk take the title apart (DingTalk shows it in
    the chat list); WeCom's markdown message has no title field, so it stays in the text only. Only
    DingTalk gets the @-mentions (WeCom's markdown message mentions user ids, not mobiles).
    """
    header, lines, footer = _lines(title, body, link)
    lines = header + lines + footer + _mention_lines(scheme, mobiles)
    if scheme == ChannelScheme.EMAIL:
        return title, "  \n".join(lines), apprise.NotifyFormat.MARKDOWN
    markdown = "\n".join(lines)
    return (str(title) if scheme == ChannelScheme.DINGTALK else ""), markdown, apprise.NotifyFormat.MARKDOWN


def _fits(scheme, mobiles):
    """Whether one robot message (title, markdown) is within the robot's limit, measured as the robot does."""
    if scheme == ChannelScheme.WECOM:
        return lambda title, text: len(text.encode("utf-8")) <= WECOM_MAX_BYTES
    if scheme == ChannelScheme.DINGTALK:
        def fits(title, text):
            payload = {"msgtype": "markdown", "markdown": {"title": title, "text": text},
                       "at": {"atMobiles": list(mobiles), "isAtAll": False}}
            return len(robot_plugins.encode(payload)) <= DINGTALK_MAX_BYTES
        return fits
    return None


def compose_parts(*, title, body, link, mobiles, scheme):
    """The message as the robot can take it: one part, or numbered parts “标题（1/3）” split at line
    boundaries, each within the robot's limit and each with the title and the link back; DingTalk's
    @-mentions go with the first part only (one reminder, not one per part). A single line longer than a
    part is cut. Returns ``[(title, markdown, mobiles)]``; e-mail is never split."""
    title = str(title)
    fits = _fits(scheme, mobiles)
    subject, text, _format = compose(title=title, body=body, link=link, mobiles=mobiles, scheme=scheme)
    if fits is None or fits(subject, text):
        return [(subject, text, list(mobiles))]
    header, lines, footer = _lines("\x00", body, link)
    mentions = _mention_lines(scheme, mobiles)

    def render(part_title, chunk, first):
        rendered = [h.replace("\x00", part_title) for h in header] + chunk + footer + (mentions if first else [])
        return (part_title if scheme == ChannelScheme.DINGTALK else ""), "\n".join(rendered)

    widest = f"{title}（999/999）"  # room for any counter; the real one is never wider

    def fit(chunk):
        return fits(*render(widest, chunk, True))

    def pieces(line):
        """The line itself, or cut into the longest pieces that fit on their own."""
        while line and not fit([line]):
            low, high = 1, len(line)
            while low < high:
                middle = (low + high + 1) // 2
                low, high = (middle, high) if fit([line[:middle]]) else (low, middle - 1)
            yield line[:low]
            line = line[low:]
        if line:
            yield line

    chunks, current = [], []
    for line in lines:
        for piece in pieces(line):
            if current and not fit(current + [piece]):
                chunks.append(current)
                current = []
            if current or piece.strip():  # no blank line at the top of a part
                current.append(piece)
    if current:
        chunks.append(current)
    count = len(chunks)
    parts = []
    for number, chunk in enumerate(chunks, 1):
        while chunk and not chunk[-1].strip():
            chunk = chunk[:-1]
        part_title, text = render(f"{title}（{number}/{count}）", chunk, number == 1)
        parts.append((part_title, text, list(mobiles) if number == 1 else []))
    return parts


def _with_mentions(url, scheme, mobiles):
    if scheme != ChannelScheme.DINGTALK or not mobiles:
        return url
    return url.rstrip("/") + "/" + "/".join(quote(m) for m in mobiles) + "/"


def send(*, encrypted_url, scheme, title, body, link="", mobiles=(), first_part=1, on_part_sent=None):
    """Send one message, in numbered parts if it is longer than the robot takes (``compose_parts``), in
    order, stopping at the first part that fails. ``first_part`` skips the parts already sent by an earlier
    attempt; ``on_part_sent(number, count)`` is called after each part the channel accepted.
    Returns ``(ok, answer)``: ``answer`` is what the channel or apprise said, with the address's secrets
    blanked out."""
    url = decrypt(encrypted_url)
    mobiles = [m for m in mobiles if MOBILE.match(m or "")]
    parts = compose_parts(title=title, body=body, link=link, mobiles=mobiles, scheme=scheme)
    ok, answer = True, ""
    for number, (subject, text, mentioned) in enumerate(parts, 1):
        if number < first_part:
            continue
        notifier = apprise.Apprise()
        if not notifier.add(_with_mentions(url, scheme, mentioned)):
            return False, _("The channel's address is not valid any more: enter it again.")
        with apprise.LogCapture(level=apprise.logging.DEBUG, fmt="%(levelname)s|%(message)s") as output:
            ok = bool(notifier.notify(body=text, title=subject, body_format=apprise.NotifyFormat.MARKDOWN))
            captured = output.getvalue()
        answer = _answer(captured)
        for secret in secrets_of(url):
            answer = answer.replace(secret, "***")
        if not ok:
            if len(parts) > 1:
                answer = _("Part %(number)d of %(count)d: %(answer)s") % {
                    "number": number, "count": len(parts), "answer": answer}
            break
        if on_part_sent is not None:
            on_part_sent(number, len(parts))
    return ok, answer


def _answer(captured):
    """From apprise's log of one send keep what the channel answered: warnings, the response details
    (the robot's own error text) and socket errors; drop debug lines, which repeat the address."""
    keep, inside = [], False
    for line in captured.splitlines():
        level, sep, message = line.partition("|")
        if sep and level in {"DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL", "TRACE", "DEPRECATION"}:
            inside = message.startswith(("Response Details", "Socket Exception"))
            if level in {"WARNING", "ERROR", "CRITICAL"} or inside:
                keep.append(message.strip())
        elif inside:
            keep.append(line.strip())
    return "\n".join(keep)[-2000:]
