"""States of the core's own rows."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ImportState(models.TextChoices):
    VALIDATING = "validating", _("Checking")
    INVALID = "invalid", _("Errors found")
    VALID = "valid", _("Ready to import")
    IMPORTING = "importing", _("Importing")
    DONE = "done", _("Imported")
    FAILED = "failed", _("Failed")
