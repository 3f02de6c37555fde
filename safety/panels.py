"""The safety ledgers on the shared pages: the staff dashboard panel and the public home summary."""

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from .choices import OPEN_STATES, CaseState
from .models import ChemicalFirm, GarmentWorkshop
from .permissions import is_staff
from .selectors import public_counts


def dashboard_panel(request):
    """Struck off out of all cases per ledger, the overdue and the reopened (2 queries)."""
    user = request.user
    if not is_staff(user):
        return None
    today = timezone.localdate()
    rows, overdue, reopened = [], 0, 0
    for label, model in ((_("Chemical firms struck off"), ChemicalFirm),
                         (_("Garment workshops struck off"), GarmentWorkshop)):
        counts = model.objects.visible_to(user).aggregate(
            total=Count("id"),
            done=Count("id", filter=Q(state=CaseState.CLOSED_OUT)),
            overdue=Count("id", filter=Q(deadline__lt=today, state__in=OPEN_STATES)),
            reopened=Count("id", filter=Q(raised_to_leaders=True)),
        )
        rows.append((label, counts["done"], counts["total"]))
        overdue += counts["overdue"]
        reopened += counts["reopened"]
    return {
        "title": _("Safety rectification"),
        "template": "safety/_panel.html",
        "context": {"rows": rows, "overdue": overdue, "reopened": reopened},
        "url": reverse("safety:board"),
        "link_label": _("Progress board"),
        "order": 40,
    }


def public_summary():
    """Counts only; firm-level detail only for cases made public. Each disposition's cases struck off come
    from the metric the plan's targets (L06–L11) count with, under the same words, so the home and the board
    agree; what remains open comes from the ledgers."""
    from gaoyou_portal import registry

    counts = public_counts()
    firms, workshops = counts["firms"], counts["workshops"]
    if not any(firms.values()) and not any(workshops.values()):
        return None
    today = timezone.localdate()
    codes = ("safety.firms_closed", "safety.firms_rectified", "safety.firms_relocated", "safety.firms_retained",
             "safety.workshops_shut", "safety.workshops_rectified")
    metrics = {code: registry.metric_figure(code, year=today.year, deadline=today) for code in codes}
    labels = {m.code: m.label for m in registry.metrics()}
    figures = [(labels[code], metrics[code]) for code in codes[:4]]
    figures.append((_("Chemical firms remaining"), firms["remaining"]))
    figures += [(labels[code], metrics[code]) for code in codes[4:]]
    figures.append((_("Garment workshops remaining"), workshops["remaining"]))
    return {"title": _("Safety rectification"), "figures": figures, "metrics": metrics,
            "url": reverse("safety:public"), "order": 40}


# --- metrics for the plan's derived targets (registered in apps.py) ------------------------------------------
def _struck_off_by(deadline):
    """Struck off on or before ``deadline`` (a local date), as a range on the timestamp so that an index
    serves it: before the local midnight that ends the deadline."""
    from datetime import datetime, time, timedelta

    end = timezone.make_aware(datetime.combine(deadline + timedelta(days=1), time.min))
    return Q(state=CaseState.CLOSED_OUT, closed_out_at__lt=end)


def _closed_out(model, disposition, deadline):
    from django.db.models import BooleanField, ExpressionWrapper

    done = _struck_off_by(deadline)
    return model.objects.filter(disposition=disposition).annotate(counted=ExpressionWrapper(done, BooleanField()))


def _closed_out_records(model, disposition, deadline):
    states = dict(CaseState.choices)
    rows = (_closed_out(model, disposition, deadline).values("pk", "name", "state", "counted", "town__name")
            .order_by("-counted", "town__order", "name"))
    return [{"label": r["name"], "url": model(pk=r["pk"]).get_absolute_url(), "counted": r["counted"],
             "note": f"{r['town__name']} · {states.get(r['state'], r['state'])}"} for r in rows]


def register_metrics():
    from gaoyou_portal import registry

    from .choices import FirmDisposition, WorkshopDisposition

    for code, model, disposition, label, unit in (
        ("safety.firms_closed", ChemicalFirm, FirmDisposition.CLOSE, _("Chemical firms closed (struck off)"), "家"),
        ("safety.firms_rectified", ChemicalFirm, FirmDisposition.RECTIFY,
         _("Chemical firms rectified (struck off)"), "家"),
        ("safety.firms_relocated", ChemicalFirm, FirmDisposition.RELOCATE,
         _("Chemical firms relocated (struck off)"), "家"),
        ("safety.firms_retained", ChemicalFirm, FirmDisposition.RETAIN_UPGRADE,
         _("Chemical firms retained and upgraded (struck off)"), "家"),
        ("safety.workshops_shut", GarmentWorkshop, WorkshopDisposition.SHUT,
         _("Garment workshops shut (struck off)"), "家"),
        ("safety.workshops_rectified", GarmentWorkshop, WorkshopDisposition.RECTIFY,
         _("Garment workshops rectified (struck off)"), "家"),
    ):
        registry.metric(
            code, label, unit=unit,
            compute=lambda *, year, deadline, m=model, d=disposition: m.objects.filter(
                _struck_off_by(deadline), disposition=d).count(),
            records=lambda *, year, deadline, m=model, d=disposition: _closed_out_records(m, d, deadline),
            order=40,
        )
