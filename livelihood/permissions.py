"""Who may do what on the livelihood tasks, each predicate defined once."""

from gaoyou_portal.roles import OFFICE_ROLES, Role, has_role, is_office, is_staff, roles_of, unit_ids_of

__all__ = ["MANAGER_ROLES", "READER_ROLES", "can_approve", "can_manage_tasks", "can_report", "is_lead",
           "is_office", "is_staff", "reads_documents"]

# The office manages the task list (administrators included, as everywhere).
MANAGER_ROLES = OFFICE_ROLES
# The office's documents on the tasks (the explanations' register): the office and the city's leaders.
READER_ROLES = (*OFFICE_ROLES, Role.LEADER)



def is_lead(user, task) -> bool:
    """A member of the task's lead unit (administrators stand in for any unit)."""
    return has_role(user, Role.ADMIN) or task.lead_unit_id in unit_ids_of(user)


def can_report(user, task) -> bool:
    """Members of the lead unit or a responsible unit (with a role), and administrators."""
    if has_role(user, Role.ADMIN):
        return True
    units = unit_ids_of(user)
    if not roles_of(user):
        return False
    return task.lead_unit_id in units or any(u.pk in units for u in task.responsible_units.all())


def can_approve(user, task) -> bool:
    return is_office(user) or is_lead(user, task)


def can_manage_tasks(user) -> bool:
    return has_role(user, *MANAGER_ROLES)


def reads_documents(user) -> bool:
    return has_role(user, *READER_ROLES)
