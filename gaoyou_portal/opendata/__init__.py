"""Open data: the public datasets every app declares, their data dictionary, and the one builder of their
CSV and JSON files (``/open-data/<key>.csv|json``), listed in a DCAT catalogue (``catalog.py``).

An app declares a dataset in its ``AppConfig.ready()`` with ``register(Dataset(...))``: its fields (the
data dictionary, in Chinese: name, type, meaning, allowed values), a ``rows(request)`` callable returning
``Rows`` (only public fields: nothing internal, no cadre field, no phone number), a ``modified()`` callable
and the app's public cache (gaoyou_portal/public_cache.py), so a download is cached and invalidated with
the pages that show the same records. The core imports no app: it only knows what was registered.
"""

import csv
import json
from dataclasses import dataclass, field

from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse, JsonResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

PUBLISHER = _("Gaoyou Municipal People's Government")
LICENCE = _("Open data of Gaoyou Municipal People's Government; free to reuse with attribution.")
LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/"

# DCAT accrualPeriodicity (the Dublin Core frequency vocabulary) and how the dictionary names it.
FREQUENCIES = {
    "daily": ("http://purl.org/cld/freq/daily", _("daily")),
    "monthly": ("http://purl.org/cld/freq/monthly", _("monthly")),
    "annual": ("http://purl.org/cld/freq/annual", _("annual")),
}

# The types of the data dictionary: (JSON type, label shown to readers).
TYPES = {
    "integer": _("whole number"),
    "decimal": _("decimal number (as text)"),
    "text": pgettext_lazy("data type", "text"),
    "date": _("date (year-month-day, e.g. 2026-12-07)"),
    "datetime": _("date and time (Beijing time, e.g. 2026-12-07T10:00:00+08:00)"),
    "url": _("web address"),
    "list": _("list of texts"),
    "object": _("object"),
    "boolean": _("true or false"),
}


@dataclass(frozen=True)
class Field:
    """One field of a dataset, as its data dictionary explains it."""

    name: str
    type: str  # a key of TYPES
    label: str  # the CSV file's column header
    meaning: str
    values: object = ""  # the allowed values or range, when they are limited (a callable: computed when shown)
    csv: bool = True  # a column of the CSV file (objects and long lists stay in the JSON)

    @property
    def type_label(self):
        return TYPES[self.type]


@dataclass
class Rows:
    """What a dataset's ``rows(request)`` returns: plain dicts keyed by field name, and the file's name."""

    items: list
    filename: str
    meta: dict = field(default_factory=dict)  # extra top-level keys of the JSON file (the year)


class BadParameters(Exception):
    """The request's parameters do not select data; ``errors`` is keyed by the parameter's name."""

    def __init__(self, errors):
        super().__init__(errors)
        self.errors = errors


@dataclass(frozen=True)
class Dataset:
    key: str  # the address: /open-data/<key>.csv
    title: str
    description: str
    fields: tuple
    rows: object  # (request) -> Rows
    modified: object  # () -> datetime | None: when the data last changed
    cache: object  # the app's PublicCache
    items_key: str = "items"  # the JSON file's list
    frequency: str = "daily"
    keywords: tuple = ()
    page_url: object = None  # () -> the public page that shows the data, if any
    parameters: str = ""  # what the download accepts (?year=), for the dictionary
    extra_files: tuple = ()  # more distributions: (URL name, media type, format, title), e.g. OC4IDS
    order: int = 100
    # Large files of a dataset without parameters: built in the background after a change and kept until
    # the next one (stored.py), so that no request waits for a build.
    stored: bool = False

    @property
    def frequency_uri(self):
        return FREQUENCIES[self.frequency][0]

    @property
    def frequency_label(self):
        return FREQUENCIES[self.frequency][1]

    def csv_fields(self):
        return [f for f in self.fields if f.csv]


_datasets: dict = {}


def register(dataset):
    unknown = [f.name for f in dataset.fields if f.type not in TYPES]
    if unknown:
        raise ValueError(f"dataset {dataset.key}: unknown type for {unknown}")
    _datasets[dataset.key] = dataset
    if dataset.stored:
        from .stored import stored_file

        for fmt in ("csv", "json"):
            stored_file(f"open-data-{dataset.key}-{fmt}", cache=dataset.cache, build=_builder(dataset, fmt))
    return dataset


def datasets():
    return sorted(_datasets.values(), key=lambda d: (d.order, d.key))


def get_dataset(key):
    return _datasets.get(key)


# --- the one builder of the files ----------------------------------------------------------------------------
def csv_safe(value):
    """No cell may start like a formula when opened in a spreadsheet (CSV injection)."""
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text


def _cell(value):
    if isinstance(value, list | tuple):
        return "、".join(str(v) for v in value)
    return value


def csv_response(dataset, rows):
    """The dataset as CSV: a header of the fields' labels (Chinese), one row per item; Excel-ready (BOM)."""
    columns = dataset.csv_fields()
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{rows.filename}.csv"'
    response.write("\ufeff")  # Excel opens UTF-8 CSV correctly only with a BOM
    writer = csv.writer(response)
    writer.writerow([str(f.label) for f in columns])
    for item in rows.items:
        writer.writerow([csv_safe(_cell(item.get(f.name))) for f in columns])
    return response


def json_response(dataset, rows):
    """The dataset as JSON: what it is, under which licence, when generated, and its items."""
    payload = {
        **rows.meta,
        "dataset": dataset.key,
        "title": str(dataset.title),
        "publisher": str(PUBLISHER),
        "generated": timezone.localtime().isoformat(timespec="seconds"),
        "licence": str(LICENCE),
        "licence_url": LICENCE_URL,
        "count": len(rows.items),
        dataset.items_key: rows.items,
    }
    return json_file(payload, f"{rows.filename}.json")


def json_file(payload, filename, *, indent=1):
    """A published JSON file (a dataset, the OC4IDS package): UTF-8 text as written (no \\u escapes), dates and
    decimals as Django writes them, shown in the browser under ``filename``."""
    response = HttpResponse(json.dumps(payload, cls=DjangoJSONEncoder, ensure_ascii=False, indent=indent),
                            content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def bad_parameters(errors):
    """A machine client's bad query parameters: 400 with ``{"errors": {parameter: [messages]}}``."""
    return JsonResponse({"errors": errors}, status=400, json_dumps_params={"ensure_ascii": False})


def _builder(dataset, fmt):
    def build(request):
        try:
            rows = dataset.rows(request)
        except BadParameters as exc:
            return bad_parameters(exc.errors)
        return csv_response(dataset, rows) if fmt == "csv" else json_response(dataset, rows)

    return build


def download(request, dataset, fmt):
    """A dataset's file in a format (``csv`` or ``json``): its stored build, or through the app's public cache."""
    if dataset.stored:  # no parameters: a query string (a cache-buster) gets the same stored file
        from .stored import get_stored

        return get_stored(f"open-data-{dataset.key}-{fmt}").response(request)
    return dataset.cache.page(f"open-data-{dataset.key}-{fmt}")(_builder(dataset, fmt))(request)


def choices_text(choices):
    """The allowed values of a field with choices, for the dictionary: ``value（label）；…`` (called when shown)."""
    return lambda: "；".join(f"{value}（{label}）" for value, label in choices.choices)
