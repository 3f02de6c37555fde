from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class TaskCategory(models.TextChoices):
    EDUCATION = "education", _("Education")
    HEALTH = "health", _("Health care")
    ELDERLY_CARE = "elderly_care", _("Elderly care")
    ROADS = "roads", _("Roads and transport")
    WATER = "water", _("Water supply and drainage")
    HOUSING = "housing", _("Housing and neighbourhoods")
    EMPLOYMENT = "employment", _("Employment and social security")
    SOCIAL_ASSISTANCE = "social_assistance", _("Social assistance")
    RURAL = "rural", _("Rural living")
    ENVIRONMENT = "environment", _("Environment")
    CULTURE_SPORTS = "culture_sports", _("Culture and sports")
    PUBLIC_SAFETY = "public_safety", _("Public safety")


class TaskStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    IN_PROGRESS = "in_progress", _("In progress")
    COMPLETED = "completed", pgettext_lazy("livelihood", "Completed")
    OVERDUE = "overdue", _("Overdue")
    EXPLAINED = "explained", _("Not completed, explained")


class ExplanationState(models.TextChoices):
    DRAFT = "draft", _("Awaiting approval")
    APPROVED = "approved", _("Approved")


class Pace(models.TextChoices):
    """The monthly bulletin's verdict on a task, against the straight line from 1 January to its deadline."""

    AHEAD = "ahead", _("Ahead")
    ON_TRACK = "on_track", _("On track")
    SLOW = "slow", _("Slow")
