"""The arithmetic of the race, free of the database so it can be tested over random data.

Score of a unit: for each indicator of its group, the actual value to date is divided by the target
due by the quarter (annual target × the quarter's share; for a counted indicator, ``COUNTED``, rounded
to a whole number and at least one), the rate is capped (120% by default),
multiplied by the indicator's weight and summed; weights of a group add up to 100, so a unit on
schedule everywhere scores 100. A rate (``RATES``: the on-time reporting rate) is not spread over the
quarters: its target (95% say) holds in every quarter, and the unit's rate is divided by it.
A unit is scored only on the indicators it has a target for, their
weights normalised to 100 (see ``score_unit``).

Ranks and flags within a group (the tie rule):
1. Equal scores share a rank: 1, 2, 2, 4 (``rank``); ``position`` 1..n orders the table
   (ties by the unit's order), so positions are a permutation.
2. A red flag goes to every unit whose rank is within the group's red-flag count; a yellow flag to
   every unit whose rank counted from the bottom is within the yellow-flag count. So a tie at a flag
   boundary gives the flag to all the tied units (there may be more flags than the scheme's count).
3. A tied block that would earn both flags (only when nearly the whole group ties) earns neither:
   the race did not separate those units.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

HUNDRED = Decimal(100)
# Measures that count things: their targets, and each quarter's share of them, are whole numbers.
COUNTED = frozenset("个家项头次名户起件村")
CENT = Decimal("0.01")
# Derivations whose actual value is a rate (percent), not a running total: due in full every quarter.
RATES = frozenset({"reporting_on_time_rate"})


def q2(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class IndicatorSpec:
    id: int
    code: str
    name: str
    measure: str
    weight: Decimal
    derivation: str
    groups: str = "all"

    def applies_to(self, group: str) -> bool:
        return self.groups in ("all", group)


@dataclass
class UnitResult:
    unit_id: int
    group: str
    order: tuple
    score: Decimal = Decimal(0)
    breakdown: list = field(default_factory=list)
    rank: int = 0
    position: int = 0
    flag: str | None = None
    half_year_met: bool | None = None


def score_unit(*, indicators, actuals, targets, share, cap) -> tuple[Decimal, list]:
    """A unit's score and breakdown. ``actuals``/``targets`` map indicator id → Decimal (annual target).

    A unit is scored only on the indicators it has a target for; the weights of those indicators are
    normalised to 100 (row ``weight``; the scheme's own weight is ``scheme_weight``), so a unit on
    schedule everywhere scores 100 whichever indicators it is assessed on. With targets for every
    indicator of its group the normalised weights are the scheme's.
    """
    cap_rate = Decimal(cap) / HUNDRED
    assessed = [ind for ind in indicators if ind.id in targets]
    weights = sum((Decimal(ind.weight) for ind in assessed), Decimal(0))
    total = Decimal(0)
    breakdown = []
    for ind in assessed:
        annual = Decimal(targets[ind.id])
        due = annual if ind.derivation in RATES else annual * Decimal(share) / HUNDRED
        # A quarter owes whole things: rounded, at least one.
        if ind.measure in COUNTED and due > 0 and ind.derivation not in RATES:
            due = max(Decimal(1), due.quantize(Decimal(1), rounding=ROUND_HALF_UP))
        actual = Decimal(actuals.get(ind.id, 0))
        rate = actual / due if due > 0 else Decimal(0)
        capped = min(rate, cap_rate)
        weight = Decimal(ind.weight) * HUNDRED / weights
        points = q2(weight * capped)
        total += points
        breakdown.append(
            {
                "indicator": ind.id,
                "code": ind.code,
                "name": ind.name,
                "measure": ind.measure,
                "weight": str(q2(weight)),
                "scheme_weight": str(ind.weight),
                "derivation": ind.derivation,
                "actual": str(q2(actual)),
                "annual_target": str(q2(annual)),
                "target": str(q2(due)),
                "rate": str(q2(rate * HUNDRED)),
                "capped": capped < rate,
                "points": str(points),
            }
        )
    return q2(total), breakdown


def rank(results: list[UnitResult]) -> list[UnitResult]:
    """Shared ranks by score (highest first) and positions 1..n, within one group."""
    ordered = sorted(results, key=lambda r: (-r.score, r.order))
    for index, result in enumerate(ordered):
        result.position = index + 1
        result.rank = 1 + sum(1 for other in ordered if other.score > result.score)
    return ordered


def bottom_rank(result, results) -> int:
    """Rank counted from the bottom (1 = lowest), shared by equal scores."""
    return 1 + sum(1 for other in results if other.score < result.score)


def award_flags(results: list[UnitResult], *, red: int, yellow: int) -> None:
    """Set ``flag`` on ranked results of one group by the tie rule in the module docstring."""
    for result in results:
        is_red = red > 0 and result.rank <= red
        is_yellow = yellow > 0 and bottom_rank(result, results) <= yellow
        result.flag = None if is_red == is_yellow else ("red" if is_red else "yellow")


def in_bottom(value, values, count) -> bool:
    """Whether ``value`` is in the bottom ``count`` of ``values`` (ties share the place), and some unit
    did better: when every unit ties, nobody is singled out."""
    if count <= 0 or not any(v > value for v in values):
        return False
    return 1 + sum(1 for v in values if v < value) <= count


def half_year_completion(breakdown) -> Decimal:
    """Weighted completion of the annual targets, in percent: each indicator's actual ÷ annual target
    (at most 100%) weighted by the unit's (normalised) weights."""
    total, weights = Decimal(0), Decimal(0)
    for row in breakdown:
        annual = Decimal(row["annual_target"])
        done = min(Decimal(row["actual"]) / annual, Decimal(1)) if annual > 0 else Decimal(0)
        total += Decimal(row["weight"]) * done
        weights += Decimal(row["weight"])
    return q2(total * HUNDRED / weights) if weights else Decimal(0)


def half_year_met(breakdown, share) -> bool:
    """The half-year rule (checked at Q2): by 30 June at least the Q2 share (60% by default) of the
    year's assessed targets is done, counting each indicator by its weight."""
    return half_year_completion(breakdown) >= Decimal(share)


def score_group(*, group, units, indicators, actuals, targets, share, cap, red, yellow, half_year=False):
    """Score, rank and flag one group. ``units``: list of (unit_id, order key). Returns ranked results."""
    specs = [ind for ind in indicators if ind.applies_to(group)]
    results = []
    for unit_id, order in units:
        result = UnitResult(unit_id=unit_id, group=group, order=order)
        result.score, result.breakdown = score_unit(
            indicators=specs, actuals=actuals.get(unit_id, {}), targets=targets[unit_id], share=share, cap=cap
        )
        if half_year:
            result.half_year_met = half_year_met(result.breakdown, share)
        results.append(result)
    ranked = rank(results)
    award_flags(ranked, red=red, yellow=yellow)
    return ranked


@dataclass(frozen=True)
class Trigger:
    unit_id: int
    kind: str
    evidence: str


def consequence_triggers(*, rows, previous_bottom_two, texts):
    """The consequence cases the year's composite triggers, per group.

    ``rows``: dicts with unit_id, group, race_composite, year_end_score (and anything ``texts`` use).
    ``previous_bottom_two``: ids of the units in the bottom two at last year's year-end composite.
    ``texts``: callables building the evidence (kept outside so they are translated by the caller).
    Rules: bottom 3 of the four-race composite → interview; bottom 2 at year end → interview and
    no awards; bottom 2 at year end this year and last year → reassignment.
    """
    triggers = []
    by_group = {}
    for row in rows:
        by_group.setdefault(row["group"], []).append(row)
    for members in by_group.values():
        race_values = [r["race_composite"] for r in members]
        year_values = [r["year_end_score"] for r in members]
        for row in members:
            evidence = {"interview": [], "no_awards": [], "reassignment": []}
            if in_bottom(row["race_composite"], race_values, 3):
                evidence["interview"].append(texts["race_bottom_three"](row))
            year_bottom = in_bottom(row["year_end_score"], year_values, 2)
            row["year_end_bottom_two"] = year_bottom
            if year_bottom:
                evidence["interview"].append(texts["year_bottom_two"](row))
                evidence["no_awards"].append(texts["year_bottom_two"](row))
                if row["unit_id"] in previous_bottom_two:
                    evidence["reassignment"].append(texts["two_years"](row))
            for kind, lines in evidence.items():
                if lines:
                    triggers.append(Trigger(unit_id=row["unit_id"], kind=kind, evidence="\n".join(lines)))
    return triggers
