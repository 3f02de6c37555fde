"""Who may do what in org (units, memberships), each predicate defined once.

The roles themselves and "the office" live in the core (``gaoyou_portal.roles``); org hands the unit
memberships to the core through ``registry.unit_memberships`` (see ``apps.py``).
"""

from gaoyou_portal.roles import OFFICE_ROLES, Role, is_office

__all__ = ["ADMIN_ROLES", "OFFICE_ROLES", "is_office"]

ADMIN_ROLES = (Role.ADMIN,)
