"""Group-robot channels through apprise, e-mail through Django's mail settings: the address check, its
encryption and one send.

No HTTP is written here: apprise's ``wecombot://`` and ``dingtalk://`` plugins talk to the robots. The office
chooses no host: ``parse_address`` (the one parser of a channel's address, also for other callers) keeps a
WeCom robot's key, a DingTalk robot's token and signing secret, and an e-mail channel's recipients, and
refuses anything else in the address; the robots' hosts are apprise's fixed ones and the SMTP server is
``EMAIL_HOST`` from settings. The channel's answer kept in the delivery log is the portal's own Chinese text
by kind (对方拒绝, 超时, 地址无效), never the far end's words.
"""

import base64
import hashlib
import logging
import re
import smtplib
from urllib.parse import parse_qsl, quote, unquote

import apprise
from cryptography.fernet import Fernet, InvalidToken
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from . import robot_plugins, sandbox
from .models import ChannelScheme

logger = logging.getLogger(__name__)
robot_plugins.register()
sandbox.register()

MOBILE = re.compile(r"^1\d{10}$")
EMAIL = re.compile(r"^[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$")
SCHEMES = {"wecombot": ChannelScheme.WECOM, "dingtalk": ChannelScheme.DINGTALK,
           "mailto": ChannelScheme.EMAIL, "mailtos": ChannelScheme.EMAIL}
# The only shapes of a robot's address: its key or token, nothing else (no host, port, path or parameter).
WECOM_ADDRESS = [re.compile(r"^wecombot://(?P<key>[A-Za-z0-9_-]+)/?$"),
                 re.compile(r"^https://qyapi\.weixin\.qq\.com/cgi-bin/webhook/send\?key=(?P<key>[A-Za-z0-9_-]+)$")]
DINGTALK_ADDRESS = [re.compile(r"^dingtalk://(?:(?P<secret>[A-Za-z0-9]+)@)?(?P<token>[A-Za-z0-9]+)/?$"),
                    re.compile(r"^https://oapi\.dingtalk\.com/robot/send\?access_token=(?P<token>[A-Za-z0-9]+)$")]


# --- what the portal says when a send fails: its own words by kind, never the far end's ---------------------
def refused(detail=""):
    return _("Refused by the far end") + (f"（{detail}）" if detail else "")


def timed_out():
    return _("Timed out: the far end did not answer in time")


def invalid_address():
    return _("Invalid address: enter the channel's address again")


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
def _unknown_scheme(scheme):
    return ValidationError(
        _("Unknown kind of address “%(scheme)s”: use wecombot:// (WeCom group robot), dingtalk:// "
          "(DingTalk custom robot), mailto: (e-mail recipients) or the robot's own webhook address.")
        % {"scheme": scheme}, code="scheme")


def _email_recipients(raw):
    """``mailto:a@x.cn,b@y.cn`` (or ``mailto://…``, ``?to=…``): the recipients, and nothing else."""
    rest = raw.split(":", 1)[1].lstrip("/")
    where, _sep, query = rest.partition("?")
    recipients = [r for r in re.split(r"[,;\s]+", unquote(where)) if r]
    for name, value in parse_qsl(query, keep_blank_values=True):
        if name.lower() != "to":
            raise ValidationError(
                _("An e-mail channel takes recipients only (mailto:name@example.gov.cn,…): the mail server is the "
                  "portal's own, so “%(name)s” in the address is not accepted.") % {"name": name}, code="email")
        recipients += [r for r in re.split(r"[,;\s]+", value) if r]
    bad = [r for r in recipients if not EMAIL.match(r)]
    if bad or not recipients:
        raise ValidationError(
            _("An e-mail channel takes recipients only (mailto:name@example.gov.cn,…); “%(value)s” is not an e-mail "
              "address, and a user name, password, server or port cannot be given.")
            % {"value": (bad[0] if bad else rest)[:60]}, code="email")
    return sorted(dict.fromkeys(r.lower() for r in recipients))


