"""Factories for the projects app."""

from datetime import date
from decimal import Decimal

import factory
from django.contrib.contenttypes.models import ContentType

from leaders.choices import LinkKind
from leaders.models import LeaderLink
from projects.choices import MilestoneKind, ProjectCategory, ProjectLevel, ProjectStatus
from projects.lights import refresh_lights
from projects.models import Milestone, MonthlyPlan, MonthlyReport, Project
from tests.factories import UnitFactory


class ProjectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Project
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"测试项目{n}")
    code = factory.Sequence(lambda n: f"T{n:05d}")
    level = ProjectLevel.PREFECTURE
    category = ProjectCategory.INDUSTRIAL
    industry = "新能源"
    responsible_unit = factory.SubFactory(UnitFactory)
    responsible_person = "张三"
    total_investment = Decimal("5000")
    year_planned_investment = Decimal("1200")
    signing_date = date(2025, 12, 1)
    status = ProjectStatus.UNDER_CONSTRUCTION

    @factory.post_generation
    def milestones(self, create, extracted, **kwargs):
        if create:
            for kind in MilestoneKind.values:
                Milestone.objects.create(project=self, kind=kind)
            refresh_lights([self])


def link_leader(project, leader):
    return LeaderLink.objects.create(
        leader=leader, kind=LinkKind.PROJECT, content_type=ContentType.objects.get_for_model(Project),
        object_id=project.pk,
    )


def plan_year(project, year, amount=Decimal("100")):
    for month in range(1, 13):
        MonthlyPlan.objects.create(project=project, month=date(year, month, 1), planned_investment=amount)
    project.year_planned_investment = amount * 12
    project.save()
    refresh_lights([project])


def report(project, month, investment, **kwargs):
    """A report created past the services; the project's stored light refreshed for today as a service would."""
    created = MonthlyReport.objects.create(project=project, month=month, investment=Decimal(investment), **kwargs)
    refresh_lights([project])
    return created
