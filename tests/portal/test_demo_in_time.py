"""The demo lives in time: seeded with the clock frozen on several days of the year, it reads like a real
Gaoyou year at that date. Each date is seeded once (a module-scoped fixture) and checked for:

- sprint rates in a believable band (none over 200%, few over 150%, most between 60% and 130%) and whole
  counts, the quarter's share included;
- monthly reports dated inside their reporting window (the month's 25th to the 5th after), at working hours;
- nothing past-dated in the future (reports, updates, inspections, decisions, interviews, notices, history);
- something owed on the demo reporter's "本月" (龙虬镇), and nothing offered past its deadline;
- a leader's waiting item open for as many days as it is old.
"""

import io
from datetime import datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import transaction
from django.test import RequestFactory, override_settings
from django.urls import reverse
from django.utils import timezone

from gaoyou_portal import registry
from gaoyou_portal.reporting import ReportingCalendar
from gaoyou_portal.roles import unit_ids_of

SHANGHAI = ZoneInfo("Asia/Shanghai")
DATES = [datetime(2026, 1, 1, 9, 0), datetime(2026, 3, 7, 10, 0), datetime(2026, 6, 30, 16, 0),
         datetime(2026, 8, 26, 11, 0), datetime(2026, 12, 7, 10, 0)]
COUNTED = set("个家项头次名户起件村")

# Each seed freezes its own clock (the five dates above): no rerun by date is needed.
pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module", params=DATES, ids=lambda d: d.strftime("%m-%d"))
def seeded(request, django_db_setup, django_db_blocker):
    """The demo seeded once with the clock at this date (kept frozen while its checks run); rolled back after."""
    moment = request.param.replace(tzinfo=SHANGHAI)
    with django_db_blocker.unblock(), time_machine.travel(moment, tick=False), override_settings(NOTIFY_SANDBOX=True):
        with transaction.atomic():  # rolled back after the module: the tables the migrations filled stay as they were
            out = io.StringIO()
            call_command("seed_demo", stdout=out)
            yield {"now": timezone.now(), "today": timezone.localdate(), "output": out.getvalue()}
            transaction.set_rollback(True)


