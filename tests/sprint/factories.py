"""Factories and builders for the sprint race tests."""

from datetime import date
from decimal import Decimal

import factory

from projects.models import Milestone, MonthlyReport, Project
from projects.sprint.choices import Derivation
from projects.sprint.models import AnnualTarget, Indicator, ManualValue, SprintScheme
from tests.factories import UnitFactory


class ProjectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Project

    name = factory.Sequence(lambda n: f"测试项目{n}")
    code = factory.Sequence(lambda n: f"SP-{n:05d}")
    category = "industrial"
    responsible_unit = factory.SubFactory(UnitFactory)
    responsible_person = "张三"
    total_investment = Decimal("20000")
    signing_date = date(2026, 2, 1)


class SchemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SprintScheme
        django_get_or_create = ("year",)

    year = 2026
    town_red_flags = 1
    town_yellow_flags = 1
    department_red_flags = 0
    department_yellow_flags = 0


def make_scheme(units, *, year=2026, targets=None, **kwargs):
    """A scheme with three indicators (signed count 40, investment 40, office 20) and a target for
    every unit given (``targets``: unit → (signed, investment, office))."""
    scheme = SchemeFactory(year=year, **kwargs)
    signed = Indicator.objects.create(scheme=scheme, code="signed", name="签约项目", weight=40, measure="个",
                                      derivation=Derivation.SIGNED_COUNT, order=1)
    invest = Indicator.objects.create(scheme=scheme, code="invest", name="完成投资", weight=40, measure="万元",
                                      derivation=Derivation.INVESTMENT_COMPLETED, order=2)
    office = Indicator.objects.create(scheme=scheme, code="office", name="考核办评议", weight=20, measure="分",
                                      derivation=Derivation.MANUAL, order=3)
    for unit in units:
        values = (targets or {}).get(unit, (4, 1000, 100))
        for indicator, value in zip((signed, invest, office), values, strict=True):
            AnnualTarget.objects.create(indicator=indicator, unit=unit, target=Decimal(value))
    scheme.ind = {"signed": signed, "invest": invest, "office": office}
    return scheme


def add_project(unit, *, signed=date(2026, 2, 1), total=Decimal(20000), reports=(), milestones=(), served_by=()):
    project = ProjectFactory(responsible_unit=unit, signing_date=signed, total_investment=total)
    for month, amount in reports:
        MonthlyReport.objects.create(project=project, month=month, investment=Decimal(amount))
    for kind, when in milestones:
        Milestone.objects.create(project=project, kind=kind, actual_date=when)
    if served_by:
        project.service_units.set(served_by)
    return project


def office_value(scheme, unit, quarter, value):
    return ManualValue.objects.update_or_create(indicator=scheme.ind["office"], unit=unit, quarter=quarter,
                                                defaults={"value": Decimal(value)})[0]
