from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SprintConfig(AppConfig):
    """The quarterly sprint race (季度冲刺赛): part of projects/, its own models and migrations."""

    name = "projects.sprint"
    label = "sprint"
    verbose_name = _("Sprint race")
