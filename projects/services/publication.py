"""What of a project the public sees (issue 27): the office publishes a project and picks its public fields."""

from django.db import transaction
from django.utils.translation import gettext as _

from gaoyou_portal.audit import save_audited
from gaoyou_portal.errors import DomainError

from ..choices import PublicField
from ..models import Project
from .common import _require_office


@transaction.atomic
def project_publication_set(*, project, public, fields, user) -> Project:
    """Show (or hide) ``project`` on the public site and in the open data, with these public ``fields``
    (values of ``PublicField``; the name is always public). Only the assessment office."""
    _require_office(user)
    fields = list(dict.fromkeys(fields))
    unknown = [f for f in fields if f not in PublicField.values]
    if unknown:
        message = _("These fields cannot be made public: %(fields)s.") % {"fields": "、".join(unknown)}
        raise DomainError({"fields": message})
    project = Project.objects.select_for_update().get(pk=project.pk)
    project.is_public = bool(public)
    project.public_fields = [f for f in PublicField.values if f in fields]  # a stable order
    reason = _("Published on the public site") if project.is_public else _("Withdrawn from the public site")
    save_audited(project, user=user, update_fields=["is_public", "public_fields", "updated_at"], reason=reason)
    return project
