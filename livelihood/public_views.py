"""The public transparency site: no login, no cookies, cached for a minute and invalidated on change.

These views never touch the session or CSRF token, so a visitor gets no cookie.
"""

import csv
import json

from django.contrib.syndication.views import Feed
from django.core.paginator import Paginator
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Prefetch
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from .api.serializers import PublicTaskSerializer
from .cache import public_page
from .choices import TaskCategory, TaskStatus
from .filtersets import TaskFilterSet
from .models import LivelihoodTask, ProgressUpdate
from .selectors import available_years, current_year, status_counts

PAGE_SIZE = 20  # a page a phone scrolls through (100 made one 12,500 px column at 360 px)
CSV_COLUMNS = [
    ("year", gettext_lazy("year")), ("number", gettext_lazy("number")), ("title", pgettext_lazy("livelihood", "title")),
    ("category_label", gettext_lazy("category")), ("target", gettext_lazy("what will be delivered")),
    ("status_label", gettext_lazy("status")), ("percent", gettext_lazy("percent complete")),
    ("deadline", pgettext_lazy("livelihood", "deadline")), ("completed_on", gettext_lazy("completed on")),
    ("lead_unit", gettext_lazy("lead unit")), ("responsible_units", gettext_lazy("responsible units")),
    ("responsible_leader", gettext_lazy("responsible leader")), ("url", gettext_lazy("link")),
]


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
        return JsonResponse({"errors": errors}, status=400, json_dumps_params={"ensure_ascii": False})
    fields = filterset.form.fields
    errors = {str(fields[name].label) if name in fields else name: errs for name, errs in errors.items()}
    return render(request, template, {"filter": filterset, "bad_filters": errors, "years": []}, status=400)


@public_page("list")
def task_list(request):
    filterset, queryset, year = _filtered(request)
    if queryset is None:
        return _bad_filters(request, filterset, template="livelihood/public_list.html")
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
    return render(request, "livelihood/public_list.html", context)


def _label(tasks):
    """Status and category labels looked up once per page (get_FOO_display rebuilds its map every call)."""
    statuses, categories = dict(TaskStatus.choices), dict(TaskCategory.choices)
    for task in tasks:
        task.status_label, task.category_label = statuses[task.status], categories[task.category]


@public_page("detail")
def task_detail(request, year, number):
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
    return render(request, "livelihood/public_detail.html", context)


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


@public_page("csv")
def open_data_csv(request):
    filterset, queryset, year = _filtered(request)
    if queryset is None:
        return _bad_filters(request, filterset)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="livelihood-tasks-{year}.csv"'
    response.write("\ufeff")  # Excel opens UTF-8 CSV correctly only with a BOM
    writer = csv.writer(response)
    writer.writerow([str(label) for _key, label in CSV_COLUMNS])
    for row in _rows(request, queryset):
        row["responsible_units"] = "、".join(row["responsible_units"])
        writer.writerow([_csv_safe(row[key]) for key, _label in CSV_COLUMNS])
    return response


def _csv_safe(value):
    """No cell may start like a formula when opened in a spreadsheet (CSV injection)."""
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text


@public_page("json")
def open_data_json(request):
    filterset, queryset, year = _filtered(request)
    if queryset is None:
        return _bad_filters(request, filterset)
    payload = {
        "year": year,
        "generated": timezone.localtime().isoformat(timespec="seconds"),
        "licence": _("Open data of Gaoyou Municipal People's Government; free to reuse with attribution."),
        "count": queryset.count(),
        "tasks": _rows(request, queryset),
    }
    response = HttpResponse(
        json.dumps(payload, cls=DjangoJSONEncoder, ensure_ascii=False, indent=1),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = f'inline; filename="livelihood-tasks-{year}.json"'
    return response


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

