"""factory_boy factories for the org app; each app adds its own in tests/<app>/factories.py."""

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from leaders.models import Leader
from org.choices import UnitKind
from org.models import Membership, Unit


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Unit
        django_get_or_create = ("code",)

    name = factory.Sequence(lambda n: f"测试镇{n}")
    short_name = factory.Sequence(lambda n: f"测试{n}")
    code = factory.Sequence(lambda n: f"unit-{n}")
    kind = UnitKind.TOWN


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@test.invalid")
    password = factory.django.Password("test-pass-2026")

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        if create and extracted:
            self.groups.set([Group.objects.get_or_create(name=str(r))[0] for r in extracted])

    @factory.post_generation
    def units(self, create, extracted, **kwargs):
        if create and extracted:
            for unit in extracted:
                Membership.objects.get_or_create(user=self, unit=unit)


class LeaderFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Leader

    name = factory.Sequence(lambda n: f"领导{n}")
    title = "副市长"
