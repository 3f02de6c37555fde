"""Every page and endpoint answers 404 to an id that is not one (never 500), for every caller.

The URLs are taken from the URL configuration itself, so a new page or endpoint is checked too.
"""

import re

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.resolvers import RegexPattern, RoutePattern

NOT_IDS = ["x1", "null,null", "1.5"]
GROUP = re.compile(r"\(\?P<(\w+)>[^)]*\)")
CONVERTER = re.compile(r"<(?:(\w+):)?(\w+)>")


def _is_id(name, converter=None):
    return converter == "int" or name in ("pk", "id") or name.endswith(("_pk", "_id"))


def _walk(patterns, prefix=""):
    """(template, [(name, is_id)]) for every URL, parameters as {name}."""
    for entry in patterns:
        pattern = entry.pattern
        if isinstance(pattern, RoutePattern):
            params = [(m.group(2), _is_id(m.group(2), m.group(1))) for m in CONVERTER.finditer(str(pattern))]
            part = CONVERTER.sub(lambda m: "{" + m.group(2) + "}", str(pattern))
        elif isinstance(pattern, RegexPattern):
            raw = str(pattern).lstrip("^").rstrip("$")
            params = [(m.group(1), _is_id(m.group(1))) for m in GROUP.finditer(raw)]
            part = GROUP.sub(lambda m: "{" + m.group(1) + "}", raw).replace("\\.", ".")
        else:  # the language prefix: empty for the default language
            params, part = [], str(pattern)
        if isinstance(entry, URLResolver):
            for template, inner in _walk(entry.url_patterns, prefix + part):
                yield template, params + inner
        elif isinstance(entry, URLPattern):
            yield prefix + part, params


def id_urls():
    """URLs with a non-numeric value in one of their ids (other parameters get a plausible value)."""
    urls = set()
    for template, params in _walk(get_resolver().url_patterns):
        if "(" in template or "?" in template or not any(is_id for _n, is_id in params):
            continue
        for bad in NOT_IDS:
            values = {name: (bad if is_id else "1") for name, is_id in params}
            urls.add("/" + template.format(**values))
    return sorted(urls)


def test_the_walk_finds_the_urls_of_the_issue():
    urls = id_urls()
    assert "/api/v1/sprint/races/x1/" in urls and "/api/v1/sprint/races/null,null/scores/" in urls
    assert "/livelihood/staff/x1/" in urls and "/livelihood/staff/x1/edit/" in urls
    assert len(urls) > 100


@pytest.mark.parametrize("caller", ["anonymous", "reporter", "orgdept", "admin"])
def test_a_non_numeric_id_is_a_404_everywhere(users, caller):
    client = Client(raise_request_exception=False)
    if caller != "anonymous":
        client.force_login(getattr(users, caller))
    wrong = []
    for url in id_urls():
        # The admin's pages all take the id through its own ``get_object``: every form of a bad id for the
        # administrator, who reaches them; the others, turned away before any lookup, get one form.
        if url.startswith("/admin/") and caller != "admin" and "/x1/" not in url and not url.endswith("/x1"):
            continue
        for method in ("get", "post") if "/x1/" in url else ("get",):
            status = getattr(client, method)(url).status_code
            # The admin answers a missing object with a redirect to its list (or 403 where it
            # changes nothing of that model); everything else 404s.
            expected = {302, 403, 404} if url.startswith("/admin/") else {404}
            if status not in expected:
                wrong.append((method, url, status))
    assert not wrong
