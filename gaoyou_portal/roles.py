"""The portal's roles. Each is a Django group (created by org's migration ``0002_roles``) named by its code.

Roles read only the auth groups, so they live in the core: scoping, the navigation and every app ask
``roles_of`` / ``has_role``. The units a user belongs to are org's business: org registers the lookup
with ``registry.unit_memberships`` and ``unit_ids_of`` asks it, so the core imports no app.
Each app's predicates ("the office", "the safety bureau") are defined once in its ``permissions.py``.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from . import registry


class Role(models.TextChoices):
    REPORTER = "unit_reporter", _("Unit reporter")
    OFFICE = "assessment_office", _("Assessment office")
    LEADER = "city_leader", _("City leader")
    SAFETY = "safety_bureau", _("Safety bureau")
    ORGDEPT = "org_department", _("Organisation department")
    ADMIN = "administrator", _("Administrator")


ALL_ROLES = frozenset(Role)


def roles_of(user) -> frozenset:
    """The roles of a user, cached on the user object for the request."""
    if user is None or not user.is_authenticated:
        return frozenset()
    cached = getattr(user, "_portal_roles", None)
    if cached is None:
        names = set(user.groups.values_list("name", flat=True))
        cached = frozenset(r for r in Role if r.value in names)
        if user.is_superuser:
            cached = cached | {Role.ADMIN}
        user._portal_roles = cached
    return cached


def has_role(user, *roles) -> bool:
    return bool(roles_of(user) & set(roles))


def unit_ids_of(user) -> frozenset:
    """Ids of the units a user is a member of (as org's registered lookup says), cached on the user object."""
    if user is None or not user.is_authenticated:
        return frozenset()
    cached = getattr(user, "_portal_unit_ids", None)
    if cached is None:
        cached = frozenset(registry.unit_ids_for(user))
        user._portal_unit_ids = cached
    return cached


def forget(user):
    """Drop the cached roles and units (after changing a user's groups or memberships)."""
    for attr in ("_portal_roles", "_portal_unit_ids"):
        if hasattr(user, attr):
            delattr(user, attr)


# --- the office: one definition for every app -------------------------------------------------------------
# Administrators act as the office: the DESIGN's roles table gives them "every record through the staff
# site and /admin/, except cadre records", and scoping already lets them change every non-confidential row.
OFFICE_ROLES = (Role.OFFICE, Role.ADMIN)


def is_office(user) -> bool:
    """The assessment office, administrators included."""
    return has_role(user, *OFFICE_ROLES)


def is_staff(user) -> bool:
    """Any signed-in user with a role: sees the internal fields of records the public also reads."""
    return bool(roles_of(user))
