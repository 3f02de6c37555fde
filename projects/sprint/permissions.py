"""Who may do what in the sprint race, each predicate defined once.

The office (administrators included, as everywhere: ``gaoyou_portal.roles.is_office``) scores,
publishes and reopens races, edits the scheme, evaluates the year end and decides consequences;
the insiders (office, leaders, administrators) read drafts and the year's composite; the
organisation department also reads the composite and the consequence cases.
"""

from gaoyou_portal.roles import OFFICE_ROLES, Role, has_role, is_office

__all__ = ["CASE_READERS", "INSIDERS", "OFFICE_ROLES", "is_insider", "is_office", "reads_cases"]

INSIDERS = frozenset({Role.LEADER, *OFFICE_ROLES})
CASE_READERS = INSIDERS | {Role.ORGDEPT}


def is_insider(user) -> bool:
    return has_role(user, *INSIDERS)


def reads_cases(user) -> bool:
    return has_role(user, *CASE_READERS)
