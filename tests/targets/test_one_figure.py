"""One figure, one definition, one number: every registered metric's count equals the records listed for it
(page and API), and the public home, the public plan, the API and the board give the same number."""

import re
from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.utils import timezone

from gaoyou_portal import registry
from livelihood.choices import TaskStatus
from projects.choices import MilestoneKind, ProjectLevel
from projects.models import Milestone
from projects.sprint.models import SprintRace, SprintScore
from safety.choices import CaseState, FirmDisposition, WorkshopDisposition
from targets import selectors
from targets.choices import TargetKind
from tests.livelihood.factories import TaskFactory
from tests.projects.factories import ProjectFactory
from tests.safety.factories import ChemicalFirmFactory, GarmentWorkshopFactory
from tests.sprint.factories import SchemeFactory

MAY = datetime(2026, 5, 20, 10, tzinfo=ZoneInfo("Asia/Shanghai"))
Y = 2026


def _started(project, day):
    Milestone.objects.filter(project=project, kind=MilestoneKind.STARTED).update(actual_date=day)


@pytest.fixture
def records(units, db):
    """For every registered metric: records it counts and records of the same kind it does not (an earlier
    year, not yet done), as E03's projects started in 2023–2025 were listed beside this year's."""
    for level in (ProjectLevel.PROVINCIAL, ProjectLevel.PREFECTURE):
        for day in (date(Y, 2, 1), date(Y, 4, 9), date(Y - 1, 10, 1), date(Y - 3, 5, 1)):
            _started(ProjectFactory(level=level, responsible_unit=units.town), day)
        ProjectFactory(level=level, responsible_unit=units.town)
    TaskFactory(lead_unit=units.dept, number=1, status=TaskStatus.COMPLETED, completed_on=date(Y, 3, 1))
    TaskFactory(lead_unit=units.dept, number=2, status=TaskStatus.COMPLETED, completed_on=date(Y, 4, 1))
    TaskFactory(lead_unit=units.dept, number=3, status=TaskStatus.IN_PROGRESS)
    struck = timezone.make_aware(datetime(Y, 4, 1, 10))
    for factory, disposition in ((ChemicalFirmFactory, d) for d in FirmDisposition.values):
        factory(town=units.town, disposition=disposition, state=CaseState.CLOSED_OUT, closed_out_at=struck)
        factory(town=units.town, disposition=disposition, state=CaseState.IN_PROGRESS)
    for disposition in WorkshopDisposition.values:
        GarmentWorkshopFactory(town=units.town, disposition=disposition, state=CaseState.CLOSED_OUT,
                               closed_out_at=struck)
        GarmentWorkshopFactory(town=units.town, disposition=disposition, state=CaseState.IN_PROGRESS)
    race = SprintRace.objects.create(scheme=SchemeFactory(year=Y), year=Y, quarter=2)
    for position, (unit, met) in enumerate(((units.town, True), (units.other_town, False), (units.park, True)), 1):
        SprintScore.objects.create(race=race, unit=unit, group="town", score=Decimal(90), rank=position,
                                   position=position, half_year_met=met)


@pytest.fixture
def derived(make_target, plan, records):
    """A public derived target of the year for every registered metric (none rests on cadre records)."""
    return [make_target(kind=TargetKind.DERIVED, metric=m.code, title=str(m.label), measure=m.unit,
                        figure=Decimal(40), deadline=date(plan.year, 12, 31))
            for m in registry.metrics() if not m.confidential]


@pytest.mark.clock("2026-05-20T10:00")  # written for this day of 2026 (its plan and records too)
def test_every_metrics_count_equals_the_records_the_page_and_the_api_list(client, users, derived):
    assert len(derived) == len(registry.metrics()) >= 10
    client.force_login(users.office)
    with time_machine.travel(MAY, tick=False):
        rows = {r.target.pk: r for r in selectors.evaluate_targets(derived)}
        for target in derived:
            actual = rows[target.pk].evaluation.actual
            if target.measure == "%":  # a rate (the on-time reporting rate) counts no records: its items are listed
                assert 0 <= actual <= 100, target.metric
                assert client.get(f"/api/v1/targets/{target.pk}/records/").status_code == 200
                continue
            assert actual >= 1, target.metric  # the test counts something for every metric
            listed = client.get(f"/api/v1/targets/{target.pk}/records/").json()
            assert len(listed) == actual, (target.metric, actual, listed)
            assert client.get(f"/api/v1/targets/{target.pk}/").json()["actual"] == str(len(listed))
            page = client.get(target.get_absolute_url()).content.decode()
            counted = re.search(r'data-testid="counted-records">(.*?)</ul>', page, flags=re.S).group(1)
            assert counted.count("<li") == actual, target.metric
        e03 = next(t for t in derived if t.metric == "projects.prefecture_started")
        assert len(client.get(f"/api/v1/targets/{e03.pk}/records/").json()) == 2  # not the 2025 and 2023 starts


def test_the_records_endpoint_is_scoped_to_the_caller(client, users, make_target, derived):
    secret = make_target(code="C01", is_confidential=True, is_public=False, measure="名")
    client.force_login(users.office)
    assert client.get(f"/api/v1/targets/{secret.pk}/records/").status_code == 404
    client.force_login(users.orgdept)
    assert client.get(f"/api/v1/targets/{secret.pk}/records/").status_code == 200
    client.logout()
    assert client.get(f"/api/v1/targets/{derived[0].pk}/records/").status_code in (401, 403, 404)


@pytest.mark.clock("2026-05-20T10:00")  # written for this day of 2026 (its plan and records too)
def test_the_public_home_the_public_plan_the_api_and_the_board_agree_for_every_public_target(client, users,
                                                                                             derived, plan):
    with time_machine.travel(MAY, tick=False):
        board = {r.target.metric: r.evaluation.actual for section in
                 selectors.board(user=users.office, plan=plan)["sections"] for r in section["rows"]}
        shown = {}
        for block in registry.public_summaries():
            shown.update(block.get("metrics", {}))
        on_home = [code for code in shown if code in board]
        assert {"projects.prefecture_started", "projects.provincial_started", "livelihood.tasks_completed",
                "safety.firms_closed", "safety.workshops_shut"} <= set(on_home)
        for code in on_home:
            assert Decimal(shown[code]) == board[code], code
        home = client.get("/").content.decode()
        assert "扬州市级项目今年开工" in home and "累计开工" in home
        body = client.get("/api/v1/targets/", {"page_size": 100}).json()
        public_api = {r["code"]: r["actual"] for r in (body["results"] if isinstance(body, dict) else body)}
        plan_page = client.get("/targets/public/").content.decode()
        for target in derived:
            assert public_api[target.code] == target.written(board[target.metric])
            detail = client.get(target.get_public_url()).content.decode()
            assert re.search(rf'data-testid="actual">\s*{board[target.metric]}\b', detail), target.metric
            assert f'data-code="{target.code}"' in plan_page
