"""The year's composite evaluation, the consequence cases it proposes, and the office's decision
on a case (a confirmed one is announced to the cadres app)."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gaoyou_portal.audit import save_audited
from gaoyou_portal.errors import DomainError, full_clean

from .. import consequences, for_cadres, scoring, selectors
from ..choices import CaseStatus, ConsequenceKind, RaceStatus
from ..models import CompositeEvaluation, ConsequenceCase, SprintRace, SprintScheme, SprintScore, YearEndAssessment
from ..signals import consequence_confirmed


@transaction.atomic
def year_evaluate(*, year, user) -> dict:
    """Composite evaluations of a year and the consequence cases they trigger.

    Needs the four races published and every ranked unit's year-end assessment. The four-race
    composite is the mean of a unit's quarterly scores; the year-end composite weighs it with the
    assessment by the scheme's weights. Proposed cases no longer triggered are withdrawn; cases
    already decided are left as they are.
    """
    scheme = SprintScheme.objects.filter(year=year).first()
    if scheme is None:
        raise DomainError(_("There is no sprint race scheme for %(year)s: the office sets it up first.")
                          % {"year": year})
    races = list(SprintRace.objects.filter(year=year, status=RaceStatus.PUBLISHED))
    if len(races) < 4:
        raise DomainError(_("The composite needs the four races of %(year)s published (%(n)d are).")
                          % {"year": year, "n": len(races)})
    by_unit = defaultdict(dict)
    units = {}
    for score in SprintScore.objects.filter(race__in=races, unit__in=selectors.participating_units()).select_related(
            "unit", "race"):
        by_unit[score.unit_id][score.race.quarter] = score
        units[score.unit_id] = score.unit
    assessments = dict(YearEndAssessment.objects.filter(year=year).values_list("unit_id", "score"))
    missing = [units[uid].name for uid in by_unit if uid not in assessments]
    if missing:
        raise DomainError(_("Year-end assessments are missing: %(list)s.") % {"list": "、".join(missing[:10])})
    rows = []
    for uid, quarters in by_unit.items():
        values = [quarters[q].score for q in sorted(quarters)]
        race_composite = scoring.q2(sum(values, Decimal(0)) / len(values))
        year_end = scoring.q2((race_composite * scheme.race_weight + assessments[uid] * scheme.assessment_weight)
                              / scoring.HUNDRED)
        rows.append({"unit_id": uid, "unit": units[uid], "group": quarters[max(quarters)].group,
                     "race_scores": [str(v) for v in values], "race_composite": race_composite,
                     "assessment": assessments[uid], "year_end_score": year_end})
    sizes = defaultdict(int)
    for row in rows:
        sizes[row["group"]] += 1
    for row in rows:
        peers = [r for r in rows if r["group"] == row["group"]]
        row["race_rank"] = 1 + sum(1 for r in peers if r["race_composite"] > row["race_composite"])
        row["year_end_rank"] = 1 + sum(1 for r in peers if r["year_end_score"] > row["year_end_score"])
        row["race_bottom_three"] = scoring.in_bottom(row["race_composite"], [r["race_composite"] for r in peers], 3)
    last_year = {c.unit_id: c for c in CompositeEvaluation.objects.filter(year=year - 1, year_end_bottom_two=True)}
    previous = set(last_year)
    texts = {
        "race_bottom_three": lambda r: _(
            "%(year)s four-race composite %(score)s (quarters: %(scores)s), rank %(rank)d of %(size)d: bottom 3."
        ) % {"year": year, "score": r["race_composite"], "scores": " / ".join(r["race_scores"]),
             "rank": r["race_rank"], "size": sizes[r["group"]]},
        "year_bottom_two": lambda r: _(
            "%(year)s year-end composite %(score)s (four-race %(race)s × %(rw)s%% + assessment %(assessment)s × "
            "%(aw)s%%), rank %(rank)d of %(size)d: bottom 2."
        ) % {"year": year, "score": r["year_end_score"], "race": r["race_composite"], "rw": scheme.race_weight,
             "assessment": r["assessment"], "aw": scheme.assessment_weight, "rank": r["year_end_rank"],
             "size": sizes[r["group"]]},
        # The reassignment proposal carries both years' figures to the organisation department.
        "two_years": lambda r: _(
            "Bottom 2 at the year-end composite two years running: %(last)s composite %(last_score)s, rank "
            "%(last_rank)d of %(last_size)d; %(year)s composite %(score)s, rank %(rank)d of %(size)d."
        ) % {"last": year - 1, "last_score": last_year[r["unit_id"]].year_end_score,
             "last_rank": last_year[r["unit_id"]].year_end_rank, "last_size": last_year[r["unit_id"]].group_size,
             "year": year, "score": r["year_end_score"], "rank": r["year_end_rank"], "size": sizes[r["group"]]},
    }
    triggers = scoring.consequence_triggers(rows=rows, previous_bottom_two=previous, texts=texts)
    CompositeEvaluation.objects.filter(year=year).delete()
    CompositeEvaluation.objects.bulk_create([
        CompositeEvaluation(
            year=year, unit_id=r["unit_id"], group=r["group"], race_scores=r["race_scores"],
            race_composite=r["race_composite"], race_rank=r["race_rank"], assessment=r["assessment"],
            year_end_score=r["year_end_score"], year_end_rank=r["year_end_rank"], group_size=sizes[r["group"]],
            race_bottom_three=r["race_bottom_three"], year_end_bottom_two=r["year_end_bottom_two"],
        )
        for r in rows
    ])
    # Only the kinds the composite proposes: the half-year cases are the Q2 race's.
    composite_kinds = [ConsequenceKind.INTERVIEW, ConsequenceKind.NO_AWARDS, ConsequenceKind.REASSIGNMENT]
    existing = {(c.unit_id, c.kind): c for c in ConsequenceCase.objects.filter(year=year, kind__in=composite_kinds)}
    proposed = 0
    wanted = set()
    for trigger in triggers:
        wanted.add((trigger.unit_id, trigger.kind))
        case = existing.get((trigger.unit_id, trigger.kind))
        if case is None:
            case = ConsequenceCase(unit_id=trigger.unit_id, year=year, kind=trigger.kind)
        elif case.status != CaseStatus.PROPOSED or case.evidence == trigger.evidence:
            continue
        case.evidence = trigger.evidence
        full_clean(case, validate_unique=False)
        save_audited(case, user=user, reason=_("Proposed by the composite evaluation"))
        proposed += 1
    withdrawn = 0
    for key, case in existing.items():
        if key not in wanted and case.status == CaseStatus.PROPOSED:
            case._history_user = user
            case._change_reason = _("No longer triggered by the composite evaluation")
            case.delete()
            withdrawn += 1
    return {"units": len(rows), "proposed": proposed, "withdrawn": withdrawn}


def _decide(case, *, user, reason, status):
    case = ConsequenceCase.objects.select_for_update().get(pk=case.pk)
    if case.status != CaseStatus.PROPOSED:
        raise DomainError(_("This case has already been decided."))
    if not (reason or "").strip():
        raise DomainError({"reason": [_("Give the reason for the decision.")]})
    case.status, case.reason, case.decided_by, case.decided_at = status, reason.strip(), user, timezone.now()
    full_clean(case, validate_unique=False)
    save_audited(case, user=user, update_fields=["status", "reason", "decided_by", "decided_at"],
                 reason=case.get_status_display())
    return case


@transaction.atomic
def case_confirm(*, case, user, reason) -> ConsequenceCase:
    """Confirm a proposed case; listeners (the cadres app) hear of it inside the transaction."""
    case = _decide(case, user=user, reason=reason, status=CaseStatus.CONFIRMED)
    consequences.on_case_confirmed(case, user)
    consequence_confirmed.send(sender=ConsequenceCase, consequence=for_cadres.consequence(case), user=user)
    return case


@transaction.atomic
def case_dismiss(*, case, user, reason) -> ConsequenceCase:
    return _decide(case, user=user, reason=reason, status=CaseStatus.DISMISSED)
