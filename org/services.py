"""Writes of the org app: memberships, roles and notices."""

from django.conf import settings
from django.contrib.auth.models import Group
from django.db import transaction

from .models import Membership, Notice
from .roles import forget


@transaction.atomic
def user_set_roles(*, user, roles):
    """Make ``roles`` exactly the user's roles (groups named by role code)."""
    groups = [Group.objects.get_or_create(name=str(role))[0] for role in roles]
    user.groups.set(groups)
    forget(user)
    return user


@transaction.atomic
def membership_add(*, user, unit, position=""):
    membership, _created = Membership.objects.get_or_create(user=user, unit=unit, defaults={"position": position})
    forget(user)
    return membership


@transaction.atomic
def notify_users(*, users, title, body="", link="", unit=None, email=True):
    """Create an in-app notice for each user and, where they have an address, send it by e-mail.

    E-mail is a background job recorded with the notices (the outbox): it is sent after the
    transaction commits, so a rolled-back action sends nothing, and a broker that is down delays it.
    """
    users = [u for u in users if u.is_active]
    Notice.objects.bulk_create(
        [Notice(recipient=u, unit=unit, title=title[:200], body=body, link=link) for u in users]
    )
    if email:
        messages = [
            (title, f"{body}\n\n{link}".strip(), settings.DEFAULT_FROM_EMAIL, [u.email]) for u in users if u.email
        ]
        if messages:
            from gaoyou_portal.tasks import enqueue, send_mails

            enqueue(send_mails, [list(m) for m in messages])
    return len(users)


def notify_unit(*, unit, title, body="", link="", email=True):
    """Notify every member of ``unit`` (in-app and e-mail). Returns the number of people notified."""
    users = [m.user for m in Membership.objects.filter(unit=unit).select_related("user")]
    return notify_users(users=users, title=title, body=body, link=link, unit=unit, email=email)
