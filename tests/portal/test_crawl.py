"""Issue 10: the crawl that keeps first contact trustworthy.

On the demo data (``seed_demo``, seeded once for the module), for each demo role and the public: start at
the navigation and the dashboard (the public: the home page and the task list), follow every same-site
link to depth 2 and check that every page answers 200 (or a documented redirect), has a title
"page · site", shows no English in the Chinese interface and links nowhere that answers 404.
See tests/portal/crawl.py for how links are sampled.
"""

import time

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import transaction

from tests.portal.crawl import crawl

ROLES = ["admin", "office", "leader", "reporter", "safety", "orgdept"]


@pytest.fixture(scope="module")
def demo_site(django_db_setup, django_db_blocker):
    """The demo data, seeded once for the module inside a transaction that is rolled back at the end."""
    with django_db_blocker.unblock():
        with transaction.atomic():
            call_command("seed_demo", verbosity=0)
            yield
            transaction.set_rollback(True)


def _starts(client):
    """The dashboard and every entry of the navigation."""
    response = client.get("/dashboard/")
    assert response.status_code == 200
    urls = ["/dashboard/", *[url for _item, url in response.context["nav_items"]]]
    return list(dict.fromkeys(urls))


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_every_page_a_role_reaches_is_trustworthy(client, demo_site, role):
    client.force_login(get_user_model().objects.get(username=role))
    started = time.monotonic()
    # Documented redirect: the sign-in page (linked from the public pages) sends a signed-in user to the dashboard.
    result = crawl(client, _starts(client), allowed_redirects=[("/accounts/login/", "/dashboard/")])
    assert len(result.pages) > 10, result.pages
    print(f"{role}: {len(result.pages)} pages in {time.monotonic() - started:.1f}s")
    assert not result.problems, "\n".join(sorted(set(result.problems)))


@pytest.mark.django_db
def test_every_page_the_public_reaches_is_trustworthy(client, demo_site):
    result = crawl(client, ["/", "/livelihood/"], allowed_redirects=[("/", "/accounts/login/")])
    assert len(result.pages) > 5, result.pages
    assert not result.problems, "\n".join(sorted(set(result.problems)))
