from django.db import models
from django.utils.translation import gettext_lazy as _


class ProjectLevel(models.TextChoices):
    PROVINCIAL = "provincial", _("Provincial")
    PREFECTURE = "prefecture", _("Yangzhou level")
    CITY = "city", _("Gaoyou level")


class ProjectStatus(models.TextChoices):
    PREPARING = "preparing", _("Preparing")
    SIGNED = "signed", _("Signed")
    UNDER_CONSTRUCTION = "under_construction", _("Under construction")
    COMPLETED = "completed", _("Completed")
    IN_PRODUCTION = "in_production", _("In production")
    SUSPENDED = "suspended", _("Suspended")


class ProjectCategory(models.TextChoices):
    INDUSTRIAL = "industrial", _("Industrial")
    SERVICES = "services", _("Services")
    INFRASTRUCTURE = "infrastructure", _("Infrastructure")
    AGRICULTURE = "agriculture", _("Agriculture")
    SOCIAL = "social", _("Social undertakings")


class MilestoneKind(models.TextChoices):
    """The four milestones of every project, in order (签约 / 开工 / 竣工 / 达产)."""

    SIGNED = "signed", _("Signed")
    STARTED = "started", _("Construction started")
    COMPLETED = "completed", _("Completed")
    IN_PRODUCTION = "in_production", _("In production")


class BlockerStatus(models.TextChoices):
    OPEN = "open", _("Open")
    RESOLVED = "resolved", _("Resolved")
    CLOSED = "closed", _("Closed")


class Light(models.TextChoices):
    """A project's warning light (亮灯), computed from its plans, reports and milestones."""

    RED = "red", _("Red")
    YELLOW = "yellow", _("Yellow")
    GREEN = "green", _("Green")


class PublicField(models.TextChoices):
    """What of a project the office may show the public. Never: the responsible person and their phone, the
    blockers, the warning light, the reports' narratives or any internal note (they are not choices here)."""

    LEVEL = "level", _("level")
    RESPONSIBLE_UNIT = "responsible_unit", _("responsible unit")
    STATUS = "status", _("status")
    MILESTONES_PLANNED = "milestones_planned", _("planned milestone dates")
    MILESTONES_ACTUAL = "milestones_actual", _("actual milestone dates")
    CATEGORY = "category", _("category")
    INDUSTRY = "industry", _("industry")
    TOTAL_INVESTMENT = "total_investment", _("total investment")
    DESCRIPTION = "description", _("description")


# Shown by default once a project is public (issue 27): name (always), level, unit, milestones, status.
DEFAULT_PUBLIC_FIELDS = ["level", "responsible_unit", "status", "milestones_planned", "milestones_actual"]