def test_sprint_rates_fall_in_a_believable_band_and_counts_are_whole(seeded):
    from projects.sprint.models import SprintScore

    rates = []
    for score in SprintScore.objects.all():
        for row in score.breakdown:
            if row["derivation"] == "manual":
                continue
            rates.append(Decimal(row["rate"]))
            if row["measure"] in COUNTED:
                assert Decimal(row["annual_target"]) % 1 == 0, row
                assert Decimal(row["target"]) % 1 == 0, row  # the quarter's share of a count: whole too
    assert rates
    assert max(rates) <= 200
    assert sum(rate > 150 for rate in rates) <= max(3, len(rates) * 3 // 100)
    assert sum(60 <= rate <= 130 for rate in rates) > len(rates) // 2


def test_reports_are_dated_in_their_reporting_window_at_working_hours(seeded):
    from projects.models import MonthlyReport

    calendar = ReportingCalendar(deadline_day=5)
    reports = list(MonthlyReport.objects.all())
    assert reports
    for report in reports:
        filed = timezone.localtime(report.submitted_at)
        assert calendar.opens(report.month) <= filed.date() <= calendar.deadline(report.month), report
        assert filed.weekday() < 5 or filed.date() == seeded["today"], report
        assert filed.time() >= datetime.min.time().replace(hour=8) or filed.date() == seeded["today"]
    history = MonthlyReport.history.filter(history_type="+").select_related("history_user")[:200]
    for row in history:
        report = MonthlyReport.objects.get(pk=row.id)
        assert row.history_date == report.submitted_at
        assert row.history_user_id == report.submitted_by_id


def test_nothing_past_is_dated_in_the_future(seeded):
    from livelihood.models import LivelihoodTask, ProgressUpdate
    from org.models import Notice
    from projects.models import Milestone, MonthlyReport, Project
    from projects.sprint.models import ConsequenceCase, HonourProposal, LeaderInterview, SprintRace
    from safety.models import Inspection

    now, today = seeded["now"], seeded["today"]
    for model, field in ((MonthlyReport, "submitted_at"), (Project, "created_at"), (ProgressUpdate, "created_at"),
                         (LivelihoodTask, "created_at"), (Notice, "created_at"), (SprintRace, "published_at"),
                         (ConsequenceCase, "decided_at"), (HonourProposal, "proposed_at"),
                         (LeaderInterview, "created_at")):
        assert not model.objects.filter(**{f"{field}__gt": now}).exists(), model
    assert not ProgressUpdate.objects.filter(date__gt=today).exists()
    assert not Inspection.objects.filter(date__gt=today).exists()
    assert not Project.objects.filter(signing_date__gt=today).exists()
    assert not Milestone.objects.filter(actual_date__gt=today).exists()
    assert not LeaderInterview.objects.filter(held_on__gt=today).exists()
    for model in (MonthlyReport, Project, ProgressUpdate, LivelihoodTask):
        assert not model.history.filter(history_date__gt=now).exists(), model
    # A year's decisions fall in the January after it; interviews are held in their year or the one after.
    for case in ConsequenceCase.objects.filter(decided_at__isnull=False).exclude(kind="half_year"):
        assert timezone.localdate(case.decided_at).year == case.year + 1 and case.decided_at.month == 1, case
    for interview in LeaderInterview.objects.filter(held_on__isnull=False).select_related("case"):
        assert interview.held_on.year == interview.case.year + 1


def test_the_demo_reporter_always_has_something_to_do_and_nothing_past_its_deadline(seeded, client):
    from django.contrib.auth import get_user_model

    from org.models import Unit
    from projects.selectors import unit_obligations

    reporter = get_user_model().objects.get(username="reporter")
    units = list(Unit.objects.filter(pk__in=unit_ids_of(reporter)))
    assert [u.name for u in units] == ["龙虬镇"]
    request = RequestFactory().get("/projects/this-month/")
    request.user = reporter
    owed = unit_obligations(units=units) + registry.owed_for(request, units)
    assert owed, "the demo reporter has nothing to do on 本月"
    client.force_login(reporter)
    page = client.get("/projects/this-month/").content.decode()
    assert "没有待办事项" not in page
    # A plan target's month is offered only while it is on time.
    calendar = ReportingCalendar(deadline_day=5)
    for panel in registry.month_panels(request, units):
        month = panel["context"].get("month")
        if month is not None:
            assert not calendar.is_overdue(month, seeded["today"])


def _status_on(target, day):
    """The target's status as it stood on ``day`` (a stage reached later was still open then)."""
    from targets import selectors

    if target.kind == "milestone" and target.deadline >= day:
        overdue = any(s.planned_date < day and not (s.reached_on and s.reached_on <= day)
                      for s in target.stages.all())
        return "behind" if overdue else "on_track"
    (row,) = selectors.evaluate_targets([target], today=day)
    return row.evaluation.status


def test_a_leaders_waiting_item_is_open_as_many_days_as_it_is_old(seeded):
    from leaders.models import Leader
    from targets.models import Target

    request = RequestFactory().get("/")
    today = seeded["today"]
    lagging = {"behind", "at_risk", "missed"}
    found = 0
    for leader in Leader.objects.all():
        request.user = get_user_model().objects.get(username="admin")
        for item in registry.waiting_on(request, leader):
            assert item["since"] <= today
            found += 1
            target = next((t for t in Target.objects.filter(responsible_leader=leader, plan__year=today.year)
                           if t.get_absolute_url() == item["url"]), None)
            if target is None:
                continue
            # A target waits from the day its lag began: lagging (missed) on that day, not the day before.
            since, before = item["since"], item["since"] - timedelta(days=1)
            if _status_on(target, today) == "missed":
                assert _status_on(target, since) == "missed" != _status_on(target, before), (target.code, since)
            else:
                assert _status_on(target, since) in lagging, (target.code, since)
                assert since.timetuple().tm_yday == 1 or _status_on(target, before) not in lagging, (target.code, since)
    from projects.models import Blocker
    from projects.sprint.models import LeaderInterview

    for blocker in Blocker.objects.filter(status="open"):
        assert timezone.localdate(blocker.raised_at) <= today
        assert blocker.history.earliest().history_date == blocker.raised_at
    for interview in LeaderInterview.objects.filter(held_on__isnull=True).select_related("case"):
        # waiting since the office's decision that opened it, not since the seeding
        assert interview.created_at.date() >= interview.case.decided_at.date() - timedelta(days=1)
        assert interview.created_at < seeded["now"] - timedelta(hours=1)
    assert found


def test_the_demo_channels_deliver_to_the_sandbox_and_seeding_again_adds_nothing_and_sends_nothing(
        seeded, mailoutbox, client):
    from django.contrib.auth import get_user_model

    from notify.models import Delivery, SandboxMessage
    from projects.models import MonthlyReport

    deliveries = Delivery.objects.all()
    assert deliveries.exists() and set(deliveries.values_list("state", flat=True)) == {"sent"}
    assert SandboxMessage.objects.count() == deliveries.count()
    assert not deliveries.filter(created_at__gt=seeded["now"]).exists()
    client.force_login(get_user_model().objects.get(username="office"))
    with override_settings(NOTIFY_SANDBOX=True):
        page = client.get("/notify/sandbox/khb-office/").content.decode()
    assert deliveries.filter(channel__name__startswith="考核办").first().title[:8] in page
    with override_settings(NOTIFY_SANDBOX=False):
        assert client.get("/notify/sandbox/khb-office/").status_code == 404
    counts = (MonthlyReport.objects.count(), Delivery.objects.count())
    out = io.StringIO()
    with override_settings(NOTIFY_SANDBOX=True):
        call_command("seed_demo", stdout=out)
    assert (MonthlyReport.objects.count(), Delivery.objects.count()) == counts
    assert mailoutbox == []
    assert "Nothing was sent" in out.getvalue()


def test_the_plan_keeps_pace_with_the_year_and_its_laggards_are_explained(seeded):
    """By any day most of the plan is on pace or done: at most two missed, a handful lagging; a stage past its
    date carries the lead unit's word on why; a published report of record lacks no explanation."""
    from django.contrib.auth import get_user_model

    from targets import selectors
    from targets.models import Report, Stage

    today = seeded["today"]
    plan = selectors.current_plan(today.year)
    data = selectors.board(user=get_user_model().objects.get(username="admin"), plan=plan)
    counts = data["counts"]
    assert counts["missed"] <= 2 and counts["missed"] + counts["at_risk"] <= 3, counts
    assert counts["missed"] + counts["at_risk"] + counts["behind"] <= 5, counts
    assert counts["done"] + counts["on_track"] >= data["total"] - 5
    late = Stage.objects.filter(target__plan=plan, reached_on__isnull=True, planned_date__lt=today)
    assert not late.filter(evidence="").exists(), list(late.values_list("target__code", "name"))
    for report in Report.objects.filter(state="published"):
        rows = [row for section in report.content["sections"] for row in section["rows"]]
        assert not [row["code"] for row in rows if row["explanation_missing"]], report
        assert report.published_at < seeded["now"] - timedelta(days=1)
        missed = sum(row["status"] == "missed" for row in rows)
        assert missed <= (2 if report.kind == "h1" else 6), (report, missed)


def test_the_org_records_and_the_explanation_list_are_of_their_time(seeded, client):
    """Units, users, memberships, leaders, links and enterprises were set up when the demo's history began
    (their history rows by the administrator), not on the seeding day; the explanation list of the year
    counts what the task list shows overdue, each with its reason."""
    from django.contrib.auth import get_user_model

    from leaders.models import Enterprise, Leader, LeaderLink
    from livelihood.models import LivelihoodTask
    from org.models import Membership, Unit
    from projects.models import Project

    day_before = seeded["now"] - timedelta(days=1)
    first_project = Project.objects.order_by("created_at").first().created_at
    for model in (Unit, Membership, Leader):
        rows = model.history.all()
        assert rows.exists() and set(rows.values_list("history_user__username", flat=True)) == {"admin"}, model
    for model in (Unit, Membership):  # set up before the first project signed
        assert not model.history.filter(history_date__gt=first_project).exists(), model
    term = {timezone.localtime(d).date() for d in Leader.history.values_list("history_date", flat=True)}
    assert {(d.year, d.month) for d in term} == {(seeded["today"].year - 2, 1)}  # the present term began
    for model in (Enterprise, LeaderLink):
        assert not model.history.filter(history_date__gt=day_before).exists(), model
    assert not get_user_model().objects.filter(date_joined__gt=first_project).exists()

    client.force_login(get_user_model().objects.get(username="office"))
    today = seeded["today"]
    for year, owed in ((today.year, LivelihoodTask.objects.filter(year=today.year, deadline__lt=today,
                                                                  completed_on__isnull=True)),
                       (today.year - 1, LivelihoodTask.objects.filter(year=today.year - 1, completed_on__isnull=True))):
        response = client.get(reverse("channels:document_export", args=["livelihood_explanations"]), {"year": year})
        assert response.status_code == 200
        text = _docx_text(response.content)
        assert "尚未填写" not in text
        assert f"有 {owed.count()} 项" in text, (year, owed.count())


def _docx_text(content):
    import docx

    document = docx.Document(io.BytesIO(content))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)
