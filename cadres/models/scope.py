"""Who reads cadre records (the department and its grants), the never-deleted base and the shared checks."""
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gaoyou_portal.errors import DomainError
from gaoyou_portal.scoping import Scope, ScopedQuerySet

from ..choices import (
    Rank,
)
from ..permissions import is_department

MIN_AGE, MAX_AGE = 18, 70


def has_active_grant(user) -> bool:
    """Whether the department has granted this user read access today (cached on the user object)."""
    cached = getattr(user, "_cadre_grant", None)
    if cached is None:
        today = timezone.localdate()
        from .access import CadreAccessGrant  # the grants are defined with the access log

        cached = CadreAccessGrant.objects.filter(
            Q(ends_on__isnull=True) | Q(ends_on__gte=today), user=user, revoked_at__isnull=True, starts_on__lte=today
        ).exists()
        user._cadre_grant = cached
    return cached


class CadreScope(Scope):
    """Confidential reads (department + granted users); writes by the department alone."""

    def write_q(self, user):
        return Q() if is_department(user) else None

    def can_create(self, user, unit=None):
        return is_department(user)


# Cadre records: the department and those it grants read; the department writes.
CADRE_SCOPE = CadreScope(confidential=True, grant_check=has_active_grant)
# The grants and the access log: the department alone, granted users included out.
DEPARTMENT_SCOPE = CadreScope(confidential=True)


def can_read_cadres(user) -> bool:
    return CADRE_SCOPE.read_q(user) is not None


def can_write_cadres(user) -> bool:
    return CADRE_SCOPE.can_create(user)


class NeverDeleted(DomainError):
    def __init__(self):
        super().__init__(_("Cadre records are never deleted; correct them instead."))


class RecordQuerySet(ScopedQuerySet):
    """Scoped reads; deleting in bulk is refused like deleting one row."""

    def delete(self):
        raise NeverDeleted()

    delete.queryset_only = True


class NeverDeletedModel(models.Model):
    class Meta:
        abstract = True

    def delete(self, *args, **kwargs):
        raise NeverDeleted()


def _check_dates(start, end, end_field, message=None):
    if start and end and end < start:
        raise DomainError({end_field: message or _("The end date cannot be before the start date.")})


class CadreQuerySet(RecordQuerySet):
    def leading_of(self, unit):
        return self.filter(unit=unit, is_leading=True, active=True)

    def with_rank_order(self):
        """``rank_order``: the rank as a number, lowest first, for sorting."""
        whens = [models.When(rank=value, then=models.Value(i)) for i, value in enumerate(Rank.values)]
        return self.annotate(rank_order=models.Case(*whens, default=models.Value(-1)))
