"""Who may do what in org (units, group robots, Word templates), each predicate defined once.

The roles themselves and "the office" live in the core (``gaoyou_portal.roles``); org hands the unit
memberships to the core through ``registry.unit_memberships`` (see ``apps.py``).
"""

from gaoyou_portal.roles import OFFICE_ROLES, Role, has_role, is_office

__all__ = ["ADMIN_ROLES", "CHANNEL_MANAGER_ROLES", "OFFICE_ROLES", "WORD_ROLES", "is_channel_manager", "is_office"]

ADMIN_ROLES = (Role.ADMIN,)
# The group robots and the Word templates (letterhead, seal line): the office.
CHANNEL_MANAGER_ROLES = OFFICE_ROLES
# The Word documents page: the office and the city's leaders.
WORD_ROLES = (*OFFICE_ROLES, Role.LEADER)


def is_channel_manager(user) -> bool:
    """Manages the group robots and the Word templates: the office (administrators included)."""
    return has_role(user, *CHANNEL_MANAGER_ROLES)
