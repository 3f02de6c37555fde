"""The shared permission helper (NetBox's habit): visit a page or endpoint as anonymous, as users
outside scope and as users inside scope, and assert 302/401, 404 and 200.

    assert_access(client, url, inside=[users.reporter, users.office], outside=[users.other_reporter])
    assert_access(client, api_url, inside=[...], outside=[...], anonymous=401)
    assert_access(client, url, method="post", data={...}, inside=[users.reporter], inside_status=302)

``anonymous`` is "login" (a redirect to the sign-in page, for staff pages), 401 (the API), 200 (public
pages) or any other status. Returns the responses by username for further assertions.
"""

from urllib.parse import urlparse

from django.db import connection
from django.test.utils import CaptureQueriesContext


def _request(client, method, url, data, content_type):
    kwargs = {}
    if data is not None:
        kwargs["data"] = data
    if content_type:
        kwargs["content_type"] = content_type
    return getattr(client, method)(url, **kwargs)


def assert_access(
    client,
    url,
    *,
    inside=(),
    outside=(),
    anonymous="login",
    method="get",
    data=None,
    content_type=None,
    inside_status=None,
    outside_status=404,
):
    responses = {}
    client.logout()
    response = _request(client, method, url, data, content_type)
    if anonymous == "login":
        assert response.status_code == 302, f"anonymous {method.upper()} {url}: {response.status_code}, expected 302"
        assert urlparse(response["Location"]).path.rstrip("/").endswith("accounts/login"), response["Location"]
    else:
        assert response.status_code == anonymous, (
            f"anonymous {method.upper()} {url}: {response.status_code}, expected {anonymous}"
        )
    responses[None] = response

    for user in outside:
        client.force_login(user)
        response = _request(client, method, url, data, content_type)
        assert response.status_code == outside_status, (
            f"{user.username} (outside scope) {method.upper()} {url}: {response.status_code}, expected {outside_status}"
        )
        responses[user.username] = response
        client.logout()

    expected = inside_status or (200 if method == "get" else None)
    for user in inside:
        client.force_login(user)
        response = _request(client, method, url, data, content_type)
        if expected is None:
            assert response.status_code < 400, (
                f"{user.username} (inside scope) {method.upper()} {url}: {response.status_code}"
            )
        else:
            assert response.status_code == expected, (
                f"{user.username} (inside scope) {method.upper()} {url}: {response.status_code}, expected {expected}"
            )
        responses[user.username] = response
        client.logout()
    return responses


def count_queries(client, url, user=None):
    """Number of database queries one GET of ``url`` runs (signed in as ``user`` if given)."""
    if user is not None:
        client.force_login(user)
    client.get(url)  # warm caches that are per process (content types, sessions)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, f"GET {url}: {response.status_code}"
    return len(ctx.captured_queries)


def assert_constant_queries(client, url, *, grow, user=None, slack=0):
    """Queries of ``url`` stay the same after ``grow()`` adds rows (test at 1 and at 50 rows)."""
    before = count_queries(client, url, user)
    grow()
    after = count_queries(client, url, user)
    assert after <= before + slack, f"GET {url}: {before} queries before growing, {after} after (N+1?)"
    return before


def assert_constant_pages(client, pages, *, grow, slack=0):
    """``assert_constant_queries`` for several ``(url, user)`` pages that one ``grow()`` concerns: each page is
    counted before and after a single growth, and every page whose count grew is named in the failure."""
    before = [count_queries(client, url, user) for url, user in pages]
    grow()
    after = [count_queries(client, url, user) for url, user in pages]
    grown = [f"GET {url} as {getattr(user, 'username', 'anonymous')}: {b} queries before growing, {a} after"
             for (url, user), b, a in zip(pages, before, after, strict=True) if a > b + slack]
    assert not grown, "N+1? " + "; ".join(grown)
    return before
