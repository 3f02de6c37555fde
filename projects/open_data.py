"""The public projects in the open data (gaoyou_portal/opendata): a CSV/JSON dataset with its dictionary and
the OC4IDS project package (Open Contracting for Infrastructure Data Standard, version 0.9) at
``/open-data/projects.oc4ids.json``. Only what the office made public (projects/public_records.py)."""

from decimal import Decimal
from zoneinfo import ZoneInfo

from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from gaoyou_portal.opendata import LICENCE_URL, PUBLISHER, Dataset, Field, Rows, choices_text, json_file, register
from gaoyou_portal.opendata.stored import get_stored, stored_file

from .cache import public_cache
from .choices import MilestoneKind, ProjectCategory, ProjectLevel, ProjectStatus
from .models import Project
from .public_records import public_records

OC4IDS_PREFIX = "oc4ids-gaoyou-"
BEIJING = ZoneInfo("Asia/Shanghai")  # the portal's time zone (settings.TIME_ZONE), looked up once
# The projects' status in OC4IDS's closed projectStatus codelist.
OC4IDS_STATUS = {
    ProjectStatus.PREPARING: "preparation",
    ProjectStatus.SIGNED: "preparation",
    ProjectStatus.UNDER_CONSTRUCTION: "implementation",
    ProjectStatus.SUSPENDED: "implementation",
    ProjectStatus.COMPLETED: "completed",
    ProjectStatus.IN_PRODUCTION: "completed",
}
# OC4IDS's projectSector codelist is open: the portal's categories as local codes where none fits.
OC4IDS_SECTOR = {
    ProjectCategory.INDUSTRIAL: "x_industry",
    ProjectCategory.SERVICES: "x_services",
    ProjectCategory.INFRASTRUCTURE: "transport",
    ProjectCategory.AGRICULTURE: "x_agriculture",
    ProjectCategory.SOCIAL: "socialHousing",
}

FIELDS = (
    Field("code", "text", _("project code"), _("The project's code in the city's ledger.")),
    Field("name", "text", _("name"), _("The project's name.")),
    Field("level", "text", _("level code"), _("Which government lists the project, as a code; empty when not public."),
          choices_text(ProjectLevel)),
    Field("level_label", "text", _("level"), _("Which government lists the project, in words.")),
    Field("responsible_unit", "text", _("responsible unit"), _("The unit answerable for the project.")),
    Field("town", "text", _("town"), _("The town or park where the project is, when its unit is one.")),
    Field("status", "text", _("status code"), _("Where the project stands, as a code."), choices_text(ProjectStatus)),
    Field("status_label", "text", _("status"), _("Where the project stands, in words.")),
    Field("category_label", "text", _("category"), _("The kind of project (when the office made it public).")),
    Field("industry", "text", _("industry"), _("The industry (when the office made it public).")),
    Field("total_investment", "decimal", _("total investment (10k yuan)"),
          _("The planned total investment in 万元 (when the office made it public).")),
    *(Field(f"{kind}_planned", "date", format_lazy(_("{milestone}, planned"), milestone=label),
            _("The planned date of this milestone; empty when unknown or not public."))
      for kind, label in MilestoneKind.choices),
    *(Field(f"{kind}_actual", "date", format_lazy(_("{milestone}, actual"), milestone=label),
            _("The day this milestone was reached; empty until then or when not public."))
      for kind, label in MilestoneKind.choices),
    Field("updated", "datetime", _("last changed"), _("When the project's public record last changed.")),
    Field("url", "url", _("link"), _("The project's page on the portal.")),
)


def _page_url(request):
    """The absolute address of a public project's page, by code: reversed once per file, not once a project."""
    template = request.build_absolute_uri(reverse("projects:public_detail", kwargs={"code": "CODE"}))
    head, tail = template.rsplit("CODE", 1)
    return lambda code: f"{head}{code}{tail}"


def _row(record, page_url):
    row = {
        "code": record.code, "name": record.name, "level": record.level, "level_label": record.level_label,
        "responsible_unit": record.unit, "town": record.town, "status": record.status,
        "status_label": record.status_label, "category_label": record.category_label, "industry": record.industry,
        "total_investment": record.total_investment,
    }
    milestones = {m.kind: m for m in record.milestones}
    for kind in MilestoneKind.values:
        row[f"{kind}_planned"] = getattr(milestones.get(kind), "planned", None)
    for kind in MilestoneKind.values:
        row[f"{kind}_actual"] = getattr(milestones.get(kind), "actual", None)
    row["updated"] = record.updated_at.astimezone(BEIJING)
    row["url"] = page_url(record.code)
    return row


