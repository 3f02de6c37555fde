"""The rules: who reports, percent checks, completion by the lead unit only, explanations, statuses."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from gaoyou_portal.errors import DomainError
from livelihood import services
from livelihood.choices import ExplanationState, TaskStatus
from livelihood.models import LivelihoodTask, ProgressUpdate
from org.models import Notice

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate


def add(task, user, percent, **kwargs):
    return services.update_add(task=task, user=user, date=kwargs.pop("date", TODAY()), percent=percent,
                               text=kwargs.pop("text", "完成管网铺设"), **kwargs)


def test_a_responsible_unit_reports_progress_and_the_task_follows(task, users):
    add(task, users.reporter, 40)
    task.refresh_from_db()
    assert (task.percent, task.status) == (40, TaskStatus.IN_PROGRESS)
    update = task.updates.get()
    assert update.entered_by == users.reporter and update.unit.name == "测试甲镇"
    assert update.history.first().history_user == users.reporter


def test_reporter_cannot_update_another_units_task(task, users):
    with pytest.raises(DomainError) as err:
        add(task, users.other_reporter, 40)
    assert "只有该任务的牵头单位和责任单位可以填报进展" in str(err.value)
    assert not ProgressUpdate.objects.exists()


@pytest.mark.parametrize("percent", [-1, 101, 250])
def test_it_rejects_a_percent_outside_0_to_100(task, users, percent):
    with pytest.raises(DomainError) as err:
        add(task, users.reporter, percent)
    assert "完成进度须在 0 到 100 之间" in str(err.value)
    assert not ProgressUpdate.objects.exists()


def test_a_lower_percent_than_the_last_published_needs_a_reason(task, users):
    add(task, users.reporter, 60)
    with pytest.raises(DomainError) as err:
        add(task, users.reporter, 50)
    assert "完成进度低于上次公开的进度（60%），请填写原因" in str(err.value)
    assert task.updates.count() == 1
    add(task, users.reporter, 50, reason="复核工程量后下调")
    task.refresh_from_db()
    assert task.percent == 50


def test_an_unpublished_update_does_not_move_the_public_percent(task, users):
    add(task, users.reporter, 30)
    add(task, users.reporter, 70, published=False)
    task.refresh_from_db()
    assert task.percent == 30
    services.update_set_published(update=task.updates.get(percent=70), user=users.dept_reporter, published=True)
    task.refresh_from_db()
    assert task.percent == 70


def test_a_future_dated_update_is_refused(task, users):
    with pytest.raises(DomainError, match="进展日期不能晚于今天"):
        add(task, users.reporter, 10, date=TODAY() + datetime.timedelta(days=1))


def test_progress_updates_are_append_only(task, users):
    update = add(task, users.reporter, 10)
    update.text = "改写"
    with pytest.raises(Exception, match="进展更新填报后不能修改"):
        update.save()
    with pytest.raises(Exception, match="进展更新不能删除"):
        update.delete()
    assert ProgressUpdate.objects.get().text == "完成管网铺设"


def test_only_the_lead_unit_confirms_completion(task, users):
    add(task, users.reporter, 100)
    task.refresh_from_db()
    assert task.status == TaskStatus.IN_PROGRESS  # 100% reported is not completed
    with pytest.raises(DomainError) as err:
        services.task_confirm_completion(task=task, user=users.reporter, note="已完工")
    assert "只有牵头单位（测试局）可以确认任务完成" in str(err.value)
    task.refresh_from_db()
    assert task.status != TaskStatus.COMPLETED and task.completed_on is None
    services.task_confirm_completion(task=task, user=users.dept_reporter, note="已完工并验收")
    task.refresh_from_db()
    assert (task.status, task.percent, task.confirmed_by) == (TaskStatus.COMPLETED, 100, users.dept_reporter)
    with pytest.raises(DomainError, match="该任务已完成"):
        add(task, users.reporter, 100)


def test_number_outside_1_to_100_or_used_twice_is_refused(task, users, units):
    base = {"title": "x", "category": "water", "target": "y", "responsible_leader": task.responsible_leader,
            "lead_unit": units.dept, "deadline": datetime.date(2026, 6, 30)}
    for number in (0, 101):
        with pytest.raises(DomainError, match="任务编号须在 1 到 100 之间"):
            services.task_create(user=users.office, year=2026, number=number, **base)
    with pytest.raises(DomainError, match="2026年已有编号为 7 的任务"):
        services.task_create(user=users.office, year=2026, number=7, **base)
    services.task_create(user=users.office, year=2025, number=7, **{**base, "deadline": datetime.date(2025, 6, 30)})
    assert LivelihoodTask.objects.count() == 2


def test_only_the_office_keeps_the_list(task, users):
    with pytest.raises(DomainError, match="只有考核办可以维护民生实事清单"):
        services.task_update(task=task, user=users.dept_reporter, title="改名")
    task.refresh_from_db()
    assert task.title == "龙虬镇区域供水管网改造"


def test_status_rules_overdue_and_year_end():
    task = LivelihoodTask(year=2026, deadline=datetime.date(2026, 9, 30), percent=0)
    derive = services.derive_status
    assert derive(task, today=datetime.date(2026, 9, 30)) == TaskStatus.NOT_STARTED
    task.percent = 40
    assert derive(task, today=datetime.date(2026, 9, 30)) == TaskStatus.IN_PROGRESS
    assert derive(task, today=datetime.date(2026, 10, 1)) == TaskStatus.OVERDUE
    # Before year end an approved explanation does not change the status; after it, it does.
    assert derive(task, today=datetime.date(2026, 12, 31), explained=True) == TaskStatus.OVERDUE
    assert derive(task, today=datetime.date(2027, 1, 1), explained=True) == TaskStatus.EXPLAINED
    assert derive(task, today=datetime.date(2027, 1, 1)) == TaskStatus.OVERDUE
    task.completed_on = datetime.date(2026, 12, 1)
    assert derive(task, today=datetime.date(2027, 1, 1)) == TaskStatus.COMPLETED


def test_daily_check_marks_overdue_once_and_notifies_the_lead_unit(task, users):
    LivelihoodTask.objects.filter(pk=task.pk).update(deadline=datetime.date(2026, 3, 31))
    result = services.tasks_refresh_statuses(today=datetime.date(2026, 4, 1))
    task.refresh_from_db()
    assert task.status == TaskStatus.OVERDUE and result["overdue"] == ["2026-007"]
    notice = Notice.objects.get(recipient=users.dept_reporter)
    assert "已逾期" in notice.title
    assert not Notice.objects.filter(recipient=users.reporter).exists()
    assert services.tasks_refresh_statuses(today=datetime.date(2026, 4, 2))["overdue"] == []
    assert Notice.objects.filter(title__contains="已逾期").count() == 1
    assert task.history.first().history_user is None  # the system changed it, and it is recorded


def test_after_year_end_the_check_lists_tasks_owing_an_explanation(task, users):
    mail.outbox.clear()
    result = services.tasks_refresh_statuses(today=datetime.date(2027, 1, 2))
    assert result["explanation_due"] == ["2026-007"]
    assert Notice.objects.filter(recipient=users.dept_reporter, title__contains="须向社会作出说明").count() == 1
    services.tasks_refresh_statuses(today=datetime.date(2027, 1, 3))  # told once, listed again
    assert Notice.objects.filter(title__contains="须向社会作出说明").count() == 1
    services.explanation_write(task=task, user=users.reporter, reason="征地未完成", next_steps="明年6月完成",
                               new_date=datetime.date(2027, 6, 30))
    assert services.tasks_refresh_statuses(today=datetime.date(2027, 1, 4))["explanation_due"] == ["2026-007"]
    services.explanation_approve(task=task, user=users.dept_reporter)
    result = services.tasks_refresh_statuses(today=datetime.date(2027, 1, 5))
    task.refresh_from_db()
    assert result["explanation_due"] == [] and task.status == TaskStatus.EXPLAINED


def test_explanation_needs_approval_by_lead_or_office_and_a_rewrite_needs_it_again(task, users):
    services.explanation_write(task=task, user=users.reporter, reason="原因", next_steps="措施")
    with pytest.raises(DomainError, match="只有牵头单位或考核办可以审核情况说明"):
        services.explanation_approve(task=task, user=users.reporter)
    services.explanation_approve(task=task, user=users.office)
    assert task.explanation.state == ExplanationState.APPROVED
    services.explanation_write(task=task, user=users.dept_reporter, reason="新原因", next_steps="措施")
    task.explanation.refresh_from_db()
    assert task.explanation.state == ExplanationState.DRAFT and task.explanation.approved_by is None
    with pytest.raises(DomainError, match="新的完成时限须晚于原完成时限"):
        services.explanation_write(task=task, user=users.reporter, reason="r", next_steps="n",
                                   new_date=datetime.date(2026, 12, 1))


def test_a_task_cannot_be_unpublished_into_hiding_after_completion(task, users):
    add(task, users.reporter, 50)
    services.task_confirm_completion(task=task, user=users.dept_reporter, note="完成")
    with pytest.raises(DomainError, match="已完成任务的进展更新须保持公开"):
        services.update_set_published(update=task.updates.last(), user=users.office, published=False)
