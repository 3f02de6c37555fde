from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Group(models.TextChoices):
    """The two ranking groups of the race (org.Unit.group)."""

    TOWN = "town", _("Towns and parks")
    DEPARTMENT = "department", _("Service departments")


class IndicatorGroups(models.TextChoices):
    ALL = "all", _("Both groups")
    TOWN = "town", _("Towns and parks")
    DEPARTMENT = "department", _("Service departments")


class Derivation(models.TextChoices):
    """Where an indicator's actual value comes from."""

    SIGNED_COUNT = "signed_count", _("Projects signed (count)")
    SIGNED_INVESTMENT = "signed_investment", _("Contracted investment of projects signed")
    STARTED_COUNT = "started_count", _("Projects started (count)")
    COMPLETED_COUNT = "completed_count", _("Projects completed (count)")
    IN_PRODUCTION_COUNT = "in_production_count", _("Projects in production (count)")
    INVESTMENT_COMPLETED = "investment_completed", _("Investment completed (monthly reports)")
    MANUAL = "manual", _("Entered by the assessment office")
    # A figure another app computes per unit (``registry.metric(..., by_unit=...)``): its value is the metric's code.
    REPORTING_ON_TIME_RATE = "reporting_on_time_rate", _("On-time reporting rate (reporting ledger, %)")


# Indicators whose actual value is a registry metric's figure per unit (derivation -> metric code).
METRIC_DERIVATIONS = {Derivation.REPORTING_ON_TIME_RATE: "reporting_on_time_rate"}


class RaceStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")


class Flag(models.TextChoices):
    RED = "red", _("Red flag")
    YELLOW = "yellow", _("Yellow flag")


class RunStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    SUCCEEDED = "succeeded", _("Succeeded")
    FAILED = "failed", _("Failed")
    REFUSED = "refused", _("Refused")


class RunTrigger(models.TextChoices):
    BEAT = "beat", _("Schedule")
    OFFICE = "office", _("Assessment office (page)")
    API = "api", _("API")
    COMMAND = "command", _("Management command")
    DEMO = "demo", _("Demo data")


class ConsequenceKind(models.TextChoices):
    INTERVIEW = "interview", _("Interview by the city leaders")
    NO_AWARDS = "no_awards", _("Barred from awards and honours")
    REASSIGNMENT = "reassignment", _("Reassignment of the unit's leaders")
    HALF_YEAR = "half_year", _("Below 60% at the half year")


class CaseStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    CONFIRMED = "confirmed", _("Confirmed")
    DISMISSED = "dismissed", _("Dismissed")


class HonourStatus(models.TextChoices):
    PROPOSED = "proposed", pgettext_lazy("honour", "Proposed")
    AWARDED = "awarded", _("Awarded")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class InterviewStatus(models.TextChoices):
    """A leader's interview (约谈) of a unit: waiting for a date, scheduled, held."""

    TO_SCHEDULE = "to_schedule", _("To be scheduled")
    SCHEDULED = "scheduled", _("Scheduled")
    HELD = "held", _("Held")
