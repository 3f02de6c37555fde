"""The warning-light settings, the nightly check of stored lights, the units' reminders."""

from django.db import transaction
from django.urls import reverse
from django.utils import formats
from django.utils.translation import gettext as _

from gaoyou_portal.audit import save_audited
from gaoyou_portal.errors import DomainError, full_clean
from gaoyou_portal.roles import Role
from notify.channels import absolute_link
from org.models import Notice
from org.services import notify_unit, notify_users

from ..lights import refresh_lights, stale_lights
from ..models import ProjectSettings
from .common import _require_office, _today


@transaction.atomic
def settings_update(*, data, user, today=None) -> ProjectSettings:
    _require_office(user)
    config = ProjectSettings.load()
    for field in ("yellow_points", "red_points", "report_deadline_day"):
        if field in data:
            setattr(config, field, data[field])
    full_clean(config)
    if config.yellow_points > config.red_points:
        raise DomainError({"yellow_points": _("The yellow threshold cannot be above the red threshold.")})
    save_audited(config, user=user, reason=_("Warning-light settings changed"))
    refresh_lights(today=today, config=config)  # thresholds and deadline apply to every project at once
    return config


def lights_check_and_alert(*, today=None) -> int:
    """The nightly check: count stored lights that differ from the rules and tell the office if any do."""
    from django.contrib.auth import get_user_model

    stale = stale_lights(today=today)
    if stale:
        office = get_user_model().objects.filter(groups__name=Role.OFFICE.value, is_active=True).distinct()
        codes = "、".join(project.code for project, _stored, _fresh in stale[:20])
        notify_users(
            users=list(office),
            title=_("%(count)d warning light(s) differ from the rules") % {"count": len(stale)},
            body=_("Projects: %(codes)s. Run manage.py refresh_lights to repair them and find the cause.")
            % {"codes": codes},
            link=reverse("projects:project_list"),
        )
    return len(stale)


# --- reminders ------------------------------------------------------------------------------------------------
def reminders_send(*, today=None) -> int:
    """Tell each unit what it still owes: reports of finished months, milestones due or overdue.

    Idempotent per day: a unit already reminded today is not reminded again. Returns units notified.
    """
    from org.models import Unit

    from ..selectors import unit_obligations

    today = _today(today)
    title = _("Projects: what your unit still owes (%(date)s)") % {"date": formats.date_format(today)}
    notified = 0
    units = Unit.objects.filter(projects__isnull=False).distinct()
    for unit in units:
        items = [item for item in unit_obligations(units=[unit], today=today) if item["remind"]]
        if not items:
            continue
        if Notice.objects.filter(unit=unit, title=title).exists():
            continue
        # Each line links to the item's own form; the notice's link is that form when one item is owed.
        lines = [f"· {item['project'].code} {item['project'].name}：{item['text']} {absolute_link(item['url'])}"
                 for item in items]
        link = items[0]["url"] if len(items) == 1 else reverse("projects:this_month")
        with transaction.atomic():
            kind = "not_reported" if any(item["overdue"] for item in items) else "report_reminder"
            if notify_unit(unit=unit, title=title, body="\n".join(lines), link=link, kind=kind):
                notified += 1
    return notified
