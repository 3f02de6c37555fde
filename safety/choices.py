"""Dispositions, case states, inspection verdicts and import job states of the safety ledgers."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class FirmDisposition(models.TextChoices):
    CLOSE = "close", _("Close")
    RECTIFY = "rectify", _("Rectify by a deadline")
    RELOCATE = "relocate", _("Relocate")
    RETAIN_UPGRADE = "retain_upgrade", _("Retain and upgrade")


class WorkshopDisposition(models.TextChoices):
    SHUT = "shut", _("Shut down")
    RECTIFY = "rectify", _("Rectify and upgrade")


# Dispositions whose close-out means the business has stopped: an inspection must confirm it,
# and a later inspection finding it operating reopens the case.
CLOSURE_DISPOSITIONS = frozenset({FirmDisposition.CLOSE, WorkshopDisposition.SHUT})


class CaseState(models.TextChoices):
    UNDECIDED = "undecided", _("Disposition not yet decided")
    DECIDED = "decided", _("Disposition set")
    IN_PROGRESS = "in_progress", _("Rectification under way")
    SUBMITTED = "submitted", _("Submitted for acceptance")
    SENT_BACK = "sent_back", _("Sent back")
    CLOSED_OUT = "closed_out", _("Accepted and struck off")
    REOPENED = "reopened", _("Reopened: operating again")


OPEN_STATES = frozenset(set(CaseState) - {CaseState.CLOSED_OUT})


class Verdict(models.TextChoices):
    PASSED = "passed", _("Rectification passed")
    CLOSURE_CONFIRMED = "closure_confirmed", _("Closure confirmed")
    HAZARDS_REMAIN = "hazards_remain", _("Hazards remain")
    OPERATING_AGAIN = "operating_again", _("Found operating again")


class Hazard(models.TextChoices):
    THREE_IN_ONE = "three_in_one", _("Living, production and storage in one building (三合一)")
    ELECTRICAL = "electrical", _("Unsafe electrical wiring")
    ESCAPE = "escape", _("Blocked or missing escape routes")
    EXTINGUISHERS = "extinguishers", _("No or expired fire extinguishers")
    FLAMMABLE = "flammable", _("Flammable materials stored unsafely")
    OTHER = "other", _("Other")


class HazardCategory(models.TextChoices):
    MAJOR = "major", _("Major hazard source")
    GENERAL = "general", _("General hazardous chemicals")
    LOW = "low", _("Low hazard")


class ImportState(models.TextChoices):
    VALIDATING = "validating", _("Checking")
    INVALID = "invalid", _("Errors found")
    VALID = "valid", _("Ready to import")
    IMPORTING = "importing", _("Importing")
    DONE = "done", _("Imported")
    FAILED = "failed", _("Failed")


class Ledger(models.TextChoices):
    FIRMS = "firms", _("Chemical firms")
    WORKSHOPS = "workshops", _("Garment workshops")
