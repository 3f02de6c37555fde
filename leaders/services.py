"""Writes of the leaders' pages: links (挂钩) added and ended, the leader's role, the enterprise records.

Links are never deleted: a link that ends keeps its row with ``ended_on`` and stays on the page as history.
Every write is audited with its user (``save_audited``) and refused whole on bad input.
"""

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gaoyou_portal import registry
from gaoyou_portal.audit import save_audited
from gaoyou_portal.errors import DomainError, full_clean
from org.choices import UnitKind
from org.models import Unit

from .choices import LeaderRole, LinkKind
from .models import Enterprise, Leader, LeaderLink
from .permissions import is_link_manager


class LinkError(DomainError):
    """A link refused: unknown or ended record, end before start, a duplicate active link."""


def _require_manager(user):
    if not is_link_manager(user):
        raise DomainError(_("Only the assessment office keeps the leaders' links."))


def _pk(value):
    return getattr(value, "pk", value)


def _unit_for_link(unit):
    found = Unit.objects.filter(pk=_pk(unit)).first() if unit not in (None, "") else None
    if found is None:
        raise LinkError({"unit": [_("Choose a town or park that exists.")]})
    if found.kind not in (UnitKind.TOWN, UnitKind.PARK):
        raise LinkError({"unit": [_("“%(name)s” is not a town or park.") % {"name": found.name}]})
    if not found.active:
        raise LinkError({"unit": [_("“%(name)s” is no longer active: it cannot be linked.") % {"name": found.name}]})
    return found


def _project_for_link(project):
    target = registry.get_link_target(LinkKind.PROJECT)
    if target is None:
        raise LinkError({"project": [_("Projects cannot be linked here.")]})
    model = target.model
    found = model._default_manager.filter(pk=_pk(project)).first() if project not in (None, "") else None
    if found is None:
        raise LinkError({"project": [_("Choose a project that exists.")]})
    if not model._default_manager.filter(target.open_q, pk=found.pk).exists():
        raise LinkError({"project": [_("“%(name)s” has ended: it cannot be linked.") % {"name": found}]})
    return found


def _enterprise_for_link(enterprise):
    found = Enterprise.objects.filter(pk=_pk(enterprise)).first() if enterprise not in (None, "") else None
    if found is None:
        raise LinkError({"enterprise": [_("Choose an enterprise that exists.")]})
    if not found.active:
        raise LinkError({"enterprise": [_("“%(name)s” is no longer in business: it cannot be linked.") % {
            "name": found.name}]})
    return found


@transaction.atomic
def link_add(*, leader, kind, user, unit=None, project=None, industry="", enterprise=None,
             started_on=None) -> LeaderLink:
    """Link ``leader`` to a town or park, a project, an industry (a name) or an enterprise record.

    1. The office only; the leader is locked so two offices adding the same link cannot both succeed.
    2. The record must exist and still be open (an inactive town, a finished project, a closed enterprise: refused).
    3. No second active link of the leader to the same record.
    """
    _require_manager(user)
    leader = Leader.objects.select_for_update().get(pk=_pk(leader))
    if not leader.active:
        raise LinkError(_("%(name)s is no longer in office: no new links.") % {"name": leader.name})
    link = LeaderLink(leader=leader, kind=kind, started_on=started_on or timezone.localdate())
    same = LeaderLink.objects.active().filter(leader=leader, kind=kind)
    if kind == LinkKind.UNIT:
        link.unit = _unit_for_link(unit)
        same = same.filter(unit=link.unit)
    elif kind == LinkKind.PROJECT:
        found = _project_for_link(project)
        link.content_type, link.object_id = ContentType.objects.get_for_model(found), found.pk
        same = same.filter(content_type=link.content_type, object_id=found.pk)
    elif kind == LinkKind.INDUSTRY:
        link.name = (industry or "").strip()
        if not link.name:
            raise LinkError({"industry": [_("Name the industry.")]})
        same = same.filter(name=link.name)
    elif kind == LinkKind.ENTERPRISE:
        link.enterprise = _enterprise_for_link(enterprise)
        same = same.filter(enterprise=link.enterprise)
    else:
        raise LinkError({"kind": [_("Choose what the leader is linked to.")]})
    existing = same.first()
    if existing is not None:
        raise LinkError(_("%(leader)s is already linked to %(target)s (since %(date)s); end that link first.") % {
            "leader": leader.name, "target": existing.target_name, "date": existing.started_on.isoformat()})
    full_clean(link)
    return save_audited(link, user=user, reason=_("Link added"))


@transaction.atomic
def link_end(*, link, ended_on, user) -> LeaderLink:
    """End a link on ``ended_on`` (it stays on the leader's page as history)."""
    _require_manager(user)
    link = LeaderLink.objects.select_for_update().select_related("leader").get(pk=_pk(link))
    if link.ended_on is not None:
        raise LinkError(_("This link already ended on %(date)s.") % {"date": link.ended_on.isoformat()})
    if ended_on is None:
        raise LinkError({"ended_on": [_("Give the date the link ends.")]})
    if ended_on < link.started_on:
        raise LinkError({"ended_on": [_("A link cannot end before it starts (%(date)s).") % {
            "date": link.started_on.isoformat()}]})
    link.ended_on = ended_on
    full_clean(link)
    return save_audited(link, user=user, update_fields=["ended_on"], reason=_("Link ended"))


@transaction.atomic
def leader_set_role(*, leader, role, title, user) -> Leader:
    """The leader's role in the city's leadership and the full post."""
    _require_manager(user)
    leader = Leader.objects.select_for_update().get(pk=_pk(leader))
    if role not in LeaderRole.values:
        raise DomainError({"role": [_("Choose one of the roles listed.")]})
    title = (title or "").strip()
    if not title:
        raise DomainError({"title": [_("Give the leader's full post, for example 市委常委、副市长.")]})
    fields = [name for name, value in (("role", role), ("title", title)) if getattr(leader, name) != value]
    if not fields:
        return leader
    leader.role, leader.title = role, title
    full_clean(leader, exclude=["user"])
    return save_audited(leader, user=user, update_fields=fields, reason=_("Role changed"))


ENTERPRISE_FIELDS = ("name", "credit_code", "town", "industry", "active")


@transaction.atomic
def enterprise_save(*, user, data, enterprise=None) -> Enterprise:
    """Create or change an enterprise record (the office). The credit code is checked (GB 32100)."""
    _require_manager(user)
    enterprise = Enterprise.objects.select_for_update().get(pk=enterprise.pk) if enterprise else Enterprise()
    for field in ENTERPRISE_FIELDS:
        if field in data:
            setattr(enterprise, field, data[field])
    enterprise.name = (enterprise.name or "").strip()
    enterprise.industry = (enterprise.industry or "").strip()
    enterprise.credit_code = (enterprise.credit_code or "").strip().upper() or None
    if not enterprise.name:
        raise DomainError({"name": [_("Give the enterprise's name.")]})
    if enterprise.town is not None and enterprise.town.kind not in (UnitKind.TOWN, UnitKind.PARK):
        raise DomainError({"town": [_("“%(name)s” is not a town or park.") % {"name": enterprise.town.name}]})
    full_clean(enterprise)
    return save_audited(enterprise, user=user, reason=_("Enterprise saved"))
