"""What the cadres app takes from the sprint race, declared here with every field it uses.

The cadres app imports no sprint module and loads no sprint model: the sprint race (``projects.sprint``)
imports this module, sends ``consequence_confirmed`` and registers its ``SprintSource`` in its
``AppConfig.ready()`` (``projects/sprint/for_cadres.py``). Without a registered source the cadres' sprint
context is empty, no award is barred and no consequence interview can be recorded.

This module imports only Django: the sprint app may import it whether or not cadres is installed.
"""

from dataclasses import dataclass, field

from django.dispatch import Signal


@dataclass(frozen=True)
class Consequence:
    """A confirmed consequence case of the sprint race, as cadres needs it."""

    id: int
    unit_id: int
    unit_name: str
    year: int
    kind: str  # "interview", "no_awards", "reassignment" or "half_year"
    kind_label: str
    evidence: str = ""
    decided_at: object = None  # when the office confirmed it (a datetime)

    def __str__(self):
        return f"{self.year} {self.unit_name} · {self.kind_label}"


@dataclass(frozen=True)
class Standing:
    """A unit's place in one published race."""

    race: str  # the race's name, e.g. "2026年第2季度冲刺赛"
    rank: int
    score: object  # a Decimal
    flag: str = ""  # "", "yellow" or "red"
    flag_label: str = ""


@dataclass(frozen=True)
class Composite:
    """A unit's latest year-end composite evaluation."""

    year: int
    rank: int
    group_size: int


@dataclass(frozen=True)
class SprintContext:
    """A unit's standing in the sprint race, shown on a cadre's page."""

    standing: Standing | None = None  # the latest published race
    flags: list = field(default_factory=list)  # Standings with a flag, latest first
    composite: Composite | None = None
    consequences: list = field(default_factory=list)  # confirmed Consequences, latest first


@dataclass(frozen=True)
class SprintSource:
    """The reads cadres makes of the sprint race (each a callable, keyword arguments only):

    - ``confirmed(*, unit_id, case_id=None) -> Consequence | None``: the unit's latest confirmed consequence
      (that case, if ``case_id``);
    - ``all_confirmed() -> list of Consequence``: every confirmed consequence (the demo replays them);
    - ``context(*, unit_id) -> SprintContext``;
    - ``award_bar(*, unit_id, year) -> str | None``: the citation barring the unit from awards in ``year``.
    """

    confirmed: object
    all_confirmed: object
    context: object
    award_bar: object


# Sent by the sprint race after the office confirms a consequence case, inside the confirming
# transaction, with keyword arguments ``consequence`` (a ``Consequence``) and ``user`` (who confirmed it).
consequence_confirmed = Signal()

_sources: list = []


def sprint_source(source: SprintSource):
    """Register the sprint race's reads (the last registration wins)."""
    _sources[:] = [source]
    return source


def source() -> SprintSource | None:
    return _sources[0] if _sources else None


def confirmed_consequence(*, unit_id, case_id=None):
    found = source()
    if found is None or unit_id is None:
        return None
    return found.confirmed(unit_id=unit_id, case_id=case_id)


def all_confirmed():
    found = source()
    return list(found.all_confirmed()) if found else []


def sprint_context(*, unit_id):
    found = source()
    return found.context(unit_id=unit_id) if found else None


def award_bar(*, unit_id, year):
    found = source()
    return found.award_bar(unit_id=unit_id, year=year) if found else None
