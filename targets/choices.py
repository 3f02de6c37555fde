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
    """How a unit's monthly values add up: each month's amount, or the level reached by the month."""

    SUM = "sum", _("Sum of the months")
    LATEST = "latest", _("Latest month's value")


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
