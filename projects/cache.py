"""The public projects' cache (see gaoyou_portal/public_cache.py): any change to a project, a milestone or a
unit (its name shows) bumps it, and the stored open-data files (the OC4IDS package) are rebuilt after it."""

from gaoyou_portal.public_cache import PublicCache

public_cache = PublicCache("projects", seconds=60, local_entries=64)


def connect_signals():
    from org.models import Unit

    from .models import Milestone, Project

    public_cache.watch(Project, Milestone, Unit)