def parse_address(raw, *, secret=""):
    """Check an address and return ``(scheme, canonical address, hint)``; the one parser of a channel's
    address (the delivery parses the stored address again before each send).

    Keeps only what names the channel: a WeCom robot's key (``wecombot://KEY`` or its webhook address), a
    DingTalk robot's token and signing secret (加签: in the address or in ``secret``; ``dingtalk://SECRET@TOKEN``
    or its webhook address), an e-mail channel's recipients (``mailto:a@x.cn,b@y.cn``). Anything else in the
    address (a host, port, path, parameter, user or password) is refused, so no request goes where the
    address says.
    """
    raw = (raw or "").strip()
    if sandbox.handles(raw):  # the portal's own sandbox robot (demo and development only)
        return sandbox.parse_address(raw)
    secret = (secret or "").strip()
    scheme = raw.split(":", 1)[0].lower() if ":" in raw else ""
    if scheme in ("mailto", "mailtos"):
        recipients = _email_recipients(raw)
        url = "mailto:" + ",".join(recipients)
        return ChannelScheme.EMAIL, url, url[:120]
    for pattern in WECOM_ADDRESS:
        found = pattern.match(raw)
        if found:
            key = found.group("key")
            return ChannelScheme.WECOM, f"wecombot://{key}/", f"wecombot://{key[:2]}...{key[-2:]}"
    for pattern in DINGTALK_ADDRESS:
        found = pattern.match(raw)
        if found:
            secret = secret or (found.groupdict().get("secret") or "")
            if not secret:
                raise ValidationError(
                    _("A DingTalk robot needs its signing secret (加签, starting with SEC): the portal signs every "
                      "message with it."), code="secret")
            if not re.fullmatch(r"[A-Za-z0-9]+", secret):
                raise ValidationError(_("The DingTalk signing secret has letters and digits only (it starts with "
                                        "SEC)."), code="secret")
            token = found.group("token")
            return ChannelScheme.DINGTALK, f"dingtalk://{secret}@{token}/", f"dingtalk://{token[:2]}...{token[-2:]}"
    if scheme not in ("wecombot", "dingtalk", "https"):
        raise _unknown_scheme(scheme or raw[:20])
    raise ValidationError(_("The address is not complete or not valid: copy the robot's webhook address again; "
                            "only its key or token is used, nothing else in the address."), code="invalid")


def secrets_of(url):
    """The parts of an address that must never appear in a log: user info, host token, path keys."""
    plugin = apprise.Apprise.instantiate(url) if not url.startswith("mailto:") else None
    found = set()
    for attr in ("key", "token", "secret", "password"):
        value = getattr(plugin, attr, None)
        if isinstance(value, str) and len(value) >= 4:
            found.add(value)
    return found


# --- the message ------------------------------------------------------------------------------------------------
def absolute_link(link):
    """A link in a message: into the portal only (``message_text.portal_link``), else none."""
    from org.message_text import portal_link

    return portal_link(link)


# The robots' own limits. WeCom's group robot takes a markdown ``content`` of at most 4096 bytes of UTF-8
# (its guide; errcode 40058 "markdown.content exceed max length 4096" beyond). DingTalk's custom robot refuses a
# request body over 20000 bytes (errcode 460101 "请保持大小在 20000bytes 以内"). E-mail has no such limit.
WECOM_MAX_BYTES = 4096
DINGTALK_MAX_BYTES = 20000


def _lines(title, body, link):
    """Header, body lines and link line of a message (the parts every split part repeats: header, link)."""
    from org.message_text import markdown_text

    url = absolute_link(link)
    label = _("Open in the portal")
    footer = ["", f"[{label}]({url})"] if url else []
    return [f"**{markdown_text(title)}**", ""], [markdown_text(line) for line in (body or "").splitlines()], footer


