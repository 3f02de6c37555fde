"""Who may do what on the safety ledgers, each predicate defined once.

The safety bureau manages the ledgers of every town, administrators included (as for every record
outside the cadres); a town's reporters edit their own town's cases through scoping.
"""

from gaoyou_portal.roles import Role, has_role, roles_of

__all__ = ["BUREAU_ROLES", "is_bureau", "is_staff"]

BUREAU_ROLES = (Role.SAFETY, Role.ADMIN)


def is_bureau(user) -> bool:
    return has_role(user, *BUREAU_ROLES)


def is_staff(user) -> bool:
    """Any signed-in user with a role."""
    return bool(roles_of(user))
