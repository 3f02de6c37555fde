"""Who sees which rows of the reporting ledger, each predicate defined once."""

from django.http import Http404

from gaoyou_portal.roles import OFFICE_ROLES, Role, has_role, unit_ids_of

# Every unit's row: the city's leaders and the assessment office (and administrators).
LEDGER_ROLES = (Role.LEADER, *OFFICE_ROLES)


def sees_every_unit(user) -> bool:
    return has_role(user, *LEDGER_ROLES)


def ledger_unit_ids(user):
    """None for every unit; a reporter's own units; anyone else sees nothing (404)."""
    if sees_every_unit(user):
        return None
    if has_role(user, Role.REPORTER) and unit_ids_of(user):
        return set(unit_ids_of(user))
    raise Http404
