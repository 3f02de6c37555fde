"""Writes of the reporting app: the office's working-day calendar and the escalating reminders.

Escalation (the practice of Suqian's notices), for every item a unit still owes by a deadline:
blue three working days before it to the unit's reporters; yellow on the deadline day to the reporters and
the unit's head; red once it has passed to the head and the city leaders linked (挂钩) to the unit. Each
item and stage goes out once (``Escalation``), through the notices (in-app, e-mail: the outbox) and the unit's
group-robot channels, never in the quiet hours (the run waits for the next one).
"""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from gaoyou_portal import registry
from gaoyou_portal.audit import save_audited
from gaoyou_portal.errors import DomainError, full_clean
from gaoyou_portal.roles import Role, is_office
from leaders.choices import LinkKind
from leaders.models import LeaderLink
from notify.services import quiet_now
from org.models import Membership, Unit
from org.services import notify_users

from .choices import Stage
from .models import CalendarDay, Escalation
from .workdays import WorkingDays

BLUE_WORKING_DAYS = 3
LOOK_BACK_DAYS = 31  # an item overdue longer than this before the job first saw it gets no red notice

KIND = {Stage.BLUE: "escalation_blue", Stage.YELLOW: "escalation_yellow", Stage.RED: "escalation_red"}


def stage_of(deadline, today, workdays):
    """The stage an item owed by ``deadline`` has reached today, or None (too early)."""
    if today > deadline:
        return Stage.RED
    if today == deadline:
        return Stage.YELLOW
    if today >= workdays.before(deadline, BLUE_WORKING_DAYS):
        return Stage.BLUE
    return None


def recipients(unit_ids):
    """Per unit: its reporters, its heads and the users of the leaders linked to it (one query each)."""
    found = {pk: {"reporters": set(), "heads": set(), "leaders": set()} for pk in unit_ids}
    members = (Membership.objects.filter(unit__in=unit_ids, user__is_active=True)
               .values_list("unit_id", "user_id", "is_head", "user__groups__name"))
    for unit_id, user_id, is_head, group in members:
        if is_head:
            found[unit_id]["heads"].add(user_id)
        elif group == Role.REPORTER:
            found[unit_id]["reporters"].add(user_id)
    links = (LeaderLink.objects.filter(kind=LinkKind.UNIT, unit__in=unit_ids, ended_on__isnull=True,
                                       leader__active=True, leader__user__is_active=True)
             .values_list("unit_id", "leader__user_id"))
    for unit_id, user_id in links:
        found[unit_id]["leaders"].add(user_id)
    return found


def _people(stage, who):
    if stage == Stage.BLUE:
        return who["reporters"]
    if stage == Stage.YELLOW:
        return who["reporters"] | who["heads"]
    return who["heads"] | who["leaders"]


def _wording(stage, item):
    date = formats.date_format(item["deadline"])
    if stage == Stage.BLUE:
        return _("[Blue] Due by %(date)s: %(item)s") % {"date": date, "item": item["text"]}
    if stage == Stage.YELLOW:
        return _("[Yellow] Due today (%(date)s): %(item)s") % {"date": date, "item": item["text"]}
    return _("[Red] Overdue since %(date)s: %(item)s") % {"date": date, "item": item["text"]}


def escalations_send(*, today=None, now=None) -> dict:
    """Send each owed item's notice for the stage it has reached, once. Returns counts by stage.

    1. Nothing in the quiet hours: the next run (beat: 09:00 and 15:00) sends what is due.
    2. The items come from the apps (``registry.deadline_items``), owed and due within the blue window or
       overdue for at most ``LOOK_BACK_DAYS``.
    3. Per item, the stage reached today; recorded in ``Escalation`` first, so a stage already sent (or sent
       by a concurrent run) is skipped; then the notice to the stage's people, with the item's own form.
    """
    now = now or timezone.now()
    today = today or timezone.localdate(now)
    sent = {stage: 0 for stage in Stage.values}
    if quiet_now(now):
        return sent
    workdays = WorkingDays(today - timedelta(days=LOOK_BACK_DAYS + 15), today + timedelta(days=30))
    until = today
    while workdays.before(until + timedelta(days=1), BLUE_WORKING_DAYS) <= today:  # the last deadline in the window
        until += timedelta(days=1)
    items = registry.items_due(today=today, since=today - timedelta(days=LOOK_BACK_DAYS), until=until)
    staged = [(stage_of(item["deadline"], today, workdays), item) for item in items]
    staged = [(stage, item) for stage, item in staged if stage]
    if not staged:
        return sent
    done = set(Escalation.objects.filter(key__in=[i["key"] for _s, i in staged]).values_list("key", "stage"))
    staged = [(stage, item) for stage, item in staged if (item["key"], stage) not in done]
    units = Unit.objects.in_bulk({item["unit_id"] for _s, item in staged})
    people = recipients(list(units))
    users = get_user_model().objects.in_bulk({pk for who in people.values() for group in who.values() for pk in group})
    for stage, item in staged:
        unit = units[item["unit_id"]]
        to = [users[pk] for pk in sorted(_people(stage, people[unit.pk])) if pk in users]
        title = _wording(stage, item)[:200]
        try:
            with transaction.atomic():
                Escalation.objects.create(key=item["key"][:120], stage=stage, unit=unit, deadline=item["deadline"],
                                          title=title, recipients=len(to))
                notify_users(users=to, title=title, body=_("%(unit)s: open the form to report.") % {
                    "unit": unit.name}, link=item["url"], unit=unit, kind=KIND[stage],
                    event=f"{KIND[stage]}:{item['key']}")
        except IntegrityError:  # a concurrent run sent this stage
            continue
        sent[stage] += 1
    return sent


# --- the office's calendar ----------------------------------------------------------------------------------------
def _require_office(user):
    if not is_office(user):
        raise DomainError(_("Only the assessment office may change the working-day calendar."))


@transaction.atomic
def calendar_day_save(*, user, date, kind, name) -> CalendarDay:
    """Set how the official calendar moves ``date`` (a holiday, or a weekend worked); replaces an earlier entry."""
    _require_office(user)
    day = CalendarDay.objects.filter(date=date).first() or CalendarDay(date=date)
    day.kind, day.name = kind, (name or "").strip()
    if kind == "holiday" and date and date.weekday() >= 5:
        raise DomainError({"date": _("%(date)s is a weekend day: a holiday on it changes nothing.")
                           % {"date": formats.date_format(date)}})
    if kind == "workday" and date and date.weekday() < 5:
        raise DomainError({"date": _("%(date)s is a weekday: it is a working day already.")
                           % {"date": formats.date_format(date)}})
    full_clean(day, validate_unique=False)
    save_audited(day, user=user, reason=_("Working-day calendar changed"))
    return day


@transaction.atomic
def calendar_day_delete(*, user, day) -> None:
    """Back to the plain rule (Monday to Friday) for ``day``."""
    _require_office(user)
    day._change_reason = _("Working-day calendar changed")
    day._history_user = user  # simple-history records who removed it
    day.delete()
