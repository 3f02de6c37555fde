"""The plan's pieces of the shared pages: the public headline strip, the staff dashboard panel and the
block on a unit's "this month" page."""

from django.urls import reverse
from django.utils.translation import gettext as _

from . import history, selectors
from .cache import public_cache
from .choices import Status
from .models import Target, TargetSettings
from .permissions import is_staff


def _public_counts():
    plan = selectors.current_plan()
    if plan is None:
        return None
    rows = selectors.evaluate_targets(Target.objects.public().filter(plan=plan).select_related("plan"))
    if not rows:
        return None
    counts = {s: 0 for s in Status.values}
    for row in rows:
        counts[row.evaluation.status] += 1
    return {"year": plan.year, "total": len(rows), "counts": counts}


def public_summary():
    """Headline strip of the home page: the public targets done, on track and behind."""

    def compute():
        data = _public_counts()
        if not data:
            return None
        total, counts = data["total"], data["counts"]
        return {
            "title": _("%(year)s plan targets") % {"year": data["year"]},
            "figures": [
                (Status.DONE.label, f"{counts[Status.DONE]} / {total}"),
                (Status.ON_TRACK.label, f"{counts[Status.ON_TRACK]} / {total}"),
                (_("Behind or at risk"), f"{counts[Status.BEHIND] + counts[Status.AT_RISK]} / {total}"),
                (Status.MISSED.label, f"{counts[Status.MISSED]} / {total}"),
            ],
            "url": reverse("targets:public_list"),
            "link_label": _("See the whole plan"),
            "order": 5,
        }

    return public_cache.value("summary", compute) or None


def dashboard_panel(request):
    user = request.user
    if not is_staff(user):
        return None
    plan = selectors.current_plan()
    if plan is None:
        return None
    data = selectors.board(user=user, plan=plan)
    if not data["total"]:
        return None
    return {
        "title": _("%(year)s plan targets") % {"year": plan.year},
        "template": "targets/_panel.html",
        "context": {"counts": [(s, Status(s).label, data["counts"][s]) for s in Status.values],
                    "behind": data["behind"][:6],
                    "headline": history.headline(plan=plan, targets=Target.objects.visible_to(user))},
        "url": reverse("targets:board"),
        "link_label": _("Targets board"),
        "order": 5,
    }


def month_panel(request, units):
    """The unit's reported targets due this month, entered or not, with a link to enter them."""
    unit_ids = [u.pk for u in units]
    config = TargetSettings.load()
    month, items = selectors.unit_month_items(unit_ids=unit_ids, config=config)
    if not items:
        return None
    by_id = {u.pk: u for u in units}
    for item in items:
        item["unit"] = by_id[item["unit_id"]]
        item["url"] = selectors.value_form_url(item["target"], item["unit_id"], month)
    owing = sum(1 for i in items if not i["entered"])
    return {
        "title": _("Plan targets due"),
        "template": "targets/_month_panel.html",
        "context": {"items": items, "month": month, "owing": owing, "config": config, "units": units},
        "url": reverse("targets:mine"),
        "link_label": _("My targets"),
        "order": 20,
    }
