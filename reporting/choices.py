from django.db import models
from django.utils.translation import gettext_lazy as _


class DayKind(models.TextChoices):
    """How the official calendar moves a day: a holiday off on a weekday, or a weekend worked (调休)."""

    HOLIDAY = "holiday", _("Public holiday (休)")
    WORKDAY = "workday", _("Make-up working day (班)")


class Stage(models.TextChoices):
    """The stages of an escalating reminder (the practice of Suqian's notices)."""

    BLUE = "blue", _("Blue: three working days before the deadline")
    YELLOW = "yellow", _("Yellow: the deadline day")
    RED = "red", _("Red: overdue")
