"""The demo's clock: records dated when they would have happened, and a seeding that sends nothing.

``seed_demo`` builds a year as it would have happened. Each app's seeder dates what it writes:

- ``at(moment)``: while a service runs inside it, "now" (``django.utils.timezone.now``, hence
  ``localdate()``, ``auto_now_add`` fields and simple-history's ``history_date``) is ``moment``. The
  service's own rules then hold at that moment (nothing dated after its own "today"). Only for the
  single-threaded ``seed_demo`` command: the clock is the process's.
- ``working_moment(first, last, key=...)``: a stable moment in working hours (08:30–17:30) of a working day
  (Monday to Friday) between two dates, never later than the real present.
- ``month_moment(month, key=...)``: the same in a month or the first working days after it (a report of
  the month is filed from its last days to the 5th of the next).
- ``restamp(model, {pk: moment}, fields=[...], user=...)``: rows written in bulk take their moment, and
  so do their history rows (with the acting user).
- ``history_start(today)``: when the demo's history begins (the units, users and enterprises set up in the
  first working days of January three years back, before the earliest project signs).
- ``silenced()`` / ``is_silenced()``: while seeding, notices are recorded but no e-mail or robot message
  leaves (the org app's notify services ask ``is_silenced``).
"""

import contextlib
import contextvars
import zlib
from datetime import date, datetime, time, timedelta

from django.utils import timezone

_real_now = timezone.now
_silenced = contextvars.ContextVar("demo_silenced", default=False)

OPENS, CLOSES = time(8, 30), time(17, 30)


def real_now():
    """The present, whatever ``at`` says (a demo moment is never later than this)."""
    return _real_now()


@contextlib.contextmanager
def at(moment):
    """Run the block as if it were ``moment`` (an aware datetime, never later than the real present)."""
    moment = min(moment, _real_now())
    previous = timezone.now
    timezone.now = lambda: moment
    try:
        yield moment
    finally:
        timezone.now = previous


@contextlib.contextmanager
def silenced():
    """Inside the block notices send no e-mail and no robot message (``is_silenced``)."""
    token = _silenced.set(True)
    try:
        yield
    finally:
        _silenced.reset(token)


def is_silenced():
    return _silenced.get()


def _spread(key, modulo):
    return zlib.crc32(str(key).encode()) % modulo


def working_days(first: date, last: date):
    """Monday to Friday between ``first`` and ``last`` (inclusive)."""
    days, day = [], first
    while day <= last:
        if day.weekday() < 5:
            days.append(day)
        day += timedelta(days=1)
    return days


def working_moment(first: date, last: date, *, key) -> datetime:
    """A stable moment of working hours on a working day between ``first`` and ``last``, at the latest now.

    When the range lies (partly) in the future it is cut at today; when no working day remains the last
    day before the present is taken, and a moment today lies in the past (earlier this morning at worst)."""
    now = timezone.localtime(_real_now())
    today = now.date()
    last = min(last, today)
    first = min(first, last)
    days = working_days(first, last) or [last]
    day = days[_spread(key, len(days))]
    minutes = (CLOSES.hour * 60 + CLOSES.minute) - (OPENS.hour * 60 + OPENS.minute)
    offset = _spread(f"{key}-time", minutes)
    moment = timezone.make_aware(datetime.combine(day, OPENS) + timedelta(minutes=offset))
    if moment >= now:  # today, later than now: earlier today instead
        moment = now - timedelta(minutes=1 + _spread(f"{key}-early", 50))
    return moment


def month_moment(month: date, *, key, first_day=1, spill=5) -> datetime:
    """A moment of working hours in ``month`` (from ``first_day``) or the first ``spill`` days after it."""
    start = month.replace(day=first_day)
    following = (month.replace(day=28) + timedelta(days=4)).replace(day=1)
    return working_moment(start, following + timedelta(days=spill - 1), key=key)


def day_moment(day: date, *, key) -> datetime:
    """A moment of working hours on ``day`` itself (whatever weekday), at the latest now."""
    return working_moment(day, day, key=key) if day.weekday() < 5 else _on(day, key)


def _on(day, key):
    now = timezone.localtime(_real_now())
    moment = timezone.make_aware(datetime.combine(day, OPENS) + timedelta(minutes=_spread(key, 480)))
    return min(moment, now - timedelta(minutes=1))


def history_start(today: date) -> datetime:
    """The moment the demo's history begins: the first working days of January three years before ``today``'s
    year (the earliest demo project signs from 5 January that year)."""
    year = today.year - 3
    return working_moment(date(year, 1, 2), date(year, 1, 4), key=f"history-start-{year}")


def restamp(model, moments, *, fields, user=None, batch_size=1000):
    """Give each row ``pk -> moment`` that moment in ``fields`` and on its history rows (with ``user`` when
    given). Rows are bulk-updated: ``auto_now`` fields are not touched again."""
    if not moments:
        return
    if fields:
        rows = list(model.objects.filter(pk__in=list(moments)).only("pk", *fields))
        for row in rows:
            for name in fields:
                setattr(row, name, moments[row.pk])
        model.objects.bulk_update(rows, fields, batch_size=batch_size)
    history = getattr(model, "history", None)
    if history is None:
        return
    pk_name = model._meta.pk.attname
    entries = list(history.model.objects.filter(**{f"{pk_name}__in": list(moments)}))
    for entry in entries:
        entry.history_date = moments[getattr(entry, pk_name)]
        if user is not None:
            entry.history_user_id = getattr(user, "pk", user)
    history.model.objects.bulk_update(entries, ["history_date", "history_user"] if user is not None
                                      else ["history_date"], batch_size=batch_size)
