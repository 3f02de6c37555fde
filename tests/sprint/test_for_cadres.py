"""The sprint race's side of the hook the cadres app declares (``cadres/hooks.py``): each read returns the
declared fields from the sprint models, so renaming a sprint field fails here, not silently on a cadre's page."""

from dataclasses import fields
from decimal import Decimal

import pytest

from cadres import hooks
from projects.sprint import for_cadres
from projects.sprint.models import CompositeEvaluation, ConsequenceCase

from .consequence_helpers import confirmed_case, published_scores

pytestmark = pytest.mark.django_db


def test_the_sprint_race_is_the_registered_source():
    assert hooks.source() is for_cadres.SOURCE
    assert {f.name for f in fields(hooks.SprintSource)} == {"confirmed", "all_confirmed", "context", "award_bar"}


def test_a_confirmed_case_is_handed_over_with_every_declared_field(users, units):
    ConsequenceCase.objects.create(unit=units.town, year=2025, kind="interview", evidence="仍在提议")
    case = confirmed_case(units.town, 2025, "reassignment", users.office, evidence="两年末位")
    found = hooks.confirmed_consequence(unit_id=units.town.pk)
    assert found == hooks.Consequence(
        id=case.pk, unit_id=units.town.pk, unit_name="测试甲镇", year=2025, kind="reassignment",
        kind_label="单位领导班子组织调整", evidence="两年末位",
        decided_at=ConsequenceCase.objects.get(pk=case.pk).decided_at)
    assert found.decided_at is not None
    assert str(found) == "2025 测试甲镇 · 单位领导班子组织调整"
    assert hooks.confirmed_consequence(unit_id=units.town.pk, case_id=case.pk + 1) is None  # the proposed one
    assert hooks.confirmed_consequence(unit_id=units.other_town.pk) is None
    assert [c.id for c in hooks.all_confirmed()] == [case.pk]


def test_the_context_names_standing_flags_composite_and_consequences(users, units):
    published_scores(2026, {1: [(units.town, "61.00", None)], 2: [(units.town, "41.50", "yellow")]})
    CompositeEvaluation.objects.create(
        year=2025, unit=units.town, group="town", race_scores=[], race_composite=Decimal("50"), race_rank=3,
        assessment=Decimal("90"), year_end_score=Decimal("70"), year_end_rank=7, group_size=9)
    case = confirmed_case(units.town, 2025, "no_awards", users.office)
    context = hooks.sprint_context(unit_id=units.town.pk)
    assert context.standing == hooks.Standing(race="2026年第2季度冲刺赛", rank=1, score=Decimal("41.50"),
                                              flag="yellow", flag_label="黄旗")
    assert [(s.race, s.flag) for s in context.flags] == [("2026年第2季度冲刺赛", "yellow")]
    assert context.composite == hooks.Composite(year=2025, rank=7, group_size=9)
    assert [c.id for c in context.consequences] == [case.pk]
    empty = hooks.sprint_context(unit_id=units.other_town.pk)
    assert (empty.standing, empty.flags, empty.composite, empty.consequences) == (None, [], None, [])


def test_without_a_registered_source_cadres_sees_nothing(units, monkeypatch):
    monkeypatch.setattr(hooks, "_sources", [])
    assert hooks.confirmed_consequence(unit_id=units.town.pk) is None
    assert hooks.sprint_context(unit_id=units.town.pk) is None
    assert hooks.award_bar(unit_id=units.town.pk, year=2025) is None
    assert hooks.all_confirmed() == []
