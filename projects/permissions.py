"""Who may do what on the major projects, each predicate defined once (the sprint race: sprint/permissions.py)."""

from gaoyou_portal.roles import OFFICE_ROLES, Role, has_role, is_office, unit_ids_of

__all__ = ["OFFICE_ROLES", "OVERVIEW_ROLES", "is_office", "reads_overview", "reports_for_units"]

# The reporting overview and the lagging projects: the city's leaders and the office.
OVERVIEW_ROLES = (Role.LEADER, *OFFICE_ROLES)


def reads_overview(user) -> bool:
    return has_role(user, *OVERVIEW_ROLES)


def reports_for_units(user) -> bool:
    """A unit reporter who belongs to at least one unit."""
    return has_role(user, Role.REPORTER) and bool(unit_ids_of(user))
