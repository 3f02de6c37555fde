"""Demo data for the sprint race: last year's and this year's schemes with a target for every unit,
the quarters already past scored and published, last year's composite and its consequence cases.

Works with whatever project data exists (none included): the office's hand-scored indicator
separates the units when there is no project data. Idempotent: published races are left alone.
"""

import zlib
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.utils import timezone

from org.models import Unit

from . import selectors, services
from .choices import CaseStatus, Derivation, RunTrigger
from .models import AnnualTarget, ConsequenceCase, ManualValue, SprintRace, SprintScheme, YearEndAssessment

FLOOR = {"个": Decimal(1), "万元": Decimal(500), "分": Decimal(100)}


def _spread(*parts, low, high):
    """A stable pseudo-random Decimal in [low, high) from the parts (same every run)."""
    value = zlib.crc32("-".join(map(str, parts)).encode()) % 1000
    return Decimal(low) + (Decimal(high) - Decimal(low)) * Decimal(value) / 1000


def _scheme(year, office):
    scheme = SprintScheme.objects.filter(year=year).first()
    if scheme is None:
        scheme = services.scheme_save(user=office, year=year, data={})
    return scheme


def _targets(scheme, units, office):
    """A target for every unit and indicator, about the unit's full-year figure × 0.8–1.6."""
    indicators = list(scheme.indicators.all())
    have = set(AnnualTarget.objects.filter(indicator__scheme=scheme).values_list("indicator_id", "unit_id"))
    full_year = selectors.actual_values(indicators=indicators, year=scheme.year, quarter=4)
    for indicator in indicators:
        values = {}
        for unit in units:
            group = selectors.group_of(unit.kind)
            if (indicator.id, unit.id) in have or not indicator.applies_to(group):
                continue
            actual = full_year.get((group, unit.id), {}).get(indicator.id, Decimal(0))
            factor = _spread(unit.code, indicator.code, scheme.year, low="0.8", high="1.6")
            floor = FLOOR.get(indicator.measure, Decimal(1))
            target = max(floor, actual * factor)
            values[unit.id] = target.quantize(Decimal(1) if indicator.measure == "个" else Decimal("0.01"))
        if values:
            services.targets_save(indicator=indicator, values=values, user=office)


def _office_values(scheme, units, quarter, office):
    for indicator in scheme.indicators.filter(derivation=Derivation.MANUAL):
        have = set(ManualValue.objects.filter(indicator=indicator, quarter=quarter).values_list("unit_id", flat=True))
        values = {}
        for unit in units:
            if unit.id in have or not indicator.applies_to(selectors.group_of(unit.kind)):
                continue
            performance = _spread(unit.code, scheme.year, low="0.6", high="1.25") + _spread(
                unit.code, scheme.year, quarter, low="-0.05", high="0.05")
            values[unit.id] = (Decimal(100) * scheme.share(quarter) / 100 * performance).quantize(Decimal("0.01"))
        if values:
            services.manual_values_save(indicator=indicator, quarter=quarter, values=values, user=office)


def seed(*, scale=1, stdout=None):
    office = get_user_model().objects.filter(username="office").first()
    today = timezone.localdate()
    units = list(Unit.objects.filter(active=True).order_by("order", "id"))
    if office is None or not units:
        return
    published = 0
    past = [(y, q) for y in (today.year - 1, today.year) for q in (1, 2, 3, 4) if selectors.quarter_end(y, q) < today]
    for year in (today.year - 1, today.year):
        scheme = _scheme(year, office)
        _targets(scheme, units, office)
        for quarter in (1, 2, 3, 4):
            if selectors.quarter_end(year, quarter) >= today:
                break
            if SprintRace.objects.filter(year=year, quarter=quarter, status="published").exists():
                continue
            _office_values(scheme, units, quarter, office)
            run = services.race_score(year=year, quarter=quarter, user=office, trigger=RunTrigger.DEMO)
            # Only the latest race notifies the units: the earlier ones are back-filled history.
            services.race_publish(race=run.race, user=office, notify=(year, quarter) == past[-1])
            published += 1
    last = today.year - 1
    if not ConsequenceCase.objects.filter(year=last).exists():
        services.assessments_save(
            year=last, user=office,
            values={u.id: _spread(u.code, last, "assessment", low="70", high="98").quantize(Decimal("0.1"))
                    for u in units if not YearEndAssessment.objects.filter(year=last, unit=u).exists()},
        )
        services.year_evaluate(year=last, user=office)
        first = ConsequenceCase.objects.filter(year=last, kind="interview", status=CaseStatus.PROPOSED).first()
        if first:
            services.case_confirm(case=first, user=office, reason="经市委研究，同意由市领导约谈该单位主要负责人。")
    if stdout:
        stdout.write(
            f"sprint: {SprintRace.objects.count()} races ({published} scored now), "
            f"{ConsequenceCase.objects.count()} consequence cases"
        )
