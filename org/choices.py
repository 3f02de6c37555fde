from django.db import models
from django.utils.translation import gettext_lazy as _


class UnitKind(models.TextChoices):
    TOWN = "town", _("Town")
    PARK = "park", _("Park")
    DEPARTMENT = "department", _("Service department")


class LinkKind(models.TextChoices):
    UNIT = "unit", _("Town or park")
    PROJECT = "project", _("Project")
    INDUSTRY = "industry", _("Industry")
    ENTERPRISE = "enterprise", _("Enterprise")
