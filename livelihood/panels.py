"""The livelihood blocks of the public home page and of the staff dashboard."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from gaoyou_portal import registry

from .cache import cached_value
from .choices import TaskStatus
from .models import LivelihoodTask
from .permissions import is_staff
from .selectors import current_year, status_counts


def _figures():
    year = current_year()
    counts = status_counts(LivelihoodTask.objects.for_year(year))
    return year, counts


def public_summary():
    """Headline figures for the home page: completed / in progress / overdue of the year's tasks."""

    def compute():
        year, counts = _figures()
        if not counts["total"]:
            return None
        total = counts["total"]
        # Completed: the plan's L01 counts the same metric, so the home and the board agree.
        completed = registry.metric_figure("livelihood.tasks_completed", year=year, deadline=timezone.localdate())
        return {
            "title": _("%(year)s livelihood tasks") % {"year": year},
            "metrics": {"livelihood.tasks_completed": completed},
            "figures": [
                (pgettext("livelihood", "Completed"), f"{completed} / {total}"),
                (_("In progress"), f"{counts[TaskStatus.IN_PROGRESS]} / {total}"),
                (_("Overdue"), f"{counts[TaskStatus.OVERDUE]} / {total}"),
            ]
            + ([(_("Not started"), f"{counts[TaskStatus.NOT_STARTED]} / {total}")]
               if counts[TaskStatus.NOT_STARTED] else []),
            "url": reverse("livelihood:public_list"),
            "link_label": _("See every task"),
            "order": 10,
        }

    return cached_value("summary", compute) or None


def dashboard_panel(request):
    if not is_staff(request.user):
        return None
    year, counts = _figures()
    return {
        "title": _("%(year)s livelihood tasks") % {"year": year},
        "template": "livelihood/_panel.html",
        "context": {"counts": counts, "year": year, "statuses": [(s, TaskStatus(s).label, counts[s])
                                                                   for s in TaskStatus.values]},
        "url": reverse("livelihood:task_list"),
        "link_label": _("All tasks"),
        "order": 30,
    }


# --- metric for the plan's derived targets (registered in apps.py) -------------------------------------------
def _tasks_completed_qs(year, deadline):
    from django.db.models import BooleanField, ExpressionWrapper, Q

    done = Q(status=TaskStatus.COMPLETED) & (Q(completed_on__isnull=True) | Q(completed_on__lte=deadline))
    return LivelihoodTask.objects.filter(year=year).annotate(counted=ExpressionWrapper(done, BooleanField()))


def _tasks_completed_records(year, deadline):
    statuses = dict(TaskStatus.choices)
    rows = (_tasks_completed_qs(year, deadline).values("pk", "number", "title", "status", "counted", "completed_on")
            .order_by("-counted", "number"))
    return [{"label": f"{r['number']:03d} {r['title']}", "url": reverse("livelihood:task_detail", args=[r["pk"]]),
             "counted": r["counted"], "note": str(statuses.get(r["status"], r["status"]))} for r in rows]


def register_metrics():
    from gaoyou_portal import registry

    registry.metric(
        "livelihood.tasks_completed", _("Livelihood tasks completed"), unit="件",
        compute=lambda *, year, deadline: _tasks_completed_qs(year, deadline).filter(counted=True).count(),
        records=_tasks_completed_records, order=30,
    )


def explanations_owed(request, units):
    """On the lead unit's "本月": each task of an ended year, not completed, whose explanation is not approved."""
    from .services import needs_explanation_q

    tasks = LivelihoodTask.objects.filter(needs_explanation_q(), lead_unit__in=units).order_by("year", "number")
    return [{"text": _("Livelihood task %(year)s No. %(number)s “%(title)s”: not completed by year end, an "
                       "explanation to citizens is owed") % {"year": t.year, "number": t.number, "title": t.title},
             "url": reverse("livelihood:explanation_edit", args=[t.pk])} for t in tasks]