def project_rows(request):
    page_url = _page_url(request)
    return Rows(items=[_row(record, page_url) for record in public_records()], filename="public-projects")


def _modified():
    return Project.objects.public().aggregate(m=Max("updated_at"))["m"]


def register_datasets():
    register(Dataset(
        key="public-projects",
        title=_("Major projects"),
        description=_("The major projects the city has published: level, responsible unit, the planned and actual "
                      "dates of their milestones and their status. Also as an OC4IDS project package."),
        fields=FIELDS, rows=project_rows, cache=public_cache, items_key="projects", modified=_modified,
        keywords=(_("major projects"), _("infrastructure")), page_url=lambda: reverse("projects:public_list"),
        extra_files=(("open_data_oc4ids", "application/json", "OC4IDS", "OC4IDS"),), order=50, stored=True,
    ))
    stored_file("oc4ids", cache=public_cache, build=build_oc4ids_package)


# --- OC4IDS ------------------------------------------------------------------------------------------------
def _when(value):
    """OC4IDS wants date-times: a date is its day's midnight in Beijing."""
    return f"{value.isoformat()}T00:00:00+08:00" if value else None


def _observation(kind, label, date):
    return {"id": kind, "measure": label, "period": {"startDate": _when(date), "endDate": _when(date)}}


def oc4ids_project(record, request, page_url=None, titles=None):
    project = {
        "id": f"{OC4IDS_PREFIX}{record.code}",
        "updated": record.updated_at.astimezone(BEIJING).isoformat(timespec="seconds"),
        "title": record.name,
    }
    if record.description:
        project["description"] = record.description
    if record.status:
        project["status"] = OC4IDS_STATUS[record.status]
    if record.category:
        project["sector"] = [OC4IDS_SECTOR[record.category]]
    if record.level:
        project["additionalClassifications"] = [
            {"scheme": "gaoyou-project-level", "id": record.level, "description": record.level_label}]
    planned = {m.kind: m.planned for m in record.milestones if m.planned}
    actual = {m.kind: m.actual for m in record.milestones if m.actual}
    start = planned.get(MilestoneKind.STARTED) or planned.get(MilestoneKind.SIGNED)
    end = planned.get(MilestoneKind.COMPLETED)
    if start or end:
        project["period"] = {k: _when(v) for k, v in (("startDate", start), ("endDate", end)) if v}
    if record.unit:
        project["parties"] = [{"id": f"gaoyou-unit-{record.unit}", "name": record.unit,
                               "roles": ["publicAuthority"]}]
    if record.town:
        project["locations"] = [{"id": "1", "description": record.town,
                                 "address": {"locality": record.town, "region": "江苏省扬州市高邮市",
                                             "countryName": "中国"}}]
    if record.total_investment is not None:
        project["budget"] = {"amount": {"amount": float(record.total_investment * Decimal(10000)),
                                        "currency": "CNY"}}
    labels = {m.kind: m.label for m in record.milestones}
    titles = titles or _titles()
    if planned:  # the planned milestones as a forecast, the reached ones as a metric
        project["forecasts"] = [{"id": "milestones", "title": titles[0],
                                 "observations": [_observation(k, labels[k], d) for k, d in planned.items()]}]
    if actual:
        project["metrics"] = [{"id": "milestones", "title": titles[1],
                               "observations": [_observation(k, labels[k], d) for k, d in actual.items()]}]
    finished = actual.get(MilestoneKind.COMPLETED)
    if finished:
        project["completion"] = {"endDate": _when(finished)}
    project["documents"] = [{"id": "page", "documentType": "x_projectPage", "title": record.name,
                             "url": (page_url or _page_url(request))(record.code), "format": "text/html",
                             "language": "zh"}]
    return project


def _titles():
    return gettext("Planned milestones"), gettext("Milestones reached")


def oc4ids_package(request):
    """The package: its stored build (rebuilt in the background after a change; gaoyou_portal/opendata/stored.py)."""
    return get_stored("oc4ids").response(request)


def build_oc4ids_package(request):
    page_url, titles = _page_url(request), _titles()
    projects = [oc4ids_project(record, request, page_url, titles) for record in public_records()]
    modified = _modified()
    package = {
        "uri": request.build_absolute_uri(reverse("open_data_oc4ids")),
        "publishedDate": timezone.localtime(modified or timezone.now()).isoformat(timespec="seconds"),
        "version": "0.9",
        "publisher": {"name": str(PUBLISHER), "uri": request.build_absolute_uri(reverse("open_data"))},
        "license": LICENCE_URL,
        "publicationPolicy": request.build_absolute_uri(reverse("open_data")) + "#public-projects",
        "projects": projects,
    }
    return json_file(package, "projects.oc4ids.json", indent=None)
