"""Who may do what with the group robots and the Word documents, each predicate defined once."""

from gaoyou_portal.roles import OFFICE_ROLES, Role, has_role

__all__ = ["CHANNEL_MANAGER_ROLES", "WORD_ROLES", "is_channel_manager"]

# The group robots and the Word templates (letterhead, seal line): the office.
CHANNEL_MANAGER_ROLES = OFFICE_ROLES
# The Word documents page: the office and the city's leaders.
WORD_ROLES = (*OFFICE_ROLES, Role.LEADER)


def is_channel_manager(user) -> bool:
    """Manages the group robots and the Word templates: the office (administrators included)."""
    return has_role(user, *CHANNEL_MANAGER_ROLES)
