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

        from . import registry

        # An uploaded ledger holds the names and credit codes of every firm: its uploader, and those who
        # may see every job of its import (the spec's viewer roles). Safety's jobs kept their old folder.
        registry.private_file("gaoyou_portal.ImportJob", "file", prefixes=["imports/", "safety/imports/"],
                              readable=_readable_import_jobs)


def _readable_import_jobs(user):
    from .models import ImportJob

    return ImportJob.objects.visible_to(user)
