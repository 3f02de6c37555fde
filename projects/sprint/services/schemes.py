"""The year's scheme and what the office enters into it: the rules, the indicators (their weights checked
as a whole), the annual targets, the hand-scored values and the year-end assessments."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count
from django.utils.translation import gettext as _

from gaoyou_portal.audit import save_audited
from gaoyou_portal.errors import DomainError, by_field, full_clean
from org.models import Unit

from .. import selectors
from ..choices import Derivation, Group
from ..models import AnnualTarget, Indicator, ManualValue, SprintScheme, YearEndAssessment

SCHEME_FIELDS = [
    "q1_share", "q2_share", "q3_share", "q4_share", "cap_percent", "town_red_flags", "town_yellow_flags",
    "department_red_flags", "department_yellow_flags", "race_weight", "assessment_weight",
]
# The bundled assessment's weights (not scoring inputs: kept out of the scores' input digest).
BUNDLE_FIELDS = ["bundle_weight_units", "bundle_weight_projects"]
INDICATOR_FIELDS = ["code", "name", "weight", "measure", "groups", "derivation", "min_investment", "order"]
# The default indicators of a new year's scheme (weights add up to 100 in each group).
DEFAULT_INDICATORS = [
    ("signed_large", "新签约亿元以上项目", Decimal(20), "个", Derivation.SIGNED_COUNT, Decimal(10000)),
    ("contracted_investment", "新签约项目协议投资", Decimal(15), "万元", Derivation.SIGNED_INVESTMENT, Decimal(0)),
    ("started", "新开工项目", Decimal(15), "个", Derivation.STARTED_COUNT, Decimal(0)),
    ("investment", "项目完成投资", Decimal(25), "万元", Derivation.INVESTMENT_COMPLETED, Decimal(0)),
    ("completed", "竣工项目", Decimal(10), "个", Derivation.COMPLETED_COUNT, Decimal(0)),
    ("in_production", "达产项目", Decimal(5), "个", Derivation.IN_PRODUCTION_COUNT, Decimal(0)),
    ("office_review", "考核办评议（服务质效）", Decimal(10), "分", Derivation.MANUAL, Decimal(0)),
]


def _group_sizes():
    sizes = {Group.TOWN: 0, Group.DEPARTMENT: 0}
    for kind, count in Unit.objects.in_sprint_race().values_list("kind").annotate(n=Count("id")):
        sizes[selectors.group_of(kind)] += count
    return sizes


def _unit_numbers(values, *, refuse) -> dict:
    """``{unit_id: Decimal}`` of the values entered by unit (blanks left out). ``refuse(number)`` gives the
    message for a number out of range, or None; any bad value refuses them all, keyed ``unit_<id>``."""
    errors, parsed = {}, {}
    for unit_id, raw in values.items():
        if raw is None or str(raw).strip() == "":
            continue
        field = f"unit_{unit_id}"
        number = _decimal(raw, field, errors)
        message = refuse(number) if number is not None else None
        if message:
            errors.setdefault(field, []).append(message)
        parsed[unit_id] = number
    if errors:
        raise DomainError(errors)
    return parsed


def _decimal(value, field, errors, *, positive=False):
    try:
        number = Decimal(str(value).strip())
    except (InvalidOperation, ValueError):
        errors.setdefault(field, []).append(_("Enter a number."))
        return None
    if not number.is_finite():
        errors.setdefault(field, []).append(_("Enter a number."))
        return None
    if positive and number <= 0:
        errors.setdefault(field, []).append(_("A target must be more than zero."))
        return None
    return number


def _check_scheme(scheme):
    errors = {}
    if not (0 < scheme.q1_share <= scheme.q2_share <= scheme.q3_share <= scheme.q4_share == 100):
        errors["q4_share"] = [_("Quarter shares must rise quarter by quarter and reach 100% at Q4.")]
    if scheme.race_weight + scheme.assessment_weight != 100:
        errors["assessment_weight"] = [_("The composite weights must add up to 100.")]
    if scheme.bundle_weight_units is not None and scheme.bundle_weight_projects is not None and (
            Decimal(scheme.bundle_weight_units) + Decimal(scheme.bundle_weight_projects) != 100):
        errors["bundle_weight_projects"] = [
            _("The weights of the bundled assessment add up to %(total)s, not 100.")
            % {"total": format((Decimal(scheme.bundle_weight_units) + Decimal(scheme.bundle_weight_projects))
                               .normalize(), "f")}
        ]
    sizes = _group_sizes()
    for group, label in Group.choices:
        red, yellow = scheme.flags(group)
        if red + yellow > sizes[group]:
            errors[f"{group}_red_flags"] = [
                _("%(group)s have %(size)d units: %(red)d red and %(yellow)d yellow flags are too many.")
                % {"group": label, "size": sizes[group], "red": red, "yellow": yellow}
            ]
    if errors:
        raise DomainError(errors)


@transaction.atomic
def scheme_save(*, user, data, scheme=None, year=None) -> SprintScheme:
    """Create the scheme of ``year`` (with the previous year's indicators and targets, or the defaults)
    or change ``scheme``'s rules. Nothing is saved unless every rule holds."""
    creating = scheme is None
    if creating:
        if SprintScheme.objects.filter(year=year).exists():
            raise DomainError({"year": [_("This year already has a scheme.")]})
        scheme = SprintScheme(year=year)
    for name in [*SCHEME_FIELDS, *BUNDLE_FIELDS]:
        if name in data:
            setattr(scheme, name, data[name])
    _check_scheme(scheme)
    full_clean(scheme)
    save_audited(scheme, user=user, reason=_("Scheme created") if creating else _("Scheme changed"))
    if creating:
        _copy_indicators(scheme, user=user)
    return scheme


def _copy_indicators(scheme, *, user):
    previous = SprintScheme.objects.filter(year__lt=scheme.year).order_by("-year").first()
    if previous and previous.indicators.exists():
        assessed = set(selectors.participating_units().values_list("pk", flat=True))
        for old in previous.indicators.prefetch_related("targets"):
            new = Indicator(scheme=scheme, **{f: getattr(old, f) for f in INDICATOR_FIELDS})
            save_audited(new, user=user, reason=_("Copied from %(year)s") % {"year": previous.year})
            AnnualTarget.objects.bulk_create(
                [AnnualTarget(indicator=new, unit_id=t.unit_id, target=t.target) for t in old.targets.all()
                 if t.unit_id in assessed]
            )
        return
    for order, (code, name, weight, measure, derivation, minimum) in enumerate(DEFAULT_INDICATORS):
        save_audited(
            Indicator(scheme=scheme, code=code, name=name, weight=weight, measure=measure, derivation=derivation,
                      min_investment=minimum, order=order),
            user=user, reason=_("Default indicator"),
        )


def _check_weights(indicators):
    """Weights of the indicators that apply to each group add up to 100."""
    errors = []
    for group, label in Group.choices:
        total = sum((i.weight for i in indicators if i.applies_to(group)), Decimal(0))
        if total != 100:
            errors.append(
                _("The weights of the indicators for %(group)s add up to %(total)s, not 100.")
                % {"group": label, "total": format(total.normalize(), "f")}
            )
    return errors


@transaction.atomic
def indicators_save(*, scheme, rows, user) -> list[Indicator]:
    """Replace the scheme's indicator set with ``rows`` (dicts of INDICATOR_FIELDS, ``id`` for an existing
    one, ``delete`` to drop it). Validated as a whole: nothing changes unless all of it is valid."""
    scheme = SprintScheme.objects.select_for_update().get(pk=scheme.pk)
    existing = {i.id: i for i in scheme.indicators.all()}
    kept, deleted, errors = [], [], []
    for number, row in enumerate(rows, start=1):
        indicator = existing.get(row.get("id")) if row.get("id") else Indicator(scheme=scheme)
        if indicator is None:
            raise DomainError(_("Row %(n)d: unknown indicator.") % {"n": number})
        if row.get("delete"):
            if indicator.pk:
                deleted.append(indicator)
            continue
        if not row.get("derivation"):
            errors.append(_("Row %(n)d (%(name)s): choose where the actual value comes from.")
                          % {"n": number, "name": row.get("name") or "—"})
        for name in INDICATOR_FIELDS:
            if name in row:
                setattr(indicator, name, row[name] if row[name] is not None else getattr(indicator, name))
        try:
            full_clean(indicator, exclude=["scheme"], validate_unique=False, validate_constraints=False)
        except ValidationError as exc:
            for field, messages in by_field(exc).items():
                errors.extend(f"{_('Row %(n)d') % {'n': number}} {field}: {m}" for m in messages)
        kept.append(indicator)
    codes = [i.code for i in kept]
    if len(codes) != len(set(codes)):
        errors.append(_("Each indicator needs its own code."))
    errors.extend(_check_weights(kept))
    if errors:
        raise DomainError(errors)
    for indicator in deleted:
        indicator._history_user = user
        indicator.delete()
    for indicator in kept:
        save_audited(indicator, user=user, reason=_("Indicators changed"))
    return kept


@transaction.atomic
def targets_save(*, indicator, values, user) -> int:
    """Set annual targets of one indicator: ``values`` maps unit id → number (blank removes it).
    Every target must be more than zero; one bad value saves nothing."""
    errors = {}
    parsed = {}
    outside = dict(Unit.objects.filter(pk__in=list(values)).exclude(
        pk__in=selectors.participating_units()).values_list("pk", "name"))
    for unit_id, raw in values.items():
        if raw is None or str(raw).strip() == "":
            parsed[unit_id] = None
            continue
        if unit_id in outside:
            errors.setdefault(f"unit_{unit_id}", []).append(
                _("%(unit)s is not assessed in the sprint race: it gets no target.") % {"unit": outside[unit_id]})
            continue
        parsed[unit_id] = _decimal(raw, f"unit_{unit_id}", errors, positive=True)
    if errors:
        raise DomainError(errors)
    existing = {t.unit_id: t for t in indicator.targets.all()}
    changed = 0
    for unit_id, value in parsed.items():
        target = existing.get(unit_id)
        if value is None:
            if target:
                target._history_user = user
                target.delete()
                changed += 1
            continue
        if target and target.target == value:
            continue
        target = target or AnnualTarget(indicator=indicator, unit_id=unit_id)
        target.target = value
        full_clean(target, exclude=["indicator", "unit"], validate_unique=False)  # ids checked by the caller
        save_audited(target, user=user, reason=_("Target set"))
        changed += 1
    return changed


@transaction.atomic
def manual_values_save(*, indicator, quarter, values, user) -> int:
    """The office's actual values to date for a hand-scored indicator in one quarter."""
    if not indicator.is_manual:
        raise DomainError(_("This indicator's actual value comes from the project data."))
    parsed = _unit_numbers(values, refuse=lambda number: _("A value cannot be negative.") if number < 0 else None)
    existing = {v.unit_id: v for v in indicator.manual_values.filter(quarter=quarter)}
    for unit_id, value in parsed.items():
        row = existing.get(unit_id) or ManualValue(indicator=indicator, unit_id=unit_id, quarter=quarter)
        if row.pk and row.value == value:
            continue
        row.value = value
        save_audited(row, user=user, reason=_("Value entered"))
    return len(parsed)


@transaction.atomic
def assessments_save(*, year, values, user) -> int:
    """The office's year-end assessment scores (0–100) by unit id."""
    parsed = _unit_numbers(values, refuse=lambda number: None if 0 <= number <= 100
                           else _("An assessment score is between 0 and 100."))
    existing = {a.unit_id: a for a in YearEndAssessment.objects.filter(year=year)}
    for unit_id, value in parsed.items():
        row = existing.get(unit_id) or YearEndAssessment(year=year, unit_id=unit_id)
        if row.pk and row.score == value:
            continue
        row.score = value
        save_audited(row, user=user, reason=_("Assessment entered"))
    return len(parsed)
