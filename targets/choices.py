"""Kinds, directions, paces and statuses of the plan's targets (labels translated)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class TargetKind(models.TextChoices):
    DERIVED = "derived", _("Derived from another app")
    REPORTED = "reported", _("Reported by units")
    MILESTONE = "milestone", _("Milestone works")
    ZERO = "zero", _("Zero incidents")


class Direction(models.TextChoices):
    AT_LEAST = "at_least", _("At least")
    AT_MOST = "at_most", _("At most")
    ZERO = "zero", _("Exactly zero")


class Pace(models.TextChoices):
    """How the share due by a date is computed (序时进度)."""

    LINEAR = "linear", _("Straight line to the deadline")
    QUARTERS = "quarters", _("Quarter shares")
    MILESTONES = "milestones", _("Milestone dates")


class Aggregation(models.TextChoices):
    """The roll-up rule: how a target's values make the year's value (and the quarter's and month's figures).

    - sum of the months: each month's value is that month's amount; the year's value adds them up;
    - latest value: each month's value is a level (a rank, head in stock); the year's value is the latest;
    - cumulative to date: each value is the running total since 1 January (a derived figure counted by its
      metric, the stages reached); the year's value is the latest, and a month below an earlier one is refused.
    """

    SUM = "sum", _("Sum of the months")
    LATEST = "latest", _("Latest month's value")
    CUMULATIVE = "cumulative", _("Cumulative to date")


def rollups_for(kind, direction):
    """The roll-up rules that fit a kind of target: a derived figure and stages reached are cumulative to date,
    incidents add up, a rank (at most) is its latest value; a reported figure takes any but a rank's."""
    if kind in (TargetKind.DERIVED, TargetKind.MILESTONE):
        return (Aggregation.CUMULATIVE,)
    if kind == TargetKind.ZERO:
        return (Aggregation.SUM,)
    if direction == Direction.AT_MOST:
        return (Aggregation.LATEST,)
    return (Aggregation.SUM, Aggregation.LATEST, Aggregation.CUMULATIVE)


class Status(models.TextChoices):
    MISSED = "missed", _("Missed")
    AT_RISK = "at_risk", _("At risk")
    BEHIND = "behind", pgettext_lazy("targets", "Behind")
    ON_TRACK = "on_track", _("On track")
    DONE = "done", pgettext_lazy("targets", "Done")


# Board order: the worst first.
STATUS_RANK = {Status.MISSED: 0, Status.AT_RISK: 1, Status.BEHIND: 2, Status.ON_TRACK: 3, Status.DONE: 4}
STATUS_BADGE = {Status.MISSED: "dark", Status.AT_RISK: "danger", Status.BEHIND: "warning text-dark",
                Status.ON_TRACK: "primary", Status.DONE: "success"}


class ExplanationState(models.TextChoices):
    DRAFT = "draft", _("Awaiting approval")
    APPROVED = "approved", _("Approved")


class ReportKind(models.TextChoices):
    """The reports of record of a year: mid-year (as at 30 June, preliminary) and year-end."""

    H1 = "h1", _("Mid-year report")
    YEAR = "year", _("Year-end report")


class ReportState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    APPROVED = "approved", _("Approved")
    PUBLISHED = "published", _("Published")
