"""The city leaders' bundled assessment (捆绑考核): each leader's standing bundled with what they are
linked to (挂钩), for one year.

Formula (weights ``w_u`` and ``w_p`` from the year's scheme, ``bundle_weight_units`` and
``bundle_weight_projects``, adding up to 100; 50/50 when the year has no scheme)::

    A = mean over the leader's linked units (towns, parks, departments) of the unit's race composite
        of the year to date (the mean of its scores in the year's published races), each taken up to
        100 (a race score can pass 100 where a unit beats its targets, up to the scheme's cap)
    B = 100 × (linked projects whose stored warning light is green, i.e. on schedule) ÷ (linked projects)
    score = (w_u × A + w_p × B) ÷ 100, rounded to 0.01

Links count when they are unit or project links active in the year (started by its last day, not
ended before its first). A part with nothing behind it (no linked unit with a published score, no
linked project) is left out and the other part counts alone, so a leader is never marked down for a
link kind they do not have; a leader with neither has no score and is shown as "无挂钩单位", not 0.
Equal scores share a rank (1, 2, 2, 4), as the race's ranks do. Whole table: five queries at any scale.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q

from leaders.choices import LinkKind
from leaders.models import Leader, LeaderLink
from org.models import Unit
from projects.models import Project

from .choices import RaceStatus
from .models import SprintScheme, SprintScore

HUNDRED = Decimal(100)
DEFAULT_WEIGHTS = (Decimal(50), Decimal(50))


def _q2(value: Decimal) -> Decimal:
    return value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


@dataclass
class LinkedUnit:
    unit: Unit
    scores: list = field(default_factory=list)  # the year's published scores, by quarter

    @property
    def composite(self):
        if not self.scores:
            return None
        return _q2(sum((s["score"] for s in self.scores), Decimal(0)) / len(self.scores))

    @property
    def latest(self):
        return self.scores[-1] if self.scores else None

    @property
    def flags(self):
        return [(s["quarter"], s["flag"]) for s in self.scores if s["flag"]]


@dataclass
class LinkedProject:
    id: int
    code: str
    name: str
    light: str

    @property
    def on_schedule(self):
        return self.light == "green"


@dataclass
class BundleRow:
    """One leader's bundled score and everything that explains it."""

    leader: Leader
    units: list = field(default_factory=list)
    projects: list = field(default_factory=list)
    weights: tuple = DEFAULT_WEIGHTS
    unit_part: Decimal | None = None
    project_part: Decimal | None = None
    score: Decimal | None = None
    rank: int | None = None

    @property
    def on_schedule(self):
        return sum(1 for p in self.projects if p.on_schedule)

    @property
    def scored_units(self):
        return [u for u in self.units if u.scores]

    @property
    def has_links(self):
        return bool(self.units or self.projects)


def bundle_score(*, unit_composites, project_lights, weights=DEFAULT_WEIGHTS):
    """``(A, B, score)`` from the linked units' composites (Decimals) and the linked projects' lights
    ("red", "yellow", "green"); a part with nothing behind it is None and the other counts alone."""
    w_units, w_projects = weights
    capped = [min(c, HUNDRED) for c in unit_composites]
    a = _q2(sum(capped, Decimal(0)) / len(capped)) if capped else None
    b = (_q2(HUNDRED * sum(1 for light in project_lights if light == "green") / len(project_lights))
         if project_lights else None)
    if a is not None and b is not None:
        score = _q2((w_units * a + w_projects * b) / HUNDRED)
    else:
        score = a if a is not None else b
    return a, b, score


def shared_ranks(rows):
    """Rank rows with a score, highest first; equal scores share a rank (1, 2, 2, 4); the rest get None."""
    scored = [r.score for r in rows if r.score is not None]
    for row in rows:
        row.rank = None if row.score is None else 1 + sum(1 for s in scored if s > row.score)
    return rows


def active_in(year):
    """A Q for the links active at some time in ``year`` (started by its end, not ended before its start)."""
    return Q(started_on__lte=date(year, 12, 31)) & (Q(ended_on__isnull=True) | Q(ended_on__gte=date(year, 1, 1)))


def weights_for(year):
    scheme = SprintScheme.objects.filter(year=year).values_list("bundle_weight_units", "bundle_weight_projects").first()
    return tuple(scheme) if scheme else DEFAULT_WEIGHTS


def bundle_table(*, year, leaders=None) -> list[BundleRow]:
    """Every active leader's bundled assessment for ``year`` (or only ``leaders``), ranked: highest first,
    leaders without a score last. Five queries whatever the number of leaders, links and projects."""
    weights = weights_for(year)
    if leaders is None:
        leaders = list(Leader.objects.filter(active=True).order_by("order", "id"))
    rows = {leader.pk: BundleRow(leader=leader, weights=weights) for leader in leaders}
    project_type = ContentType.objects.get_for_model(Project)
    links = list(
        LeaderLink.objects.filter(active_in(year), leader_id__in=list(rows))
        .filter(Q(kind=LinkKind.UNIT, unit__isnull=False) | Q(kind=LinkKind.PROJECT, content_type=project_type))
        .select_related("unit").order_by("unit__order", "object_id", "id")
    )
    unit_ids = {link.unit_id for link in links if link.kind == LinkKind.UNIT}
    project_ids = {link.object_id for link in links if link.kind == LinkKind.PROJECT}
    scores = defaultdict(list)
    for unit_id, quarter, score, rank, flag in (
        SprintScore.objects.filter(race__year=year, race__status=RaceStatus.PUBLISHED, unit_id__in=unit_ids)
        .order_by("race__quarter").values_list("unit_id", "race__quarter", "score", "rank", "flag")
    ):
        scores[unit_id].append({"quarter": quarter, "score": score, "rank": rank, "flag": flag})
    projects = {
        p["id"]: LinkedProject(id=p["id"], code=p["code"], name=p["name"],
                               light=("red", "yellow", "green")[p["light_rank"]])
        for p in Project.objects.filter(pk__in=project_ids).values("id", "code", "name", "light_rank")
    }
    for link in links:
        row = rows[link.leader_id]
        if link.kind == LinkKind.UNIT:
            if all(u.unit.pk != link.unit_id for u in row.units):
                row.units.append(LinkedUnit(unit=link.unit, scores=scores.get(link.unit_id, [])))
        elif link.object_id in projects and all(p.id != link.object_id for p in row.projects):
            row.projects.append(projects[link.object_id])
    for row in rows.values():
        row.unit_part, row.project_part, row.score = bundle_score(
            unit_composites=[u.composite for u in row.scored_units],
            project_lights=[p.light for p in row.projects], weights=weights,
        )
    ranked = shared_ranks(list(rows.values()))
    return sorted(ranked, key=lambda r: (r.rank is None, r.rank or 0, r.leader.order, r.leader.pk))


def bundle_for(*, leader, year) -> BundleRow:
    """One leader's row, ranked among all active leaders of the year."""
    table = bundle_table(year=year)
    found = next((row for row in table if row.leader.pk == leader.pk), None)
    return found or bundle_table(year=year, leaders=[leader])[0]
