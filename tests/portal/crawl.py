"""The crawler behind tests/portal/test_crawl.py: visit a site the way a newcomer clicks through it.

From the start pages it follows every same-site link (``<a href>``; forms are never submitted) breadth
first to ``depth`` and checks each HTML page it reaches: the status, the ``<title>`` ("page · site"),
no English in the visible text of the Chinese interface, and no link that leads nowhere. The links of
the last level are visited too, for their status only, so no page shows a link its reader cannot open.

To stay fast on the demo data, each route is sampled: at most ``per_route`` addresses per URL name without
a query string and as many with one (``/projects/1/`` and ``/projects/2/`` are the same route;
``?page=2`` and ``?sort=deadline`` are one sample of it with a query). The admin is entered from its
index only, and only its lists are visited (its add forms are Django's).
"""

import re
from collections import deque
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import parse_qsl, urljoin, urlsplit

from django.urls import Resolver404, resolve

SITE = "高邮市高质量发展目标管理平台"

# Links that change data or end the session are never followed (a GET never should change data, but the
# sign-out is a POST form and the language switch sets a cookie; both are listed for safety); the admin's
# "view on site" shortcuts (/admin/r/) redirect to the staff page by design.
SKIP = re.compile(r"^/(accounts/logout|i18n/|static/|media/|healthz|admin/r/)")

ADMIN_ADD = re.compile(r"^/admin/.*/add/$")

# English words that may stand in the Chinese interface: names of products and file formats, units and
# codes, and the demo users' names (user input). Anything else of three or more ASCII letters is English.
ALLOWED_WORDS = {
    "excel", "xlsx", "csv", "pdf", "json", "api", "openapi", "gdp", "http", "https", "www", "email",
    "admin", "office", "leader", "reporter", "safety", "orgdept", "demo", "pass",  # demo users (user input)
    "ppm", "kpi", "led", "oled", "mini", "ict", "hpv", "atom", "axes",  # technical terms, formats, a library
    "word", "docx", "gwh", "webhook", "wecombot", "dingtalk", "mailto",  # Word, gigawatt-hours, robot addresses
    "jpg", "jpeg", "png",  # the extension of a photo's file's name, shown as uploaded
    "dcat", "ids",  # the open-data standards (W3C DCAT, OC4IDS: Open Contracting for Infrastructure Data Standard)
}
WORD = re.compile(r"[A-Za-z]{3,}")
# Elements whose text is code, machine output or user input rather than interface text.
CODE_TAGS = {"script", "style", "code", "pre", "kbd", "samp", "textarea", "noscript", "svg"}
VOID_TAGS = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
# Attributes a reader hears or sees.
TEXT_ATTRS = ("aria-label", "title", "placeholder", "alt")


class PageParser(HTMLParser):
    """The title, the links and the visible text (with where it stands) of one HTML page."""

    def __init__(self, skip_tags=()):
        super().__init__(convert_charrefs=True)
        self.skip_tags = set(skip_tags)
        self.title, self.links, self.texts = "", [], []
        self._stack, self._in_title = [], False

    def _skipped(self):
        return any(tag in CODE_TAGS or tag in self.skip_tags or no_translate for tag, no_translate in self._stack)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        # translate="no" marks code and proper names; lang="en" the language switch's own name, English.
        no_translate = attrs.get("translate") == "no" or "hidden" in attrs or (attrs.get("lang") or "").startswith("en")
        if tag == "a" and attrs.get("href") and not attrs.get("hreflang"):  # the language switch is not crawled
            self.links.append(attrs["href"])
        if tag == "title":
            self._in_title = True
        if not self._skipped() and not no_translate:
            for name in TEXT_ATTRS:
                if attrs.get(name):
                    self.texts.append((f"<{tag} {name}>", attrs[name]))
            if tag == "input" and attrs.get("type") in ("submit", "button") and attrs.get("value"):
                self.texts.append((f"<{tag} value>", attrs["value"]))
        if tag not in VOID_TAGS:
            self._stack.append((tag, no_translate))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID_TAGS and self._stack:
            self._stack.pop()

    def handle_endtag(self, tag):
        if tag == "title":
            self._in_title = False
        for i in range(len(self._stack) - 1, -1, -1):
            if self._stack[i][0] == tag:
                del self._stack[i:]
                break

    def handle_data(self, data):
        if self._in_title:
            self.title += data
        elif data.strip() and not self._skipped():
            self.texts.append((self._stack[-1][0] if self._stack else "", data.strip()))


