"""Pace and status of a target (序时进度): what is expected by a date, what is actual, and the verdict.

- expected share by ``today``: a straight line from 1 January to the deadline, or the quarter shares
  (cumulative, interpolated within each quarter), or for milestone works the stages planned by today;
- status, for ``at least`` targets: done when the figure is reached; missed when the deadline has passed
  without it; else at risk / behind when the actual share lags the expected share by the office's
  ``at_risk_points`` / ``behind_points`` (or more), on track otherwise;
- ``at most`` targets (a rank): done at the deadline at or under the figure, at risk above it, missed
  above it at the deadline;
- zero targets: missed at the first incident, done after the deadline with none;
- milestone works: done when every stage is reached; behind when a stage's date has passed
  unreached (at risk after ``at_risk_days``); missed when the deadline has passed with stages open.
Each status comes with its reason in words ("落后序时 18%", "开工节点 6月30日 已过").
"""

from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext as _

from . import measures
from .choices import STATUS_BADGE, Direction, Pace, Status, TargetKind

HUNDRED = Decimal(100)


@dataclass
class Evaluation:
    status: str
    reason: str
    actual: Decimal | None = None
    expected: Decimal | None = None  # the value expected by today
    percent: Decimal = Decimal(0)  # actual as a share of the figure (0..100, capped for the bar)
    expected_percent: Decimal = Decimal(0)
    extra: dict = field(default_factory=dict)

    @property
    def label(self):
        return Status(self.status).label

    @property
    def badge(self):
        return STATUS_BADGE[self.status]

    @property
    def is_lagging(self):
        return self.status in (Status.BEHIND, Status.AT_RISK, Status.MISSED)


def _d(value) -> Decimal:
    return Decimal(value if value is not None else 0)


def _pct(value: Decimal) -> Decimal:
    return value.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def short_date(day: date) -> str:
    return _("%(month)s/%(day)s") % {"month": day.month, "day": day.day}


def expected_share(target, today: date, *, stages=None) -> Decimal:
    """The share (0..1) of the target due by ``today``."""
    start = date(target.deadline.year, 1, 1)
    if target.pace == Pace.MILESTONES or target.kind == TargetKind.MILESTONE:
        stages = list(stages or [])
        if not stages:
            return Decimal(1) if today >= target.deadline else Decimal(0)
        return Decimal(sum(1 for s in stages if s.planned_date <= today)) / len(stages)
    if today >= target.deadline:
        return Decimal(1)
    if today <= start:
        return Decimal(0)
    if target.pace == Pace.QUARTERS:
        year = target.deadline.year
        points = [(start, Decimal(0))]
        for day, share in ((date(year, 3, 31), target.q1_share), (date(year, 6, 30), target.q2_share),
                           (date(year, 9, 30), target.q3_share)):
            if day < target.deadline:
                points.append((day, _d(share) / HUNDRED))
        points.append((target.deadline, Decimal(1)))
        for (d0, s0), (d1, s1) in zip(points, points[1:], strict=False):
            if d0 <= today <= d1:
                span = (d1 - d0).days or 1
                return s0 + (s1 - s0) * Decimal((today - d0).days) / span
        return Decimal(1)
    return Decimal((today - start).days) / Decimal((target.deadline - start).days or 1)


def expected_value(target, share) -> Decimal:
    """The figure due at ``share``, at the measure's decimals and rounded down (a count: "序时 11", not 11.21)."""
    return measures.rounded(_d(target.figure) * share, measures.decimals_for(target.measure), down=True)


def evaluate(target, *, today: date, config, actual=None, stages=None, incidents=0) -> Evaluation:
    """The target's status by ``today``; ``actual`` is taken at the measure's decimals (a count is whole)."""
    if actual is not None:
        actual = measures.rounded(actual, measures.decimals_for(target.measure))
    if target.kind == TargetKind.ZERO:
        return _zero(target, today, incidents)
    if target.kind == TargetKind.MILESTONE:
        return _milestone(target, today, config, list(stages or []))
    if target.direction == Direction.AT_MOST:
        return _at_most(target, today, actual)
    return _at_least(target, today, config, _d(actual))


def _zero(target, today, incidents):
    ev = Evaluation(status=Status.ON_TRACK, reason=_("No incident so far"), actual=Decimal(incidents),
                    expected=Decimal(0), percent=Decimal(0))
    if incidents:
        ev.status = Status.MISSED
        ev.reason = _("%(n)s incident(s) occurred") % {"n": incidents}
        ev.percent = HUNDRED
    elif today > target.deadline:
        ev.status, ev.reason, ev.percent = Status.DONE, _("No incident all year"), HUNDRED
    return ev


