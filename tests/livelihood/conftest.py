import datetime

import pytest
import time_machine

from leaders.models import Leader
from livelihood import services
from tests.helpers.clock import beijing

from .factories import TaskFactory


@pytest.fixture(autouse=True)
def _clock_on_7_december_2026():
    """These tests tell the story of the 2026 tasks (due 31 December 2026) as it stood on 7 December 2026: the
    clock starts there for each of them and ticks, so they pass on any day of any year."""
    with time_machine.travel(beijing(2026, 12, 7), tick=True):
        yield


@pytest.fixture
def task(users, units):
    """A 2026 task led by the department (dept_reporter), shared with the town (reporter)."""
    return services.task_create(
        user=users.office, year=2026, number=7, title="龙虬镇区域供水管网改造", category="water",
        target="改造老旧供水管网 8 公里", responsible_leader=Leader.objects.get(name="测试领导"),
        lead_unit=units.dept, responsible_units=[units.town], deadline=datetime.date(2026, 12, 31),
    )


@pytest.fixture
def make_tasks(units):
    """Create n tasks with distinct numbers (for query-count tests)."""

    def make(n, start=20, **kwargs):
        return [TaskFactory(number=start + i, lead_unit=units.dept, responsible_units=[units.town], **kwargs)
                for i in range(n)]

    return make
