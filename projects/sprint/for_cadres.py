"""The sprint race's side of the cadres' hook (``cadres/hooks.py``, declared by the cadres app): the
consequence a confirmed case hands over and the reads cadres makes, with every field named here.
Registered in ``apps.py``; ``tests/sprint/test_for_cadres.py`` holds each read to the declared fields, so
renaming a field here breaks a test and not, silently, the cadres' pages."""

from cadres.hooks import Composite, Consequence, SprintContext, SprintSource, Standing

from .choices import CaseStatus, RaceStatus
from .consequences import award_bar
from .models import CompositeEvaluation, ConsequenceCase, SprintScore


def consequence(case) -> Consequence:
    return Consequence(id=case.pk, unit_id=case.unit_id, unit_name=case.unit.name, year=case.year, kind=case.kind,
                       kind_label=str(case.get_kind_display()), evidence=case.evidence, decided_at=case.decided_at)


def _confirmed_cases():
    return ConsequenceCase.objects.filter(status=CaseStatus.CONFIRMED).select_related("unit")


def confirmed(*, unit_id, case_id=None):
    cases = _confirmed_cases().filter(unit_id=unit_id)
    if case_id:
        cases = cases.filter(pk=case_id)
    case = cases.order_by("-pk").first()
    return consequence(case) if case else None


def all_confirmed():
    return [consequence(case) for case in _confirmed_cases().order_by("pk")]


def _standing(score) -> Standing:
    return Standing(race=str(score.race), rank=score.rank, score=score.score, flag=score.flag or "",
                    flag_label=str(score.get_flag_display() or ""))


def context(*, unit_id) -> SprintContext:
    scores = list(SprintScore.objects.filter(unit_id=unit_id, race__status=RaceStatus.PUBLISHED)
                  .select_related("race").order_by("-race__year", "-race__quarter")[:8])
    composite = CompositeEvaluation.objects.filter(unit_id=unit_id).order_by("-year").first()
    cases = _confirmed_cases().filter(unit_id=unit_id).order_by("-year", "-pk")[:8]
    return SprintContext(
        standing=_standing(scores[0]) if scores else None,
        flags=[_standing(score) for score in scores if score.flag],
        composite=Composite(year=composite.year, rank=composite.year_end_rank, group_size=composite.group_size)
        if composite else None,
        consequences=[consequence(case) for case in cases],
    )


SOURCE = SprintSource(confirmed=confirmed, all_confirmed=all_confirmed, context=context, award_bar=award_bar)
