import datetime

import factory

from livelihood.choices import TaskCategory
from livelihood.models import LivelihoodTask
from tests.factories import LeaderFactory, UnitFactory


class TaskFactory(factory.django.DjangoModelFactory):
    """A task row as the services would leave it (use the services in tests that check the rules)."""

    class Meta:
        model = LivelihoodTask
        skip_postgeneration_save = True

    year = 2026
    number = factory.Sequence(lambda n: n % 100 + 1)
    title = factory.Sequence(lambda n: f"测试民生实事{n}")
    category = TaskCategory.WATER
    target = "改造供水管网 8 公里"
    responsible_leader = factory.SubFactory(LeaderFactory)
    lead_unit = factory.SubFactory(UnitFactory)
    deadline = datetime.date(2026, 12, 31)

    @factory.post_generation
    def responsible_units(self, create, extracted, **kwargs):
        if create and extracted:
            self.responsible_units.set(extracted)
