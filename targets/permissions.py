"""Who may do what on the plan, each predicate defined once."""

from gaoyou_portal.roles import Role, has_role, unit_ids_of

from .models import sees_confidential


def is_office(user) -> bool:
    """The assessment office (and administrators) configure the plan and approve explanations."""
    return has_role(user, Role.OFFICE, Role.ADMIN)


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
    return has_role(user, Role.REPORTER) and unit.pk in unit_ids_of(user)


def is_leader_or_office(user) -> bool:
    return has_role(user, Role.LEADER, Role.OFFICE, Role.ADMIN, Role.ORGDEPT)
