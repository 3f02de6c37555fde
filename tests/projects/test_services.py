"""Services: monthly reports with their lock, milestones, blockers, plans, settings, reminders."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.conf import settings
from django.core import mail
from django.utils import timezone

from gaoyou_portal.errors import DomainError
from leaders.models import Leader
from org.models import Notice
from projects import services
from projects.models import Blocker, Milestone, MonthlyReport, ProjectSettings
from tests.projects.factories import ProjectFactory, link_leader, plan_year, report

pytestmark = pytest.mark.date_dependent  # reads today's date; CI reruns it with the clock moved

TODAY = date(2026, 11, 28)


@pytest.fixture
def project(units, users):
    project = ProjectFactory(responsible_unit=units.town, signing_date=date(2026, 3, 10))
    link_leader(project, Leader.objects.get(user=users.leader))
    return project


def submit(project, user, month="2026-11-01", investment="120.50", today=TODAY):
    return services.report_submit(project=project, month=month, data={"investment": investment, "workload": "主体施工"},
                                  user=user, today=today)


def assert_refused(call, field, text):
    with pytest.raises(DomainError) as exc:
        call()
    messages = exc.value.message_dict.get(field, []) if field else exc.value.messages
    assert any(text in m for m in messages), exc.value.messages


def test_a_reporter_submits_a_report_with_history(project, users):
    report = submit(project, users.reporter)
    report.refresh_from_db()
    assert report.investment == Decimal("120.50") and report.submitted_by == users.reporter
    assert report.history.get().history_user == users.reporter


@pytest.mark.parametrize(
    ("month", "investment", "field", "text"),
    [
        ("2026-12-01", "10", "month", "不能填报未来月份"),
        ("2026-02-01", "10", "month", "签约前"),
        ("2026-11-01", "-1", "investment", "不能为负数"),
        ("2026-11-01", "abc", "investment", "必须是数字"),
        ("2026-11-01", "", "investment", "请填写完成投资"),
        ("not a month", "10", "month", "月份请填写日期"),
    ],
)
def test_it_rejects_bad_reports_and_saves_nothing(project, users, month, investment, field, text):
    assert_refused(lambda: submit(project, users.reporter, month=month, investment=investment), field, text)
    assert not MonthlyReport.objects.exists()


def test_it_rejects_a_second_report_for_the_same_month(project, users):
    submit(project, users.reporter)
    assert_refused(lambda: submit(project, users.reporter, investment="5"), "month", "已有月报")
    assert MonthlyReport.objects.get().investment == Decimal("120.50")


def test_reporter_cannot_write_to_other_units_project(project, users):
    assert_refused(lambda: submit(project, users.other_reporter), None, "只能为本单位负责的项目填报")
    assert_refused(lambda: submit(project, users.leader), None, "只能为本单位负责的项目填报")
    assert not MonthlyReport.objects.exists()


def test_the_report_locks_after_the_deadline_until_the_office_reopens_it(project, users):
    report = submit(project, users.reporter, month="2026-10-01", today=date(2026, 10, 25))
    services.report_update(report=report, data={"investment": "130"}, user=users.reporter, today=date(2026, 11, 5))
    assert_refused(
        lambda: services.report_update(report=report, data={"investment": "1"}, user=users.reporter,
                                       today=date(2026, 11, 6)),
        None, "锁定",
    )
    report.refresh_from_db()
    assert report.investment == Decimal("130")
    assert_refused(lambda: services.report_reopen(report=report, until=date(2026, 11, 10), user=users.reporter,
                                                  today=date(2026, 11, 6)), None, "只有考核办")
    services.report_reopen(report=report, until=date(2026, 11, 10), user=users.office, today=date(2026, 11, 6))
    services.report_update(report=report, data={"investment": "1"}, user=users.reporter, today=date(2026, 11, 10))
    report.refresh_from_db()
    assert report.investment == Decimal("1")
    assert_refused(lambda: services.report_update(report=report, data={"investment": "2"}, user=users.reporter,
                                                  today=date(2026, 11, 11)), None, "锁定")


def test_a_missing_report_may_still_be_submitted_late(project, users):
    report = submit(project, users.reporter, month="2026-09-01")
    assert services.report_is_locked(report, today=TODAY)


def test_milestone_recording_moves_the_project_on(project, users):
    milestone = Milestone.objects.get(project=project, kind="started")
    services.milestone_record(milestone=milestone, actual_date=date(2026, 4, 2), evidence="施工许可证",
                              user=users.reporter, today=TODAY)
    project.refresh_from_db()
    milestone.refresh_from_db()
    assert milestone.actual_date == date(2026, 4, 2) and project.status == "under_construction"


@pytest.mark.parametrize(
    ("actual", "evidence", "field", "text"),
    [(TODAY + timedelta(days=1), "x", "actual_date", "不能晚于今天"),
     (date(2026, 1, 1), "x", "actual_date", "不能早于签约日期"),
     (date(2026, 4, 2), "", "evidence", "佐证")],
)
def test_milestone_bad_input(project, users, actual, evidence, field, text):
    milestone = Milestone.objects.get(project=project, kind="started")
    assert_refused(lambda: services.milestone_record(milestone=milestone, actual_date=actual, evidence=evidence,
                                                     user=users.reporter, today=TODAY), field, text)
    milestone.refresh_from_db()
    assert milestone.actual_date is None


def test_blockers_are_raised_to_the_linked_leader_who_alone_resolves_them(project, users):
    blocker = services.blocker_raise(project=project, title="用地指标", deadline=TODAY + timedelta(days=10),
                                     user=users.reporter, today=TODAY)
    assert blocker.assigned_leader.user == users.leader
    assert Notice.objects.filter(recipient=users.leader).exists()
    assert_refused(lambda: services.blocker_resolve(blocker=blocker, resolution="ok", user=users.office), None,
                   "只有问题交办的市领导")
    services.blocker_resolve(blocker=blocker, resolution="已协调", user=users.leader)
    blocker.refresh_from_db()
    assert blocker.status == "resolved" and blocker.resolved_by == users.leader
    assert Notice.objects.filter(recipient=users.reporter, title__contains="问题已解决").exists()


def test_a_blocker_needs_a_future_deadline(project, users):
    assert_refused(lambda: services.blocker_raise(project=project, title="x", deadline=TODAY - timedelta(days=1),
                                                  user=users.reporter, today=TODAY), "deadline", "不能早于今天")
    assert not Blocker.objects.exists()


def test_plans_set_the_years_planned_investment(project, users):
    year = timezone.localdate().year
    rows = {date(year, 1, 1): ("100", "基础"), date(year, 2, 1): ("50", "")}
    services.plans_save(project=project, year=year, rows=rows, user=users.reporter)
    project.refresh_from_db()
    assert project.year_planned_investment == Decimal("150")


def test_settings_are_for_the_office_and_checked(users):
    assert_refused(lambda: services.settings_update(data={"yellow_points": 5}, user=users.reporter), None, "考核办")
    assert_refused(lambda: services.settings_update(data={"yellow_points": 40, "red_points": 30}, user=users.office),
                   None, "黄灯阈值")
    services.settings_update(data={"yellow_points": 12, "report_deadline_day": 7}, user=users.office)
    assert ProjectSettings.load().report_deadline_day == 7


def test_reminders_tell_each_unit_what_it_owes_once_a_day(project, users, units, django_capture_on_commit_callbacks):
    plan_year(project, 2026)
    report(project, date(2026, 9, 1), "100")
    with django_capture_on_commit_callbacks(execute=True):
        count = services.reminders_send(today=date(2026, 11, 4))
    assert count == 1
    notice = Notice.objects.get(recipient=users.reporter)
    assert project.code in notice.body and "2026年10月月报" in notice.body
    assert not Notice.objects.filter(recipient=users.other_reporter).exists()
    assert services.reminders_send(today=date(2026, 11, 4)) == 0
    assert len(mail.outbox) == 1
    # Each owed report links to its own form, absolute in the e-mail (a mail client has no portal to resolve it).
    form = f"/projects/{project.pk}/reports/new/?month=2026-10"
    assert form in notice.body
    assert f"{settings.PORTAL_BASE_URL.rstrip('/')}{form}" in mail.outbox[0].body


def test_the_reminder_task_runs_the_service(project, users):
    from projects.tasks import send_reminders

    send_reminders.delay()  # today (2026-11-28 or later): the reports since March are missing
    assert Notice.objects.filter(recipient=users.reporter).count() == 1


def test_the_reminder_schedule_exists(db):
    from django_celery_beat.models import PeriodicTask

    task = PeriodicTask.objects.get(task="projects.send_reminders")
    assert task.crontab.day_of_month == "1,4" and task.enabled


@pytest.mark.parametrize(("today", "accepted"), [(date(2026, 11, 24), False), (date(2026, 11, 25), True),
                                                 (date(2026, 12, 6), True)])
def test_a_month_is_reported_from_its_25th_never_earlier(project, users, today, accepted):
    if accepted:
        assert submit(project, users.reporter, month="2026-11-01", today=today).month == date(2026, 11, 1)
    else:
        assert_refused(lambda: submit(project, users.reporter, month="2026-11-01", today=today), "month",
                       "2026年11月的月报自2026年11月25日起")
        assert not MonthlyReport.objects.exists()


@pytest.mark.parametrize(
    ("today", "owed"),
    [
        (date(2026, 12, 1), [date(2026, 10, 1), date(2026, 11, 1)]),  # December not yet owed, nor pre-filled
        (date(2026, 12, 6), [date(2026, 11, 1)]),  # November now late; December not open until the 25th
        (date(2026, 12, 25), [date(2026, 11, 1), date(2026, 12, 1)]),
    ],
)
def test_this_month_lists_only_what_is_owed_now(project, units, today, owed):
    from projects.selectors import unit_obligations

    for month in range(3, 10):
        report(project, date(2026, month, 1), "1")
    items = unit_obligations(units=[units.town], today=today)
    months = sorted(item["month"] for item in items if item["kind"] == "report")
    assert months == owed


def test_milestone_evidence_and_report_attachments_pass_the_upload_check(project, users):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.helpers.files import pdf

    milestone = Milestone.objects.get(project=project, kind="started")
    fake = SimpleUploadedFile("许可证.pdf", b"<html>not a pdf</html>")
    with pytest.raises(DomainError) as exc:
        services.milestone_record(milestone=milestone, actual_date=date(2026, 4, 2), evidence="", user=users.reporter,
                                  evidence_file=fake, today=TODAY)
    assert exc.value.message_dict == {"evidence_file": ["“许可证.pdf”不是 PDF 文档。"]}
    services.milestone_record(milestone=milestone, actual_date=date(2026, 4, 2), evidence="", user=users.reporter,
                              evidence_file=pdf("许可证.pdf"), today=TODAY)
    milestone.refresh_from_db()
    assert milestone.evidence_file.name.endswith(".pdf")
    with pytest.raises(DomainError) as exc:
        services.report_submit(project=project, month="2026-11-01", data={"investment": "1"}, user=users.reporter,
                               today=TODAY, attachments=[SimpleUploadedFile("现场.exe", b"MZ")])
    assert exc.value.message_dict == {"attachments": [
        "“现场.exe”不是可接受的文件类型（可接受：jpg、jpeg、png、webp、pdf、docx、xlsx）。"]}
    assert not project.reports.exists()
