"""A published project as the public sees it: only the fields the office made public (``public_fields``),
never the responsible person, a phone number, a problem raised, a warning light or an internal note.
One reading for the public pages, the open data and the OC4IDS package."""

from dataclasses import dataclass, field

from django.db.models import Prefetch

from org.choices import UnitKind

from .choices import MilestoneKind, ProjectCategory, ProjectLevel, ProjectStatus
from .models import Milestone, Project

MILESTONE_ORDER = list(MilestoneKind.values)


@dataclass
class PublicMilestone:
    kind: str
    label: str
    planned: object = None  # a date, or None when unknown or not public
    actual: object = None


@dataclass
class PublicProject:
    code: str
    name: str
    updated_at: object
    shown: frozenset
    level: str = ""
    level_label: str = ""
    status: str = ""
    status_label: str = ""
    unit: str = ""
    town: str = ""  # the responsible unit when it is a town or park: where the project is
    category: str = ""
    category_label: str = ""
    industry: str = ""
    total_investment: object = None  # 万元
    description: str = ""
    milestones: list = field(default_factory=list)

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("projects:public_detail", kwargs={"code": self.code})


def public_projects():
    """The published projects with what they need loaded (three queries whatever their number)."""
    milestones = Milestone.objects.only("project_id", "kind", "planned_date", "actual_date")
    return (Project.objects.public().select_related("responsible_unit")
            .only("code", "name", "updated_at", "public_fields", "level", "status", "category", "industry",
                  "total_investment", "description", "responsible_unit__name", "responsible_unit__kind")
            .prefetch_related(Prefetch("milestones", queryset=milestones, to_attr="public_milestones"))
            .order_by("code"))


def public_record(project) -> PublicProject:
    shown = frozenset(project.public_fields or ())
    levels, statuses = dict(ProjectLevel.choices), dict(ProjectStatus.choices)
    categories, kinds = dict(ProjectCategory.choices), dict(MilestoneKind.choices)
    record = PublicProject(code=project.code, name=project.name, updated_at=project.updated_at, shown=shown)
    if "level" in shown:
        record.level, record.level_label = project.level, str(levels[project.level])
    if "status" in shown:
        record.status, record.status_label = project.status, str(statuses[project.status])
    if "responsible_unit" in shown:
        unit = project.responsible_unit
        record.unit = unit.name
        record.town = unit.name if unit.kind in (UnitKind.TOWN, UnitKind.PARK) else ""
    if "category" in shown:
        record.category, record.category_label = project.category, str(categories[project.category])
    if "industry" in shown:
        record.industry = project.industry
    if "total_investment" in shown:
        record.total_investment = project.total_investment
    if "description" in shown:
        record.description = project.description
    by_kind = {m.kind: m for m in getattr(project, "public_milestones", None) or project.milestones.all()}
    if {"milestones_planned", "milestones_actual"} & shown:
        for kind in MILESTONE_ORDER:
            milestone = by_kind.get(kind)
            record.milestones.append(PublicMilestone(
                kind=kind, label=str(kinds[kind]),
                planned=milestone.planned_date if milestone and "milestones_planned" in shown else None,
                actual=milestone.actual_date if milestone and "milestones_actual" in shown else None,
            ))
    return record
