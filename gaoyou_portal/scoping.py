"""One place that scopes every read and write by user (after NetBox's ``restrict(user, action)``).

A model declares who may see and change its rows with a ``Scope`` and uses ``ScopedQuerySet``;
views, the API and selectors then call ``Model.objects.visible_to(user)`` or
``Model.objects.editable_by(user)`` and never write their own checks. A row outside the scope is
simply not in the queryset, so fetching it answers 404 and its existence does not leak.

Rules (``Scope`` arguments):
- anonymous users see only ``public`` rows (a ``Q``), or nothing;
- ``confidential=True`` (cadre records): only the organisation department and the users for which
  ``grant_check(user)`` is true see or change anything, administrators included;
- otherwise every signed-in user with a role reads every row, except that a unit reporter reads only
  their units' rows where ``reporter_reads="unit"``;
- ``staff_reads`` (a ``Q``), with ``read_roles``: the rows every other signed-in user with a role reads
  (published races and their scores are circulated to all staff, drafts stay with ``read_roles``);
- ``write_roles`` change every row; a unit reporter changes the rows of their own units when
  ``reporter_writes`` is true.

``unit_field`` is the lookup (or list of lookups) from the model to ``org.Unit``; lookups through a
many-to-many relation are applied as a subquery so rows never repeat.
"""

from django.db import models
from django.db.models import Q

from .roles import Role, has_role, roles_of, unit_ids_of


class Scope:
    def __init__(
        self,
        *,
        unit_field=None,
        write_roles=frozenset(),
        reporter_writes=True,
        reporter_reads="all",
        read_roles=None,
        staff_reads=None,
        public=None,
        confidential=False,
        grant_check=None,
        multi_valued=False,
    ):
        self.unit_fields = [unit_field] if isinstance(unit_field, str) else list(unit_field or [])
        # Administrators change every record, except confidential ones.
        self.write_roles = frozenset(write_roles) if confidential else frozenset(write_roles) | {Role.ADMIN}
        self.reporter_writes = reporter_writes and bool(self.unit_fields)
        self.reporter_reads = reporter_reads
        self.read_roles = frozenset(read_roles) if read_roles is not None else None
        self.staff_reads = staff_reads
        self.public = public
        self.confidential = confidential
        self.grant_check = grant_check
        self.multi_valued = multi_valued

    def unit_q(self, user):
        ids = unit_ids_of(user)
        if not ids or not self.unit_fields:
            return None
        q = Q()
        for lookup in self.unit_fields:
            q |= Q(**{"pk__in" if lookup == "pk" else f"{lookup}__in": ids})
        return q

    def _confidential_ok(self, user):
        if not user.is_authenticated:
            return False
        return has_role(user, Role.ORGDEPT) or bool(self.grant_check and self.grant_check(user))

    def read_q(self, user):
        """A Q for the rows the user may read, or None for no rows."""
        if not user.is_authenticated:
            return self.public
        if self.confidential:
            return Q() if self._confidential_ok(user) else None
        roles = roles_of(user)
        if not roles:
            return self.public
        if self.read_roles is not None:
            if roles & self.read_roles:
                return Q()
            if self.staff_reads is not None:
                return self.staff_reads
            if Role.REPORTER in roles and self.reporter_reads == "unit":
                return self.unit_q(user)
            return self.public
        if roles - {Role.REPORTER}:
            return Q()
        if self.reporter_reads == "unit":
            return self.unit_q(user)
        return Q()

    def write_q(self, user):
        """A Q for the rows the user may change, or None for no rows."""
        if not user.is_authenticated:
            return None
        if self.confidential:
            return Q() if self._confidential_ok(user) else None
        roles = roles_of(user)
        if roles & self.write_roles:
            return Q()
        if Role.REPORTER in roles and self.reporter_writes:
            return self.unit_q(user)
        return None

    def can_create(self, user, unit=None):
        """May the user create a row (for ``unit`` where the row belongs to a unit)?"""
        if not user.is_authenticated:
            return False
        if self.confidential:
            return self._confidential_ok(user)
        roles = roles_of(user)
        if roles & self.write_roles:
            return True
        if Role.REPORTER in roles and self.reporter_writes:
            return unit is None or getattr(unit, "pk", unit) in unit_ids_of(user)
        return False


class ScopedQuerySet(models.QuerySet):
    """``visible_to(user)`` and ``editable_by(user)`` by the model's ``scope``."""

    def _restrict(self, q):
        if q is None:
            return self.none()
        if not q:
            return self
        if self.model.scope.multi_valued:
            return self.filter(pk__in=self.model._default_manager.filter(q).values("pk"))
        return self.filter(q)

    def visible_to(self, user):
        return self._restrict(self.model.scope.read_q(user))

    def editable_by(self, user):
        return self._restrict(self.model.scope.write_q(user))


def is_editable(obj, user) -> bool:
    """Whether the user may change this one row (one query unless the role decides alone)."""
    q = type(obj).scope.write_q(user)
    if q is None:
        return False
    if not q:
        return True
    return type(obj)._default_manager.filter(q, pk=obj.pk).exists()
