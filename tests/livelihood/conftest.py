import datetime

import pytest

from livelihood import services
from org.models import Leader

from .factories import TaskFactory


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
