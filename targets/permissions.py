"""Who may do what on the plan, each predicate defined once."""

from gaoyou_portal.roles import OFFICE_ROLES, Role, has_role, is_office, is_staff, unit_ids_of

from .models import sees_confidential

__all__ = ["BOARD_ROLES", "ENTRY_ROLES", "OFFICE_ROLES", "enters_for_unit", "enters_values", "is_leader",
           "is_leader_or_office", "is_office", "is_reporter", "is_staff", "may_change_target", "sees_confidential"]

# The plan's board: the city's leaders, the office and the organisation department.
BOARD_ROLES = (Role.LEADER, *OFFICE_ROLES, Role.ORGDEPT)
# Monthly values: unit reporters for their units, the office for any unit.
ENTRY_ROLES = (Role.REPORTER, *OFFICE_ROLES)


def may_change_target(user, target) -> bool:
    if target.is_confidential:
        return sees_confidential(user)
    return is_office(user)


def enters_for_unit(user, target, unit) -> bool:
    """The office for any unit; a unit's reporters for their own unit only."""
    if target.is_confidential:
        return sees_confidential(user)
    if is_office(user):
        return True
    return is_reporter(user) and unit.pk in unit_ids_of(user)


def enters_values(user) -> bool:
    """May open the monthly-values upload (which units, the service decides)."""
    return has_role(user, *ENTRY_ROLES)


def is_leader_or_office(user) -> bool:
    return has_role(user, *BOARD_ROLES)


def is_leader(user) -> bool:
    return has_role(user, Role.LEADER)


def is_reporter(user) -> bool:
    return has_role(user, Role.REPORTER)

