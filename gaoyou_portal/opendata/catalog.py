"""The DCAT catalogue of the open data (W3C Data Catalog Vocabulary, DCAT-AP's required properties):
the catalogue, its publisher, each dataset and its distributions (the CSV and JSON files), as JSON-LD and
as Turtle. Both are written from one list of nodes, so they say the same thing.
"""

import json
from datetime import datetime

from django.urls import reverse
from django.utils import timezone, translation

from . import LICENCE, LICENCE_URL, PUBLISHER, datasets

PREFIXES = {
    "dcat": "http://www.w3.org/ns/dcat#",
    "dct": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}
MEDIA_TYPES = {
    "csv": ("text/csv", "CSV"),
    "json": ("application/json", "JSON"),
}


def _lang():
    return "zh" if (translation.get_language() or "zh-hans").startswith("zh") else "en"


def _text(value):
    return {"@value": str(value), "@language": _lang()}


def _ref(url):
    return {"@id": url}


def _when(value):
    if isinstance(value, datetime):
        return {"@value": timezone.localtime(value).isoformat(timespec="seconds"), "@type": "xsd:dateTime"}
    return {"@value": value.isoformat(), "@type": "xsd:date"}


def nodes(request):
    """The catalogue as a list of JSON-LD nodes (compact IRIs with the prefixes above)."""
    base = request.build_absolute_uri("/").rstrip("/")
    home = base + reverse("open_data")
    publisher = {"@id": f"{home}#publisher", "@type": ["foaf:Organization", "foaf:Agent"],
                 "foaf:name": _text(PUBLISHER)}
    catalog = {
        "@id": base + reverse("open_data_catalog_jsonld"),
        "@type": "dcat:Catalog",
        "dct:title": _text(translation.gettext("Open data of the Gaoyou development targets")),
        "dct:description": _text(translation.gettext(
            "The livelihood tasks pledged to the public, their progress updates, the year's public plan and its "
            "history, and the public major projects, with their data dictionaries.")),
        "dct:publisher": _ref(publisher["@id"]),
        "dct:license": _ref(LICENCE_URL),
        "dct:rights": _text(LICENCE),
        "dct:language": _ref("http://publications.europa.eu/resource/authority/language/ZHO"),
        "foaf:homepage": _ref(home),
        "dcat:dataset": [],
    }
    graph = [catalog, publisher]
    latest = None
    for dataset in datasets():
        modified = dataset.modified()
        if modified is not None and (latest is None or _as_dt(modified) > _as_dt(latest)):
            latest = modified
        node = {
            "@id": f"{home}#{dataset.key}",
            "@type": "dcat:Dataset",
            "dct:identifier": dataset.key,
            "dct:title": _text(dataset.title),
            "dct:description": _text(dataset.description),
            "dct:publisher": _ref(publisher["@id"]),
            "dct:license": _ref(LICENCE_URL),
            "dct:accrualPeriodicity": _ref(dataset.frequency_uri),
            "dcat:keyword": [_text(k) for k in dataset.keywords],
            "dcat:landingPage": _ref(f"{home}#{dataset.key}"),
            "dcat:distribution": [],
        }
        if modified is not None:
            node["dct:modified"] = _when(modified)
        files = [(base + reverse("open_data_download", args=[dataset.key, fmt]), *MEDIA_TYPES[fmt], fmt.upper())
                 for fmt in ("csv", "json")]
        files += [(base + reverse(url_name), media_type, fmt, title)
                  for url_name, media_type, fmt, title in dataset.extra_files]
        for url, media_type, fmt, title in files:
            distribution = {
                "@id": f"{url}#distribution",
                "@type": "dcat:Distribution",
                "dct:title": _text(f"{dataset.title}（{title}）"),
                "dcat:downloadURL": _ref(url),
                "dcat:accessURL": _ref(url),
                "dcat:mediaType": _ref(f"https://www.iana.org/assignments/media-types/{media_type}"),
                "dct:format": fmt,
                "dct:license": _ref(LICENCE_URL),
            }
            node["dcat:distribution"].append(_ref(distribution["@id"]))
            graph.append(distribution)
        catalog["dcat:dataset"].append(_ref(node["@id"]))
        graph.append(node)
    if latest is not None:
        catalog["dct:modified"] = _when(latest)
    return graph


def _as_dt(value):
    if isinstance(value, datetime):
        return value
    return timezone.make_aware(datetime(value.year, value.month, value.day))


def as_jsonld(graph):
    return json.dumps({"@context": PREFIXES, "@graph": graph}, ensure_ascii=False, indent=1)


# --- Turtle --------------------------------------------------------------------------------------------------
def _escape(text):
    return (text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r"))


def _term(value):
    if isinstance(value, str):
        return f'"{_escape(value)}"'
    if "@id" in value:
        return f"<{value['@id']}>"
    if "@language" in value:
        return f'"{_escape(value["@value"])}"@{value["@language"]}'
    return f'"{_escape(value["@value"])}"^^{value["@type"]}'


def as_turtle(graph):
    lines = [f"@prefix {prefix}: <{uri}> ." for prefix, uri in PREFIXES.items()]
    for node in graph:
        types = node["@type"] if isinstance(node["@type"], list) else [node["@type"]]
        statements = [f"a {', '.join(types)}"]
        for key, value in node.items():
            if key.startswith("@"):
                continue
            values = value if isinstance(value, list) else [value]
            if values:
                statements.append(f"{key} {', '.join(_term(v) for v in values)}")
        lines.append("")
        lines.append(f"<{node['@id']}>\n    " + " ;\n    ".join(statements) + " .")
    return "\n".join(lines) + "\n"