def english_in(texts, allowed=frozenset()):
    """The visible texts that carry an English word, as ``(where, text)``."""
    found = []
    for where, text in texts:
        words = {w for w in WORD.findall(text) if w.lower() not in ALLOWED_WORDS and w not in allowed}
        if words:
            found.append((where, text[:120], sorted(words)))
    return found


@dataclass
class Crawl:
    """What a crawl found: every problem as one line a person can act on."""

    pages: dict = field(default_factory=dict)  # url -> status
    problems: list = field(default_factory=list)


def _route_key(path, query):
    try:
        match = resolve(path)
    except Resolver404:
        return None
    return match.view_name, bool(parse_qsl(query))


def crawl(client, starts, *, depth=2, per_route=1, allowed_redirects=(), allowed_words=frozenset()):
    """Breadth-first from ``starts``; returns a ``Crawl``. ``allowed_redirects`` are the documented
    redirects, ``(from path prefix, to path prefix)`` pairs (the public to the sign-in page)."""
    result = Crawl()
    sampled: dict = {}
    queue = deque((url, 0, "(start)") for url in starts)
    seen = set(starts)
    while queue:
        url, level, source = queue.popleft()
        parts = urlsplit(url)
        key = _route_key(parts.path, parts.query)
        if key is None:
            result.problems.append(f"{source} links to {url}, which no route answers (404)")
            continue
        if level > 0:
            if sampled.get(key, 0) >= per_route:
                continue
        sampled[key] = sampled.get(key, 0) + 1
        response = client.get(url)
        result.pages[url] = response.status_code
        if response.status_code in (301, 302):
            target = urlsplit(response["Location"]).path
            if not any(parts.path.startswith(a) and target.startswith(b) for a, b in allowed_redirects):
                result.problems.append(f"{url} (linked from {source}) redirects to {response['Location']}")
            continue
        if response.status_code != 200:
            result.problems.append(f"{url} (linked from {source}) answers {response.status_code}")
            continue
        # /api/ pages (the browsable API, the OpenAPI docs) are for developers: their status is checked only.
        html = response.get("Content-Type", "").startswith("text/html") and not parts.path.startswith("/api/")
        if not html or level > depth:
            continue
        # In the admin, the choices of a select are database rows Django writes in English (permission names
        # "Can add …"): data, not interface text.
        parser = PageParser(skip_tags={"select"} if parts.path.startswith("/admin/") else ())
        parser.feed(response.content.decode())
        title = " ".join(parser.title.split())
        if not re.fullmatch(rf"\S.* · {SITE}", title):
            result.problems.append(f"{url}: the title is {title!r}, not 'page · {SITE}'")
        # The admin is Django's own tool for the administrator, full of logins, e-mail addresses, group and
        # permission names (data): its pages are checked for status and title, its index for English captions.
        texts = parser.texts if not parts.path.startswith("/admin/") or parts.path == "/admin/" else []
        for where, text, words in english_in(texts, allowed_words):
            result.problems.append(f"{url}: English {words} in {where}: {text!r}")
        if parts.path.startswith("/admin/") and parts.path != "/admin/":
            continue  # the admin is entered from its index only (its links are Django's, not the portal's)
        for href in parser.links:
            target = urljoin(url, href)
            split = urlsplit(target)
            if split.scheme not in ("http", "https", "") or split.netloc not in ("", "testserver"):
                continue
            if split.scheme == "" and href.startswith(("mailto:", "tel:", "javascript:")):
                continue
            link = split.path + (f"?{split.query}" if split.query else "")
            if not split.path or SKIP.match(split.path) or link in seen or ADMIN_ADD.match(split.path):
                continue
            seen.add(link)
            queue.append((link, level + 1, url))
    return result
