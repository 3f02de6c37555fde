from types import SimpleNamespace

import pytest

from tests.factories import UserFactory

from .factories import RECORD_FACTORIES, CadreFactory, GrantFactory


@pytest.fixture
def cadre(units):
    return CadreFactory(name="张测试", unit=units.town, is_leading=True, post="党委书记")


@pytest.fixture
def records(cadre):
    """One record of every kind for ``cadre``, by record-type key."""
    return SimpleNamespace(**{key.replace("-", "_"): f(cadre=cadre) for key, f in RECORD_FACTORIES.items()})


@pytest.fixture
def grantee(users):
    """A city leader the department has granted read access to."""
    user = UserFactory(username="t-granted-leader", roles=["city_leader"])
    GrantFactory(user=user, granted_by=users.orgdept)
    return user


@pytest.fixture
def outsiders(users):
    """Every signed-in user outside the cadre scope: all the other roles, the superuser, no role."""
    return [users.reporter, users.office, users.leader, users.safety, users.admin, users.nobody]
