"""The daily schedule, the Celery task, the demo seed and the admin."""

import datetime

import pytest
from django_celery_beat.models import PeriodicTask

from leaders import demo as leaders_demo
from livelihood import demo
from livelihood.choices import ExplanationState, TaskStatus
from livelihood.models import Explanation, LivelihoodTask, ProgressUpdate
from livelihood.tasks import refresh_statuses
from org import demo as org_demo

pytestmark = pytest.mark.django_db


def test_the_migration_schedules_the_daily_check():
    schedule = PeriodicTask.objects.get(task="livelihood.refresh_statuses")
    assert schedule.enabled and schedule.crontab.hour == "0" and schedule.crontab.minute == "30"


def test_the_celery_task_marks_overdue(task):
    LivelihoodTask.objects.filter(pk=task.pk).update(deadline=datetime.date(2026, 1, 31))
    result = refresh_statuses.delay("2026-02-01").get()
    assert result["overdue"] == ["2026-007"]
    task.refresh_from_db()
    assert task.status == TaskStatus.OVERDUE


def test_seed_demo_adds_this_and_last_years_tasks_idempotently(django_user_model):
    org_demo.seed(scale=1)
    leaders_demo.seed(scale=1)
    demo.seed(scale=1)
    this_year = datetime.date.today().year
    assert LivelihoodTask.objects.filter(year=this_year).count() == 100
    assert LivelihoodTask.objects.filter(year=this_year - 1).count() == 100
    assert LivelihoodTask.objects.filter(year=this_year, responsible_units__code="longqiu").count() >= 5
    statuses = set(LivelihoodTask.objects.filter(year=this_year).values_list("status", flat=True))
    assert {TaskStatus.COMPLETED, TaskStatus.IN_PROGRESS} <= statuses
    last_year_unfinished = LivelihoodTask.objects.filter(year=this_year - 1, completed_on__isnull=True)
    assert last_year_unfinished.exists()
    assert Explanation.objects.filter(task__in=last_year_unfinished, state=ExplanationState.APPROVED).exists()
    assert not last_year_unfinished.filter(explanation__isnull=True).exists()
    lead_units = set(LivelihoodTask.objects.values_list("lead_unit__name", flat=True))
    assert {"教育局", "卫生健康委员会", "民政局", "水务局", "文化广电和旅游局", "市场监督管理局"} <= lead_units
    # 100 distinct tasks a year across the usual categories, last year with its own titles.
    titles = {year: set(LivelihoodTask.objects.filter(year=year).values_list("title", flat=True))
              for year in (this_year, this_year - 1)}
    assert len(titles[this_year]) == 100 and len(titles[this_year - 1]) == 100
    assert not titles[this_year] & titles[this_year - 1]
    assert len(set(LivelihoodTask.objects.filter(year=this_year).values_list("category", flat=True))) >= 12
    # Led by the right bureau and answered for by the leader in charge of it, not the mayor for everything.
    assert LivelihoodTask.objects.get(year=this_year, title="送戏下乡").lead_unit.code == "wglj"
    canteen = LivelihoodTask.objects.get(year=this_year, title="校园食堂明厨亮灶")
    mayor = org_demo.DEMO_LEADER  # 市委副书记、市长
    assert canteen.lead_unit.code == "scjgj" and canteen.responsible_leader.name != mayor
    assert LivelihoodTask.objects.filter(year=this_year, responsible_leader__name=mayor).count() <= 2
    assert LivelihoodTask.objects.filter(year=this_year).values("responsible_leader").distinct().count() >= 6
    updates = set(ProgressUpdate.objects.values_list("text", flat=True))
    assert len(updates) >= 20
    counts = LivelihoodTask.objects.count(), Explanation.objects.count()
    demo.seed(scale=1)
    assert (LivelihoodTask.objects.count(), Explanation.objects.count()) == counts


def test_the_admin_lists_tasks_read_only(client, task, users):
    client.force_login(users.admin)
    assert client.get("/admin/livelihood/livelihoodtask/").status_code == 200
    assert client.get(f"/admin/livelihood/livelihoodtask/{task.pk}/change/").status_code == 200
    assert client.get("/admin/livelihood/livelihoodtask/add/").status_code == 403
