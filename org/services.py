"""Writes of the org app: memberships, roles and in-app notices (with their e-mails).

A notice also goes to the group robots that take its kind: org announces it (``signals.notice_sent``) and the
notify app, built on org, routes it; org imports neither notify nor leaders.
"""

from django.conf import settings
from django.contrib.auth.models import Group
from django.db import transaction

from gaoyou_portal import demo_clock
from gaoyou_portal.roles import forget

from . import signals
from .models import Membership, Notice
from .notice_kinds import GENERAL


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


def _route(**notice):
    """Hand the notice to whoever routes notices to channels (the notify app), in the caller's transaction."""
    signals.notice_sent.send(sender=Notice, **notice)


def _other_mobiles(users):
    """Mobiles the apps built on org keep for these users (a leader's own mobile)."""
    return [mobile for _receiver, found in signals.mobiles_of.send(sender=Notice, users=users) for mobile in found]


@transaction.atomic
def notify_users(*, users, title, body="", link="", unit=None, email=True, kind=GENERAL, event=None,
                 channels=True):
    """Create an in-app notice for each user and, where they have an address, send it by e-mail; and hand
    the notice to the group-robot channels that take ``kind`` (a plain code, see ``notice_kinds``).

    E-mail (a background job recorded with the notices: the outbox) and robot messages leave after the
    transaction commits, so a rolled-back action sends nothing and a broker that is down only delays them.
    """
    users = [u for u in users if u.is_active]
    email = email and not demo_clock.is_silenced()  # seed_demo records notices and sends nothing
    if channels:
        def mobiles():
            found = _other_mobiles(users)
            return found + list(Membership.objects.filter(user__in=users).exclude(mobile="")
                                .values_list("mobile", flat=True))

        _route(kind=kind, unit=unit, title=title, body=body, link=link, mobiles=mobiles, event=event)
    Notice.objects.bulk_create(
        [Notice(recipient=u, unit=unit, title=title[:200], body=body, link=link) for u in users]
    )
    if email:
        from .message_text import portal_link

        text = f"{body}\n\n{portal_link(link)}".strip()  # a link in an e-mail leads into the portal only
        messages = [(title, text, settings.DEFAULT_FROM_EMAIL, [u.email]) for u in users if u.email]
        if messages:
            from gaoyou_portal.tasks import enqueue, send_mails

            enqueue(send_mails, [list(m) for m in messages])
    return len(users)


def notify_unit(*, unit, title, body="", link="", email=True, kind=GENERAL, event=None):
    """Notify every member of ``unit`` (in-app, e-mail and the unit's channels). Returns the number of
    people notified."""
    members = list(Membership.objects.filter(unit=unit).select_related("user"))
    _route(kind=kind, unit=unit, title=title, body=body, link=link, event=event,
           mobiles=lambda: [m.mobile for m in members if m.mobile and m.user.is_active])
    return notify_users(users=[m.user for m in members], title=title, body=body, link=link, unit=unit,
                        email=email, kind=kind, channels=False)
