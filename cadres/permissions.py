"""Who may do what on the cadre records, each role predicate defined once.

Cadre records are confidential: the organisation department alone writes them and decides who else
reads them (``models.has_active_grant``); administrators are not let in on any path. The record-level
checks (``can_read_cadres``, ``can_write_cadres``) follow from the records' scope in ``models.py``.
"""

from gaoyou_portal.roles import Role, has_role

__all__ = ["DEPARTMENT_ROLES", "is_department"]

DEPARTMENT_ROLES = (Role.ORGDEPT,)


def is_department(user) -> bool:
    """The organisation department (never administrators as such)."""
    return bool(user is not None and user.is_authenticated and has_role(user, *DEPARTMENT_ROLES))
