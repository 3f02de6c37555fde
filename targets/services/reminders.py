"""The reminders to lead units whose values are owed."""


from django.db import transaction
from django.utils import formats
from django.utils.translation import gettext as _

from gaoyou_portal.reporting import month_label

from .. import selectors
from ..choices import TargetKind
from ..models import Quota, Target, TargetSettings
from .common import _today


# --- reminders ----------------------------------------------------------------------------------------------------
def reminders_send(*, today=None) -> int:
    """Tell each unit which reported targets' values it still owes for the month open now (the same days as
    the project reminders: the 1st and the 4th). Idempotent per day; returns the number of units notified."""
    from django.urls import reverse

    from notify.channels import absolute_link
    from org.models import Notice, Unit
    from org.services import notify_unit

    today = _today(today)
    config = TargetSettings.load()
    title = _("Plan targets: values your unit still owes (%(date)s)") % {"date": formats.date_format(today)}
    unit_ids = set(Quota.objects.filter(target__kind=TargetKind.REPORTED, target__is_confidential=False)
                   .values_list("unit_id", flat=True))
    unit_ids |= set(Target.objects.filter(kind=TargetKind.REPORTED, is_confidential=False, quotas__isnull=True)
                    .values_list("lead_unit_id", flat=True))
    notified = 0
    for unit in Unit.objects.filter(pk__in=unit_ids):
        month, items = selectors.unit_month_items(unit_ids=[unit.pk], today=today, config=config)
        owed = [i for i in items if not i["entered"]]
        if not owed or Notice.objects.filter(unit=unit, title=title).exists():
            continue
        deadline = formats.date_format(config.calendar.deadline(month))
        lines = [_("%(month)s values are due by %(date)s:") % {"month": month_label(month), "date": deadline}]
        # Each line links to the value's own form (the unit and month named); one item owed: the notice too.
        urls = [selectors.value_form_url(i["target"], unit.pk, month) for i in owed]
        lines += [f"· {i['target'].code} {i['target'].title} {absolute_link(url)}" for i, url in zip(owed, urls,
                                                                                                     strict=True)]
        link = urls[0] if len(urls) == 1 else reverse("targets:mine")
        with transaction.atomic():
            if notify_unit(unit=unit, title=title, body="\n".join(lines), link=link):
                notified += 1
    return notified
