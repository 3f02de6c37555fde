from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "gaoyou_portal"
    verbose_name = _("Portal")

    def ready(self):
        # Each app declares its Excel imports in ``<app>/imports.py``; the engine (and its Celery tasks)
        # find them by key once every app is loaded.
        from django.utils.module_loading import autodiscover_modules

        autodiscover_modules("imports")
