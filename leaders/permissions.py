"""Who may see and keep the city leaders' pages (links, roles, enterprise records), each predicate defined once.

The roles themselves and "the office" live in the core (``gaoyou_portal.roles``).
"""

from gaoyou_portal.roles import OFFICE_ROLES, Role, has_role

# --- city leaders' pages -----------------------------------------------------------------------------------
# The links (挂钩) and the leaders' roles are kept by the office.
LINK_MANAGER_ROLES = OFFICE_ROLES
# Every leader's page: the city's leaders and the office; a unit's users see the leaders linked to them.
ALL_LEADERS_ROLES = (*OFFICE_ROLES, Role.LEADER)


def is_link_manager(user) -> bool:
    """Keeps the leaders' links, roles and the enterprise records: the office (administrators included)."""
    return has_role(user, *LINK_MANAGER_ROLES)


def sees_every_leader(user) -> bool:
    return has_role(user, *ALL_LEADERS_ROLES)


def workspace_leaders(user, queryset=None):
    """The leaders whose workspace (and links page) ``user`` may open.

    Leaders and the office: all of them. Any other user with a role: the leaders with an active link to one of
    the user's units, directly (a town or park) or through a linked record of theirs (a project whose
    responsible unit or service department is one of the user's units). Everyone else: none.
    """
    from django.contrib.contenttypes.models import ContentType
    from django.db.models import Q

    from gaoyou_portal import registry
    from gaoyou_portal.roles import roles_of, unit_ids_of

    from .choices import LinkKind
    from .models import Leader, LeaderLink

    queryset = Leader.objects.all() if queryset is None else queryset
    if not roles_of(user):
        return queryset.none()
    if sees_every_leader(user):
        return queryset
    unit_ids = unit_ids_of(user)
    if not unit_ids:
        return queryset.none()
    linked = Q(kind=LinkKind.UNIT, unit__in=unit_ids)
    for kind in (LinkKind.PROJECT,):
        target = registry.get_link_target(kind)
        if target is None or not target.unit_fields:
            continue
        model = target.model
        in_units = Q()
        for lookup in target.unit_fields:
            in_units |= Q(**{f"{lookup}__in": unit_ids})
        linked |= Q(kind=kind, content_type=ContentType.objects.get_for_model(model),
                    object_id__in=model._default_manager.filter(in_units).values("pk"))
    leader_ids = LeaderLink.objects.active().filter(linked).values("leader_id")
    return queryset.filter(pk__in=leader_ids)
