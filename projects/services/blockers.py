"""Problems (blockers): raised to a leader linked to the project, resolved by that leader."""

from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from gaoyou_portal.audit import save_audited
from gaoyou_portal.errors import DomainError, full_clean
from org.services import notify_unit, notify_users

from ..choices import BlockerStatus
from ..models import Blocker
from .common import NotYourProject, _require_editable, _today
from .ledger import project_leaders


@transaction.atomic
def blocker_raise(*, project, title, deadline, user, description="", leader=None, today=None) -> Blocker:
    """Raise a problem holding the project back to one of the city leaders linked to it."""
    today = _today(today)
    _require_editable(project, user)
    if not (title or "").strip():
        raise DomainError({"title": _("Say what the problem is.")})
    if deadline is None or deadline < today:
        raise DomainError({"deadline": _("The deadline cannot be in the past.")})
    linked = list(project_leaders(project))
    if not linked:
        raise DomainError(_("No city leader is linked to this project; ask the assessment office to link one."))
    if leader is None:
        leader = linked[0]
    elif leader.pk not in {item.pk for item in linked}:
        raise DomainError({"assigned_leader": _("Choose one of the leaders linked to this project.")})
    blocker = Blocker(project=project, title=title.strip(), description=(description or "").strip(),
                      deadline=deadline, assigned_leader=leader, raised_by=user)
    full_clean(blocker, exclude=["raised_by", "resolved_by"])
    save_audited(blocker, user=user, reason=_("Blocker raised"))
    if leader.user_id:
        notify_users(
            users=[leader.user],
            title=_("Problem raised on %(project)s: %(title)s") % {"project": project.name, "title": blocker.title},
            body=_("Deadline %(date)s.") % {"date": formats.date_format(deadline)},
            link=project.get_absolute_url(),
            kind="blocker_raised",
        )
    return blocker


@transaction.atomic
def blocker_resolve(*, blocker, resolution, user) -> Blocker:
    """The leader the problem was raised to records how it was resolved."""
    blocker = Blocker.objects.select_for_update().select_related("assigned_leader", "project").get(pk=blocker.pk)
    if blocker.assigned_leader.user_id != getattr(user, "pk", None):
        raise NotYourProject(_("Only the leader the problem was raised to may resolve it."))
    if blocker.status != BlockerStatus.OPEN:
        raise DomainError(_("This problem is already resolved."))
    if not (resolution or "").strip():
        raise DomainError({"resolution": _("Say how the problem was resolved.")})
    blocker.status = BlockerStatus.RESOLVED
    blocker.resolution = resolution.strip()
    blocker.resolved_at = timezone.now()
    blocker.resolved_by = user
    full_clean(blocker, exclude=["raised_by", "resolved_by"])
    save_audited(blocker, user=user, update_fields=["status", "resolution", "resolved_at", "resolved_by"],
                 reason=_("Blocker resolved"))
    notify_unit(
        unit=blocker.project.responsible_unit,
        title=_("Problem resolved: %(title)s") % {"title": blocker.title},
        body=blocker.resolution,
        link=blocker.project.get_absolute_url(),
        kind="blocker_resolved",
    )
    return blocker
