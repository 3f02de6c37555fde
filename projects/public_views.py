"""The public major projects: the projects the office published, with the fields it made public. No login,
no cookies, cached for a minute and invalidated on change (projects/cache.py)."""

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse

from .cache import public_cache
from .public_records import public_projects, public_record

PAGE_SIZE = 30


@public_cache.page("list")
def project_list(request):
    page = Paginator(public_projects(), PAGE_SIZE).get_page(request.GET.get("page"))
    records = [public_record(p) for p in page.object_list]
    return render(request, "projects/public_list.html", {"page_obj": page, "projects": records})


@public_cache.page("detail")
def project_detail(request, code):
    project = public_projects().filter(code=code).first()
    if project is None:
        raise Http404
    from livelihood.corrections import published_answers

    return render(request, "projects/public_detail.html", {
        "project": public_record(project), "answers": published_answers(project=project),
        "correction_url": reverse("corrections:project", args=[project.code])})
