"""The quarterly sprint race (季度冲刺赛): the year's scheme, targets, races, scores, runs,
composite evaluations and consequence cases.

A scheme holds the year's indicators (weights per group sum to 100), each unit's annual target per
indicator, the share of the annual target due by each quarter, the flag counts and the composite
weights. A race is one quarter; its scores are written only by the scoring service, wholesale, in
one transaction (the run record is their audit trail).
"""

from .consequences import ConsequenceCase, HonourProposal, LeaderInterview
from .races import CompositeEvaluation, ScoringRun, SprintRace, SprintRaceQuerySet, SprintScore
from .scheme import AMOUNT, PERCENT, AnnualTarget, Indicator, ManualValue, SprintScheme, YearEndAssessment

__all__ = [
    "PERCENT",
    "AMOUNT",
    "SprintScheme",
    "Indicator",
    "AnnualTarget",
    "ManualValue",
    "YearEndAssessment",
    "SprintRaceQuerySet",
    "SprintRace",
    "SprintScore",
    "ScoringRun",
    "CompositeEvaluation",
    "ConsequenceCase",
    "HonourProposal",
    "LeaderInterview",
]
