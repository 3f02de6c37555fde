"""The open-data pages: the list of datasets with their data dictionaries, the downloads, the DCAT
catalogue, and the page for the county portal's editors (what to paste to embed the portal's pages).
Public: no login, no cookie, cached for a minute (the apps' own caches for the downloads)."""

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..public_cache import PublicCache
from . import LICENCE, LICENCE_URL, PUBLISHER, datasets, download, get_dataset
from .catalog import as_jsonld, as_turtle, nodes

# The catalogue gathers every app's data; no signal of an app reaches the core, so it is kept a minute at most.
catalogue_cache = PublicCache("opendata", seconds=60)


@catalogue_cache.page("index")
def index(request):
    entries = [{"dataset": d, "modified": d.modified()} for d in datasets()]
    context = {"entries": entries, "licence": LICENCE, "licence_url": LICENCE_URL, "publisher": PUBLISHER}
    return render(request, "opendata/index.html", context)


def dataset_file(request, key, fmt):
    dataset = get_dataset(key)
    if dataset is None:
        raise Http404
    return download(request, dataset, fmt)


@catalogue_cache.page("catalog-jsonld")
def catalog_jsonld(request):
    response = HttpResponse(as_jsonld(nodes(request)), content_type="application/ld+json; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="catalog.jsonld"'
    return response


@catalogue_cache.page("catalog-ttl")
def catalog_ttl(request):
    response = HttpResponse(as_turtle(nodes(request)), content_type="text/turtle; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="catalog.ttl"'
    return response


EMBEDS = [
    ("livelihood_embed:list", gettext_lazy("The pledged livelihood tasks, with their filters and search"), 900),
    ("targets_embed:list", gettext_lazy("The year's public plan"), 900),
]


@catalogue_cache.page("embed")
def embed_help(request):
    """What the county portal's editors paste to show the tasks or the plan in a column of their site."""
    host_script = request.build_absolute_uri("/static/js/embed-host.js")
    blocks = []
    for url_name, title, height in EMBEDS:
        url = request.build_absolute_uri(reverse(url_name))
        blocks.append({"title": title, "url": reverse(url_name), "height": height,
                       "snippet": _snippet(url, title, height, host_script)})
    task_url = request.build_absolute_uri("/embed/livelihood/<年度>/<编号>/")
    context = {"blocks": blocks, "task_url": task_url,
               "task_snippet": _snippet(task_url, _("One livelihood task"), 420, host_script)}
    return render(request, "opendata/embed.html", context)


def _snippet(url, title, height, host_script):
    return (f'<iframe src="{url}" title="{title}" data-gaoyou-embed loading="lazy"\n'
            f'        style="width:100%;height:{height}px;border:0"></iframe>\n'
            f'<script src="{host_script}" defer></script>')
