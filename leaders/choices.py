from django.db import models
from django.utils.translation import gettext_lazy as _


class LinkKind(models.TextChoices):
    UNIT = "unit", _("Town or park")
    PROJECT = "project", _("Project")
    INDUSTRY = "industry", _("Industry")
    ENTERPRISE = "enterprise", _("Enterprise")


class LeaderRole(models.TextChoices):
    """A city leader's place in the city's leadership (the full post stays free text in ``title``)."""

    SECRETARY = "secretary", _("Party secretary")
    MAYOR = "mayor", _("Mayor")
    DEPUTY_SECRETARY = "deputy_secretary", _("Deputy party secretary")
    EXECUTIVE_VICE_MAYOR = "executive_vice_mayor", _("Executive vice mayor")
    STANDING_COMMITTEE = "standing_committee", _("Standing committee member")
    VICE_MAYOR = "vice_mayor", _("Vice mayor")
    OTHER = "other", _("Other city leader")
