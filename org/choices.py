from django.db import models
from django.utils.translation import gettext_lazy as _


class UnitKind(models.TextChoices):
    TOWN = "town", _("Town")
    PARK = "park", _("Park")
    DEPARTMENT = "department", _("Service department")
