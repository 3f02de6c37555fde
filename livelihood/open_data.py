"""The livelihood datasets of the open data (gaoyou_portal/opendata): the pledged tasks and their published
progress updates, with their data dictionaries. Only public fields: never the internal note."""

from django.db.models import Max
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from gaoyou_portal.opendata import BadParameters, Dataset, Field, Rows, choices_text, register

from .cache import public_cache
from .choices import TaskCategory, TaskStatus
from .models import LivelihoodTask, ProgressUpdate
from .public_views import _filtered, _rows
from .selectors import current_year

TASK_FIELDS = (
    Field("id", "integer", _("identifier"), _("The task's identifier in the portal (stable across files)."), csv=False),
    Field("year", "integer", _("year"), _("The year the task was pledged for."), _("four digits, e.g. 2026")),
    Field("number", "integer", _("number"), _("The task's number in the year's list."), _("1 and up")),
    Field("title", "text", pgettext_lazy("livelihood", "title"), _("The name of the task.")),
    Field("category", "text", _("category code"), _("The kind of task, as a code."), choices_text(TaskCategory),
          csv=False),
    Field("category_label", "text", _("category"), _("The kind of task, in words.")),
    Field("target", "text", _("what will be delivered"), _("What the task will deliver, as pledged.")),
    Field("status", "text", _("status code"), _("Where the task stands, as a code."), choices_text(TaskStatus),
          csv=False),
    Field("status_label", "text", _("status"), _("Where the task stands, in words.")),
    Field("percent", "integer", _("percent complete"), _("How much of the task is done, as the unit last reported."),
          _("0 to 100")),
    Field("deadline", "date", pgettext_lazy("livelihood", "deadline"),
          _("The date the task is pledged to be done by.")),
    Field("completed_on", "date", _("completed on"), _("The day the task was confirmed complete; empty until then.")),
    Field("lead_unit", "text", _("lead unit"), _("The unit that leads the task and answers for it.")),
    Field("responsible_units", "list", _("responsible units"),
          _("Every unit that carries out the task (in the CSV: names joined by 、).")),
    Field("responsible_leader", "text", _("responsible leader"), _("The city leader answerable for the task.")),
    Field("explanation", "object", _("explanation"),
          _("For a task not done by year end: why, what happens next and the new date; empty otherwise."),
          csv=False),
    Field("url", "url", _("link"), _("The task's page on the portal.")),
)

UPDATE_FIELDS = (
    Field("task_year", "integer", _("year"), _("The year of the task the update belongs to.")),
    Field("task_number", "integer", _("task number"), _("The number of the task in the year's list.")),
    Field("task_title", "text", _("task"), _("The name of the task.")),
    Field("date", "date", _("date"), _("The day the progress was reached.")),
    Field("percent", "integer", _("percent complete"), _("How much of the task was done on that day."),
          _("0 to 100")),
    Field("text", "text", _("what was done"), _("What was done, as the unit published it.")),
    Field("published_at", "datetime", pgettext_lazy("public site", "published at"),
          _("When the update was published on the portal.")),
    Field("url", "url", _("link"), _("The update on the task's page.")),
)


def _year(request):
    raw = request.GET.get("year") or ""
    if not raw:
        return current_year()
    if not (raw.isdigit() and len(raw) == 4):
        raise BadParameters({"year": [str(_("Enter a year of four digits."))]})
    return int(raw)


def task_rows(request):
    filterset, queryset, year = _filtered(request)
    if queryset is None:
        raise BadParameters({name: [str(e) for e in errs] for name, errs in filterset.errors.items()})
    return Rows(items=[dict(row) for row in _rows(request, queryset)], filename=f"livelihood-tasks-{year}",
                meta={"year": year})


def update_rows(request):
    year = _year(request)
    updates = (ProgressUpdate.objects.filter(published=True, task__year=year).select_related("task")
               .order_by("task__number", "date", "id"))
    items = [{
        "task_year": u.task.year, "task_number": u.task.number, "task_title": u.task.title, "date": u.date,
        "percent": u.percent, "text": u.text, "published_at": u.published_at,
        "url": request.build_absolute_uri(f"{u.task.get_absolute_url()}#update-{u.pk}"),
    } for u in updates]
    return Rows(items=items, filename=f"livelihood-updates-{year}", meta={"year": year})


def register_datasets():
    register(Dataset(
        key="livelihood-tasks",
        title=_("Livelihood tasks pledged to the public"),
        description=_("The practical tasks the city has pledged to complete in the year: what each delivers, who "
                      "is answerable, the deadline, the progress and, for a task not done by year end, the "
                      "explanation to citizens."),
        fields=TASK_FIELDS, rows=task_rows, cache=public_cache, items_key="tasks",
        modified=lambda: LivelihoodTask.objects.aggregate(m=Max("updated_at"))["m"],
        keywords=(_("livelihood"), _("public pledge")), page_url=lambda: reverse("livelihood:public_list"),
        parameters=_("?year= a year (default: this year); ?status=, ?category=, ?q= as on the list page"), order=10,
    ))
    register(Dataset(
        key="livelihood-updates",
        title=_("Progress updates of the livelihood tasks"),
        description=_("Every published progress update of the year's livelihood tasks: the day, the percent "
                      "complete and what was done."),
        fields=UPDATE_FIELDS, rows=update_rows, cache=public_cache, items_key="updates",
        modified=lambda: ProgressUpdate.objects.filter(published=True).aggregate(m=Max("published_at"))["m"],
        keywords=(_("livelihood"), pgettext_lazy("open data keyword", "progress")),
        page_url=lambda: reverse("livelihood:public_list"),
        parameters=_("?year= a year (default: this year)"), order=20,
    ))
