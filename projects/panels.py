"""The projects app's pieces of the shared pages: dashboard panel, unit panel, public summary."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from gaoyou_portal.roles import unit_ids_of

from . import selectors
from .lights import light_reasons
from .models import Project, ProjectSettings
from .permissions import reads_overview, reports_for_units

PANEL_TEMPLATE = "projects/_panel.html"


def _lagging(queryset, config, limit=8):
    projects = list(
        queryset.lagging().select_related("responsible_unit")
        .order_by("light_rank", "code")[:limit]
    )
    for project in projects:
        project.reasons = light_reasons(project, config)
    return projects


def dashboard_panel(request):
    """Reporters: what their units owe and their lagging projects. Leaders and office: lights, non-reporters."""
    user = request.user
    if not user.is_authenticated:
        return None
    config = ProjectSettings.load()
    context = {}
    if reads_overview(user):
        overview = selectors.reporting_overview(config=config)
        context["counts"] = {light: sum(row[light] for row in overview["rows"]) for light in ("red", "yellow", "green")}
        context["missing_units"] = sum(1 for row in overview["rows"] if row["missing_due"])
        context["projects"] = _lagging(Project.objects.all(), config, limit=6)
        url = reverse("projects:overview")
    elif reports_for_units(user):
        units = list(unit_ids_of(user))
        mine = Project.objects.filter(responsible_unit__in=units)
        if not mine.exists():
            return None
        context["owing"] = len(selectors.unit_obligations(units=units, today=timezone.localdate(), config=config))
        context["projects"] = _lagging(mine, config)
        url = reverse("projects:this_month")
    else:
        return None
    return {"title": _("Major projects"), "template": PANEL_TEMPLATE, "context": context, "url": url,
            "link_label": _("Go to projects"), "order": 10}


def unit_panel(request, unit):
    """A unit's page: its yellow and red projects first, then the rest."""
    config = ProjectSettings.load()
    projects = list(
        Project.objects.visible_to(request.user).filter(responsible_unit=unit).order_by("light_rank", "code")[:15]
    )
    if not projects:
        return None
    for project in projects:
        project.reasons = light_reasons(project, config)
    return {"title": _("Major projects"), "template": PANEL_TEMPLATE, "context": {"projects": projects},
            "url": reverse("projects:project_list") + f"?unit={unit.pk}", "link_label": _("All"), "order": 10}


def public_summary():
    """Headline figures, each labelled with what it counts: started and completed in any year (累计), and the
    provincial and Yangzhou-level projects started this year from the same metrics as the plan's targets
    (E02, E03), so the home and the board give one number for one thing."""
    from gaoyou_portal import registry

    counts = selectors.public_counts()
    if not counts["total"]:
        return None
    today = timezone.localdate()
    metrics = {code: registry.metric_figure(code, year=today.year, deadline=today)
               for code in ("projects.provincial_started", "projects.prefecture_started")}
    return {
        "title": _("Major projects"),
        "figures": [
            (_("Major projects tracked"), counts["total"]),
            (_("Started, all years"), counts["started"]),
            (_("Completed, all years"), counts["completed"]),
            (_("Provincial projects started this year"),
             f"{metrics['projects.provincial_started']} / {counts['provincial']}"),
            (_("Yangzhou-level projects started this year"), metrics["projects.prefecture_started"]),
        ],
        "metrics": metrics,
        "order": 10,
    }


# --- metrics for the plan's derived targets (registered in apps.py) ------------------------------------------
def _started(level, year, deadline):
    from django.db.models import Exists, OuterRef

    from .choices import MilestoneKind
    from .models import Milestone

    started = Milestone.objects.filter(project=OuterRef("pk"), kind=MilestoneKind.STARTED,
                                       actual_date__year=year, actual_date__lte=deadline)
    return Project.objects.filter(level=level).annotate(counted=Exists(started))


def _started_records(level, year, deadline):
    from django.db.models import FilteredRelation, Q

    from .choices import MilestoneKind

    projects = (_started(level, year, deadline).select_related("responsible_unit")
                .annotate(start=FilteredRelation("milestones", condition=Q(milestones__kind=MilestoneKind.STARTED)))
                .values("pk", "code", "name", "counted", "start__planned_date", "start__actual_date",
                        "responsible_unit__name").order_by("-counted", "code"))
    rows = []
    for p in projects:
        actual, planned = p["start__actual_date"], p["start__planned_date"]
        note = (_("started %(date)s") % {"date": actual} if actual
                else _("start planned %(date)s") % {"date": planned} if planned else _("no start date planned"))
        rows.append({"label": f"{p['code']} {p['name']}", "url": reverse("projects:project_detail", args=[p["pk"]]),
                     "counted": p["counted"], "note": f"{p['responsible_unit__name']} · {note}"})
    return rows


def register_metrics():
    from gaoyou_portal import registry

    from .choices import ProjectLevel

    for code, level, label in (
        ("projects.provincial_started", ProjectLevel.PROVINCIAL, _("Provincial major projects started this year")),
        ("projects.prefecture_started", ProjectLevel.PREFECTURE, _("Yangzhou-level projects started this year")),
    ):
        registry.metric(
            code, label, unit="个",
            compute=lambda *, year, deadline, level=level: _started(level, year, deadline).filter(counted=True).count(),
            records=lambda *, year, deadline, level=level: _started_records(level, year, deadline),
            order=10,
        )
