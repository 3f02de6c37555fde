"""Messages carry only text: every user-written string (a title, a blocker, a note) is escaped for the format it
goes into, and links point only at the portal (``PORTAL_BASE_URL``).

- Robot markdown (WeCom, DingTalk): the characters markdown or the robots' HTML subset would read as markup
  are replaced by their full-width forms (［点击］（…）, ＜img＞), which read the same to a person and are
  never markup in any renderer; a ``://`` outside a portal link is broken (：//) so no address of another
  site becomes a link.
- E-mail: a plain-text part, and an HTML part with every string HTML-escaped.
"""

import html
import re

from django.conf import settings
from django.utils.translation import gettext as _

_MARKUP = str.maketrans({"[": "［", "]": "］", "(": "（", ")": "）", "<": "＜", ">": "＞", "*": "＊", "_": "＿",
                         "`": "｀", "#": "＃", "!": "！", "|": "｜", "~": "～", "\\": "＼", "&": "＆", "=": "＝",
                         "{": "｛", "}": "｝", "$": "＄", "@": "＠"})


def portal_base():
    return settings.PORTAL_BASE_URL.rstrip("/")


def portal_path(link):
    """A link shown on a portal page: a path inside the portal (``/targets/``), else ""."""
    link = (link or "").strip()
    return link if link.startswith("/") and not link.startswith("//") and "\\" not in link else ""


def portal_link(link):
    """The absolute address of a link in the portal, or "" for a link anywhere else."""
    link = (link or "").strip()
    if not link:
        return ""
    base = portal_base()
    if link.startswith("/") and not link.startswith("//"):
        return base + link
    if link == base or link.startswith(base + "/"):
        return link
    return ""


def markdown_text(value, *, keep_mentions=False):
    """A user-written string as robot markdown that shows exactly the text and is never markup."""
    text = str(value or "")
    base = portal_base()
    pieces = re.split(f"({re.escape(base)}/[^\\s）)>\\]]*)", text) if base else [text]
    out = []
    for index, piece in enumerate(pieces):
        if index % 2:  # a link into the portal stays a link
            out.append(piece)
            continue
        piece = piece.translate(_MARKUP).replace("://", "：//")
        if keep_mentions:
            piece = piece.replace("＠", "@")
        out.append(piece)
    return "".join(out)


def email_bodies(*, title, body, link):
    """``(text, html)`` of an e-mail: the title, the text line by line, the link back to the portal."""
    url = portal_link(link)
    label = _("Open in the portal")
    lines = str(body or "").splitlines()
    text = "\n".join([str(title), "", *lines] + (["", f"{label}: {url}"] if url else []))
    paragraphs = "".join(f"<p>{html.escape(line)}</p>" if line.strip() else "<br>" for line in lines)
    footer = f'<p><a href="{html.escape(url)}">{html.escape(label)}</a></p>' if url else ""
    markup = (f'<html><body><h3>{html.escape(str(title))}</h3>{paragraphs}{footer}</body></html>')
    return text, markup
