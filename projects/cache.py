"""The public projects' cache (see gaoyou_portal/public_cache.py): any change to a project or a milestone
bumps it; a unit renamed shows within the minute a page lives."""

from gaoyou_portal.public_cache import PublicCache

public_cache = PublicCache("projects", seconds=60, local_entries=64)


def connect_signals():
    from .models import Milestone, Project

    public_cache.watch(Project, Milestone)