def _milestone(target, today, config, stages):
    total = len(stages)
    reached = sum(1 for s in stages if s.reached_on)
    expected = sum(1 for s in stages if s.planned_date <= today)
    ev = Evaluation(status=Status.ON_TRACK, reason="", actual=Decimal(reached), expected=Decimal(expected),
                    percent=_pct(Decimal(reached) * HUNDRED / total) if total else Decimal(0),
                    expected_percent=_pct(Decimal(expected) * HUNDRED / total) if total else Decimal(0))
    overdue = [s for s in stages if not s.reached_on and s.planned_date < today]
    if total and reached == total:
        ev.status, ev.reason, ev.percent = Status.DONE, _("Every stage reached"), HUNDRED
    elif today > target.deadline:
        ev.status = Status.MISSED
        ev.reason = _("Deadline %(date)s passed with %(n)s stage(s) open") % {
            "date": short_date(target.deadline), "n": total - reached}
    elif overdue:
        first = overdue[0]
        late = (today - first.planned_date).days
        ev.status = Status.AT_RISK if late > config.at_risk_days else Status.BEHIND
        ev.reason = _("%(stage)s stage %(date)s passed") % {"stage": first.name, "date": short_date(first.planned_date)}
    else:
        upcoming = [s for s in stages if not s.reached_on]
        ev.reason = (_("Next stage: %(stage)s by %(date)s") % {"stage": upcoming[0].name,
                                                               "date": short_date(upcoming[0].planned_date)}
                     if upcoming else _("No stage planned yet"))
    return ev


def _at_most(target, today, actual):
    figure = _d(target.figure)
    ev = Evaluation(status=Status.ON_TRACK, reason="", actual=None if actual is None else _d(actual),
                    expected=figure, percent=Decimal(0), expected_percent=Decimal(0))
    if actual is None:
        if today > target.deadline:
            ev.status, ev.reason = Status.MISSED, _("No value reported by the deadline")
        else:
            ev.reason = _("No value reported yet")
        return ev
    value = _d(actual)
    words = {"value": _plain(value), "figure": _plain(figure), "measure": target.measure}
    ev.percent = HUNDRED if value <= figure else Decimal(0)
    ev.expected_percent = HUNDRED
    if value <= figure:
        ev.status = Status.DONE if today >= target.deadline else Status.ON_TRACK
        ev.reason = _("Now %(value)s, not above %(figure)s") % words
    else:
        ev.status = Status.MISSED if today > target.deadline else Status.AT_RISK
        ev.reason = _("Now %(value)s, above the target of %(figure)s") % words
    return ev


def _at_least(target, today, config, actual):
    figure = _d(target.figure)
    share = expected_share(target, today)
    expected_percent = _pct(share * HUNDRED)
    percent = _pct(actual * HUNDRED / figure) if figure else HUNDRED
    ev = Evaluation(status=Status.ON_TRACK, reason="", actual=actual,
                    expected=expected_value(target, share),
                    percent=min(percent, HUNDRED), expected_percent=expected_percent)
    words = {"actual": _plain(actual), "figure": _plain(figure), "measure": target.measure,
             "date": short_date(target.deadline)}
    if actual >= figure:
        ev.status, ev.reason = Status.DONE, _("Reached: %(actual)s of %(figure)s%(measure)s") % words
        return ev
    if today > target.deadline:
        ev.status = Status.MISSED
        ev.reason = _("Deadline %(date)s passed: %(actual)s of %(figure)s%(measure)s") % words
        return ev
    gap = expected_percent - percent
    if gap >= config.at_risk_points:
        ev.status = Status.AT_RISK
    elif gap >= config.behind_points:
        ev.status = Status.BEHIND
    if gap > 0:
        ev.reason = _("Behind pace by %(gap)s%%") % {"gap": _plain(gap)}
    else:
        ev.reason = _("On pace (%(pct)s%% of %(expected)s%% due)") % {"pct": _plain(percent),
                                                                     "expected": _plain(expected_percent)}
    return ev


def _plain(value: Decimal) -> str:
    value = _d(value)
    text = f"{value.quantize(Decimal('0.1'), rounding=ROUND_HALF_UP):f}"
    return text[:-2] if text.endswith(".0") else text