def _mention_lines(scheme, mobiles):
    return ["", " ".join(f"@{m}" for m in mobiles)] if scheme == ChannelScheme.DINGTALK and mobiles else []


def compose(*, title, body, link, mobiles, scheme):
    """The Chinese markdown message: title, text, a link back to the page, @-mentions where supported.

    Returns ``(title, markdown, format)``. E-mail and DingTalk take the title apart (DingTalk shows it in
    the chat list); WeCom's markdown message has no title field, so it stays in the text only. Only
    DingTalk gets the @-mentions (WeCom's markdown message mentions user ids, not mobiles).
    """
    from org.message_text import markdown_text

    header, lines, footer = _lines(title, body, link)
    lines = header + lines + footer + _mention_lines(scheme, mobiles)
    if scheme == ChannelScheme.EMAIL:
        return title, "  \n".join(lines), apprise.NotifyFormat.MARKDOWN
    markdown = "\n".join(lines)
    plain = markdown_text(title) if scheme == ChannelScheme.DINGTALK else ""
    return plain, markdown, apprise.NotifyFormat.MARKDOWN


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
    from org.message_text import markdown_text

    title = str(title)
    fits = _fits(scheme, mobiles)
    subject, text, _format = compose(title=title, body=body, link=link, mobiles=mobiles, scheme=scheme)
    if fits is None or fits(subject, text):
        return [(subject, text, list(mobiles))]
    header, lines, footer = _lines("\x00", body, link)
    mentions = _mention_lines(scheme, mobiles)

    def render(part_title, chunk, first):
        rendered = ([h.replace("\x00", markdown_text(part_title)) for h in header] + chunk + footer
                    + (mentions if first else []))
        return (markdown_text(part_title) if scheme == ChannelScheme.DINGTALK else ""), "\n".join(rendered)

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
    try:
        scheme, url, _hint = parse_address(decrypt(encrypted_url))  # an address stored before the checks too
    except ValidationError:
        return False, invalid_address()
    mobiles = [m for m in mobiles if MOBILE.match(m or "")]
    if scheme == ChannelScheme.EMAIL:
        return _send_email(url, title=str(title), body=body, link=link)
    parts = compose_parts(title=title, body=body, link=link, mobiles=mobiles, scheme=scheme)
    ok, answer = True, ""
    for number, (subject, text, mentioned) in enumerate(parts, 1):
        if number < first_part:
            continue
        notifier = apprise.Apprise()
        if not notifier.add(_with_mentions(url, scheme, mentioned)):
            return False, invalid_address()
        with apprise.LogCapture(level=apprise.logging.DEBUG, fmt="%(levelname)s|%(message)s") as output:
            ok = bool(notifier.notify(body=text, title=subject, body_format=apprise.NotifyFormat.MARKDOWN))
            captured = output.getvalue()
        answer = _answer(captured) or ("" if ok else refused())
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


def _send_email(url, *, title, body, link):
    """One e-mail through the portal's own mail server (settings); the text escaped into the HTML part."""
    from django.core.mail import EmailMultiAlternatives

    from org import message_text

    recipients = url.split(":", 1)[1].split(",")
    text, html = message_text.email_bodies(title=title, body=body, link=absolute_link(link))
    mail = EmailMultiAlternatives(subject=title, body=text, to=recipients)
    mail.attach_alternative(html, "text/html")
    try:
        mail.send()
    except TimeoutError:
        return False, timed_out()
    except (smtplib.SMTPException, OSError):
        return False, refused()
    return True, _("Sent by e-mail.")


def _answer(captured):
    """From apprise's log of one send keep only the portal's own words (``robot_plugins.say``): what the far
    end answered is never shown, it could be anything a host chose to say."""
    keep = []
    for line in captured.splitlines():
        _level, _sep, message = line.partition("|")
        if message.startswith(robot_plugins.SAY):
            keep.append(message[len(robot_plugins.SAY):].strip())
    return "\n".join(keep)[-2000:]
