"""Three years side by side: predecessors by code or by the office's choice (never from the same year), the year
closed with frozen final values, history on the staff and public target pages and in the API, last year's final
value on the board, and the demo's 2024 and 2025 plans."""

from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse

from leaders import demo as leaders_demo
from org import demo as org_demo
from targets import demo, demo_history, services
from targets.choices import ExplanationState, ReportState, Status
from targets.models import Explanation, Plan, Report, Section, Target

WORDS = {"definition": "本年签约入住户数", "data_source": "各镇按月填报"}


@pytest.fixture
def earlier(plan, make_target, units, users):
    """The same target in the two plans before this one, closed with their final values."""
    made = []
    for back, (figure, actual, status) in ((2, (500, 480, Status.MISSED)), (1, (550, 560, Status.DONE))):
        old = Plan.objects.create(year=plan.year - back, title=f"{plan.year - back}年目标任务")
        section = Section.objects.create(plan=old, order=1, title="聚焦经济发展")
        made.append(make_target(plan=old, section=section, code="B12", figure=Decimal(figure),
                                deadline=date(old.year, 12, 31), final_actual=Decimal(actual), final_status=status,
                                predecessor=made[-1] if made else None))
    Explanation.objects.create(target=made[0], text="受土地指标影响，进度慢于计划。", state=ExplanationState.APPROVED)
    return made


@pytest.fixture
def current(earlier, make_target):
    return make_target(code="B12", title="600户零散农户集中居住", figure=Decimal(600), predecessor=earlier[1])


def test_a_new_target_links_to_the_same_code_in_the_nearest_earlier_plan(plan, section, units, users, earlier):
    target = Target(plan=plan, section=section, code="B12", title="600户", kind="reported", figure=600, measure="户",
                    deadline=date(plan.year, 12, 31), lead_unit=units.dept, **WORDS)
    services.target_save(target=target, user=users.office)
    assert target.predecessor == earlier[1]


def test_a_predecessor_from_the_same_year_is_refused(plan, section, units, users, make_target):
    same_year = make_target(code="Z01")
    target = Target(plan=plan, section=section, code="Z02", title="同年", kind="reported", figure=6, measure="户",
                    deadline=date(plan.year, 12, 31), lead_unit=units.dept, predecessor=same_year, **WORDS)
    with pytest.raises(ValidationError) as exc:
        services.target_save(target=target, user=users.office)
    assert exc.value.message_dict["predecessor"] == [f"上年目标须取自更早年度的计划，不能是 {plan.year} 年的。"]
    assert not Target.objects.filter(code="Z02").exists()


def test_history_shows_three_years_on_the_pages_and_in_the_api(client, users, current, earlier, plan):
    client.force_login(users.office)
    body = client.get(f"/api/v1/targets/{current.pk}/").json()
    assert [(h["year"], h["figure"], h["actual"], h["status"], h["final"]) for h in body["history"]] == [
        (plan.year - 2, "500", "480", "missed", True), (plan.year - 1, "550", "560", "done", True),
        (plan.year, "600", "0", body["status"], False)]
    assert body["history"][0]["explanation"] == "受土地指标影响，进度慢于计划。"
    for url in (current.get_absolute_url(), current.get_public_url()):
        page = client.get(url).content.decode()
        rows = [y for y in range(plan.year - 2, plan.year + 1) if f'data-year="{y}"' in page]
        assert rows == [plan.year - 2, plan.year - 1, plan.year], url
        assert "480户" not in page and ">480<" in page.replace(" ", "")
    client.logout()
    public = client.get(f"/api/v1/targets/{current.pk}/").json()
    assert [h["year"] for h in public["history"]] == [plan.year - 2, plan.year - 1, plan.year]
    earlier[0].is_public = False
    earlier[0].save()
    assert [h["year"] for h in client.get(f"/api/v1/targets/{current.pk}/").json()["history"]] == \
        [plan.year - 1, plan.year]


def test_the_board_shows_last_years_final_value_in_a_column(client, users, current):
    client.force_login(users.leader)
    page = client.get(reverse("targets:board")).content.decode()
    assert 'class="text-end small last-year"' not in page
    page = client.get(reverse("targets:board"), {"last_year": 1}).content.decode()
    assert '<td class="text-end small last-year">560</td>' in page


def test_closing_a_year_freezes_its_final_values_once_and_only_after_it(users, make_target, plan):
    target = make_target(figure=Decimal(10))
    with pytest.raises(ValidationError) as exc:
        services.plan_close(plan=plan, user=users.office, today=date(plan.year, 12, 31))
    assert exc.value.messages == [f"{plan.year}年计划须在年度结束后才能关账。"]
    services.plan_close(plan=plan, user=users.office, today=date(plan.year + 1, 1, 8))
    target.refresh_from_db()
    assert (target.final_actual, target.final_status) == (0, Status.MISSED)
    with pytest.raises(ValidationError):
        services.plan_close(plan=plan, user=users.office, today=date(plan.year + 1, 1, 9))
    copy = services.plan_copy(source=plan, year=plan.year + 1, user=users.office)
    assert copy.targets.get(code=target.code).predecessor == target


@pytest.mark.date_dependent
@time_machine.travel(datetime(2026, 12, 7, 10, tzinfo=ZoneInfo("Asia/Shanghai")), tick=False)
def test_the_demo_carries_the_two_years_before_with_final_values_and_explanations(db):
    org_demo.seed()
    leaders_demo.seed()
    demo.seed()
    demo_history.seed()
    years = sorted(Plan.objects.values_list("year", flat=True))
    assert len(years) == 3 and years[0] == years[2] - 2
    for old in Plan.objects.filter(year__lt=years[2]):
        assert old.closed_at and old.targets.count() == 40
        assert not old.targets.filter(final_status="").exists()
        missed = old.targets.filter(final_status=Status.MISSED)
        assert missed.exists() and missed.count() == Explanation.objects.filter(
            target__in=missed, state=ExplanationState.APPROVED).count()
    current = Target.objects.filter(plan__year=years[2])
    assert current.filter(predecessor__plan__year=years[1]).count() == 40
    published = Report.objects.filter(state=ReportState.PUBLISHED)
    assert {(r.plan.year, r.kind) for r in published} == {(years[1], "year"), (years[2], "h1")}
    assert published.get(kind="year").notes.count() == 1
    demo_history.seed()  # idempotent
    assert Plan.objects.count() == 3 and Report.objects.count() == 2
