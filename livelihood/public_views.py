"""The public transparency site: no login, no cookies, cached for a minute and invalidated on change.

These views never touch the session or CSRF token, so a visitor gets no cookie.
"""


from django.contrib.syndication.views import Feed
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from gaoyou_portal import opendata

from .api.serializers import PublicTaskSerializer
from .cache import public_page
from .choices import TaskCategory, TaskStatus
from .filtersets import TaskFilterSet
from .models import LivelihoodTask, ProgressUpdate
from .selectors import available_years, current_year, status_counts

PAGE_SIZE = 20  # a page a phone scrolls through (100 made one 12,500 px column at 360 px)


def _filtered(request):
    """(filterset, queryset, year) for the request's filters; the year defaults to the current one."""
    data = request.GET.copy()
    if not data.get("year"):
        data["year"] = str(current_year())
    filterset = TaskFilterSet(data, queryset=LivelihoodTask.objects.public_related().order_by("number"))
    year = filterset.form.cleaned_data.get("year") if filterset.is_valid() else None
    return filterset, filterset.qs if filterset.is_valid() else None, int(year or current_year())


def _bad_filters(request, filterset, *, template=None):
    errors = {name: [str(e) for e in errs] for name, errs in filterset.errors.items()}
    if template is None:  # machine clients: keyed by the parameter's name
        return opendata.bad_parameters(errors)
    fields = filterset.form.fields
    errors = {str(fields[name].label) if name in fields else name: errs for name, errs in errors.items()}
    return render(request, template, {"filter": filterset, "bad_filters": errors, "years": []}, status=400)


@public_page("list")
def task_list(request):
    return list_page(request, "livelihood/public_list.html")


def list_page(request, template):
    """The list of tasks (filters, search, status counts, a page of tasks) in a template: the full page
    or the embeddable one."""
    filterset, queryset, year = _filtered(request)
    if queryset is None:
        return _bad_filters(request, filterset, template=template)
    page = Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))
    _label(page.object_list)
    counts = status_counts(LivelihoodTask.objects.for_year(year))
    context = {
        "filter": filterset,
        "page_obj": page,
        "tasks": page.object_list,
        "year": year,
        "years": available_years(),
        "counts": counts,
        "status_cards": [(s, TaskStatus(s).label, counts[s]) for s in TaskStatus.values],
        "filtered": any(request.GET.get(k) for k in ("q", "category", "status", "unit")),
    }
    return render(request, template, context)


def _label(tasks):
    """Status and category labels looked up once per page (get_FOO_display rebuilds its map every call)."""
    statuses, categories = dict(TaskStatus.choices), dict(TaskCategory.choices)
    for task in tasks:
        task.status_label, task.category_label = statuses[task.status], categories[task.category]


@public_page("detail")
def task_detail(request, year, number):
    return detail_page(request, year, number, "livelihood/public_detail.html", corrections=True)


def detail_page(request, year, number, template, corrections=False):
    updates = ProgressUpdate.objects.filter(published=True).order_by("-date", "-id")
    task = get_object_or_404(
        LivelihoodTask.objects.public_related().prefetch_related(
            Prefetch("updates", queryset=updates, to_attr="published_updates")
        ),
        year=year,
        number=number,
    )
    explanation = getattr(task, "explanation", None)
    context = {
        "task": task,
        "updates": task.published_updates,
        "explanation": explanation if explanation and explanation.is_public else None,
        "print": request.GET.get("print") == "1",
    }
    if corrections:  # the published answers (答复) and the correction form's address
        from .corrections import published_answers

        context["answers"] = published_answers(task=task)
        context["correction_url"] = reverse("corrections:task", args=[task.year, task.number])
    return render(request, template, context)


@public_page("print")
def task_print(request):
    filterset, queryset, year = _filtered(request)
    if queryset is None:
        return _bad_filters(request, filterset)
    context = {"tasks": queryset, "year": year, "counts": status_counts(LivelihoodTask.objects.for_year(year)),
               "generated": timezone.localtime()}
    return render(request, "livelihood/public_print.html", context)


def _rows(request, queryset):
    return PublicTaskSerializer(queryset, many=True, context={"request": request}).data


def open_data_csv(request):
    """The tasks as CSV (the same file as /open-data/livelihood-tasks.csv: the core's one builder)."""
    return opendata.download(request, opendata.get_dataset("livelihood-tasks"), "csv")


def open_data_json(request):
    return opendata.download(request, opendata.get_dataset("livelihood-tasks"), "json")


class UpdatesFeed(Feed):
    """Atom feed of the latest published progress updates."""

    feed_type = Atom1Feed
    limit = 50

    def title(self):
        return _("Gaoyou livelihood tasks: progress updates")

    def subtitle(self):
        return _("The latest published progress of the livelihood tasks pledged to the public.")

    def link(self):
        return reverse("livelihood:public_list")

    def items(self):
        return (
            ProgressUpdate.objects.filter(published=True)
            .select_related("task")
            .order_by("-published_at", "-id")[: self.limit]
        )

    def item_title(self, item):
        return f"{item.task.code} {item.task.title}: {item.percent}%"

    def item_description(self, item):
        return item.text

    def item_link(self, item):
        return f"{item.task.get_absolute_url()}#update-{item.pk}"

    def item_guid(self, item):
        return f"tag:gaoyou-portal,{item.task.year}:livelihood-update-{item.pk}"

    item_guid_is_permalink = False

    def item_pubdate(self, item):
        return item.published_at or item.created_at

    def item_updateddate(self, item):
        return item.published_at or item.created_at


updates_feed = public_page("feed")(UpdatesFeed())


def bench_trivial(request):
    """A trivial view for the load benchmark's baseline (mounted only when PORTAL_BENCH=1)."""
    return HttpResponse("ok", content_type="text/plain")

