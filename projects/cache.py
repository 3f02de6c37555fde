"""The public projects' cache (see gaoyou_portal/public_cache.py): any change to a project, a milestone or a
unit (its name shows) bumps it, and the stored open-data files (the OC4IDS package) are rebuilt after it."""

from django.db.models.signals import post_delete, post_save

from gaoyou_portal.public_cache import PublicCache

public_cache = PublicCache("projects", seconds=60, local_entries=64)


def connect_signals():
    from org.models import Unit

    from .models import Milestone, Project

    for model in (Project, Milestone, Unit):
        post_save.connect(public_cache.invalidate, sender=model, dispatch_uid=f"projects-cache-save-{model.__name__}")
        post_delete.connect(public_cache.invalidate, sender=model,
                            dispatch_uid=f"projects-cache-delete-{model.__name__}")
