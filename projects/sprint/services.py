"""Every write of the sprint race: the scheme, targets and office values, scoring, publication,
composite evaluations and consequence cases. Forms, the API, the Celery task and the command call these."""

from __future__ import annotations

import hashlib
import json
import time
from collections import defaultdict
from datetime import timedelta
from decimal import Decimal, InvalidOperation

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Value
from django.utils import timezone
from django.utils.translation import gettext as _

from gaoyou_portal.audit import save_audited
from gaoyou_portal.errors import DomainError, full_clean
from org.models import Unit
from org.services import notify_unit

from . import consequences, scoring, selectors
from .choices import CaseStatus, ConsequenceKind, Derivation, Group, RaceStatus, RunStatus, RunTrigger
from .models import (
    AnnualTarget,
    CompositeEvaluation,
    ConsequenceCase,
    Indicator,
    ManualValue,
    ScoringRun,
    SprintRace,
    SprintScheme,
    SprintScore,
    YearEndAssessment,
)
from .signals import consequence_confirmed

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


# --- scheme ------------------------------------------------------------------------------------------------
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
            for field, messages in getattr(exc, "message_dict", {"__all__": exc.messages}).items():
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
    errors, parsed = {}, {}
    for unit_id, raw in values.items():
        if raw is None or str(raw).strip() == "":
            continue
        number = _decimal(raw, f"unit_{unit_id}", errors)
        if number is not None and number < 0:
            errors.setdefault(f"unit_{unit_id}", []).append(_("A value cannot be negative."))
        parsed[unit_id] = number
    if errors:
        raise DomainError(errors)
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
    errors, parsed = {}, {}
    for unit_id, raw in values.items():
        if raw is None or str(raw).strip() == "":
            continue
        number = _decimal(raw, f"unit_{unit_id}", errors)
        if number is not None and not 0 <= number <= 100:
            errors.setdefault(f"unit_{unit_id}", []).append(_("An assessment score is between 0 and 100."))
        parsed[unit_id] = number
    if errors:
        raise DomainError(errors)
    existing = {a.unit_id: a for a in YearEndAssessment.objects.filter(year=year)}
    for unit_id, value in parsed.items():
        row = existing.get(unit_id) or YearEndAssessment(year=year, unit_id=unit_id)
        if row.pk and row.score == value:
            continue
        row.score = value
        save_audited(row, user=user, reason=_("Assessment entered"))
    return len(parsed)


# --- scoring -----------------------------------------------------------------------------------------------
def progress_key(run_id):
    return f"sprint:run:{run_id}:progress"


def _progress(run, percent, step):
    """Progress of a run for the race page (the cache is shared by web and workers)."""
    if run is not None:
        cache.set(progress_key(run.pk), {"percent": percent, "step": str(step)}, 3600)


def run_progress(run):
    return cache.get(progress_key(run.pk)) or {}


def check_scorable(*, year, quarter, today=None):
    """Refuse a quarter that has not ended, a year without a scheme, a published race."""
    scheme = _check_quarter_and_scheme(year=year, quarter=quarter, today=today)
    race = SprintRace.objects.filter(year=year, quarter=quarter).first()
    if race and race.is_published:
        raise DomainError(_("This race is published and frozen: the office reopens it before rescoring."))
    return scheme


def _check_quarter_and_scheme(*, year, quarter, today=None, scheme=None):
    """Refuse a quarter that has not ended and a year without a scheme; the scheme (``scheme``: already read)."""
    if quarter not in (1, 2, 3, 4):
        raise DomainError({"quarter": [_("A quarter is 1 to 4.")]})
    today = today or timezone.localdate()
    if selectors.quarter_end(year, quarter) >= today:
        raise DomainError({"quarter": [_("%(year)s Q%(quarter)s has not ended yet: it cannot be scored before %(day)s.")
                                       % {"year": year, "quarter": quarter,
                                          "day": selectors.quarter_end(year, quarter) + timedelta(days=1)}]})
    if scheme is None:
        scheme = SprintScheme.objects.filter(year=year).first()
    if scheme is None:
        raise DomainError(_("There is no sprint race scheme for %(year)s: the office sets it up first.")
                          % {"year": year})
    return scheme


def run_queue(*, year, quarter, user, trigger) -> ScoringRun:
    """Record a run that a task will carry out (the page shows it as queued)."""
    scheme = check_scorable(year=year, quarter=quarter)
    race, _created = SprintRace.objects.get_or_create(year=year, quarter=quarter, defaults={"scheme": scheme})
    return ScoringRun.objects.create(year=year, quarter=quarter, race=race, trigger=trigger, started_by=user)


@transaction.atomic
def run_start(*, year, quarter, user, trigger) -> ScoringRun:
    """Record a run and its job in one transaction (the outbox): the job exists exactly when the run does."""
    from gaoyou_portal.tasks import enqueue

    from .tasks import score_sprint_race

    run = run_queue(year=year, quarter=quarter, user=user, trigger=trigger)
    enqueue(score_sprint_race, year, quarter, run_id=run.pk, trigger=str(trigger))
    return run


def race_score(*, year, quarter, user=None, trigger=RunTrigger.COMMAND, run=None, today=None) -> ScoringRun:
    """Score a quarter's race and record the run.

    1. A run started by the page or the API (``run``, queued) is marked running, committed at once, so
       the page shows it and a worker that stops is detected. A run started here (the command, the
       beat schedule) is recorded inside the scoring transaction: one commit for the whole run.
    2. In one transaction: lock the race row (concurrent runs of the race wait here), refuse a
       published race, read the inputs with aggregate queries, score, rank and flag each group,
       replace the race's scores. A worker killed before the commit leaves the previous result whole.
    3. The run record gets its outcome, duration and input digest; refusals and failures too.
    """
    note = ""
    new = run is None
    if new:
        run = ScoringRun(year=year, quarter=quarter, trigger=trigger, started_by=user,
                         status=RunStatus.RUNNING, started_at=timezone.now())
    else:
        # Only one worker runs a run's job at a time (the outbox claims it): a run already marked
        # running here was left by a worker that stopped, and is taken up again from the start.
        if run.status == RunStatus.RUNNING:
            note = str(_("Restarted after the worker stopped."))
        run.message = note
        ScoringRun.objects.filter(pk=run.pk).update(status=RunStatus.RUNNING, started_at=timezone.now(),
                                                    message=note)
    started = time.monotonic()
    try:
        with transaction.atomic():
            if new:
                run.save()
            _progress(run, 5, _("Checking the scheme"))
            count, race, digest = _score(year=year, quarter=quarter, user=user, run=run, today=today)
            run.race, run.input_digest, run.score_count = race, digest, count
            run.status, run.message = RunStatus.SUCCEEDED, note
            _finish(run, started)
    except DomainError as error:
        _rolled_back(run, new)
        run.status, run.message = RunStatus.REFUSED, "；".join(error.messages)
        _finish(run, started)
        raise
    except Exception as error:
        _rolled_back(run, new)
        run.status, run.message = RunStatus.FAILED, f"{error.__class__.__name__}: {error}"
        _finish(run, started)
        raise
    return run


def _rolled_back(run, new):
    """A run recorded inside the rolled-back transaction is recorded again, with its outcome."""
    if new:
        run.pk, run.race = None, None
        run.input_digest, run.score_count = "", 0
        run._state.adding = True


def _finish(run, started):
    run.finished_at = timezone.now()
    run.duration_ms = int((time.monotonic() - started) * 1000)
    if run._state.adding:
        run.save()
    else:
        run.save(update_fields=["race", "status", "message", "input_digest", "score_count", "finished_at",
                                "duration_ms"])
    _progress(run, 100, run.get_status_display())


def _score(*, year, quarter, user, run, today):
    # The scheme comes with its indicators (one query); the race row is read once, locked.
    indicators = list(Indicator.objects.filter(scheme__year=year).select_related("scheme"))
    scheme = _check_quarter_and_scheme(year=year, quarter=quarter, today=today,
                                       scheme=indicators[0].scheme if indicators else None)
    race = SprintRace.objects.select_for_update().filter(year=year, quarter=quarter).first()
    if race is None:
        race, _created = SprintRace.objects.get_or_create(year=year, quarter=quarter, defaults={"scheme": scheme})
    if race.is_published:
        raise DomainError(_("This race is published and frozen: the office reopens it before rescoring."))
    _progress(run, 15, _("Reading targets"))
    if not indicators:
        raise DomainError(_("The %(year)s scheme has no indicators.") % {"year": year})
    weight_errors = _check_weights(indicators)
    if weight_errors:
        raise DomainError(weight_errors)
    specs = [scoring.IndicatorSpec(id=i.id, code=i.code, name=i.name, measure=i.measure, weight=i.weight,
                                   derivation=i.derivation, groups=i.groups) for i in indicators]
    targets = selectors.targets_by_unit(scheme)
    # Units assessed in the race with at least one target; the others get no score, rank or flag.
    units = list(selectors.participating_units().filter(pk__in=list(targets)).order_by("order", "id"))
    if not units:
        raise DomainError(_("No unit has targets in the %(year)s scheme.") % {"year": year})
    office_only = []
    members = defaultdict(list)
    for unit in units:
        group = selectors.group_of(unit.kind)
        mine = [i for i in indicators if i.applies_to(group) and i.id in targets[unit.id]]
        if not any(not i.is_manual for i in mine):
            office_only.append(unit.name)
            continue
        members[group].append((unit.id, (unit.order, unit.id)))
    if office_only:
        raise DomainError(
            _("A unit is not ranked on the office's score alone: %(list)s have no target for an indicator "
              "derived from project data. Set one, or take the unit out of the race.")
            % {"list": "、".join(office_only[:10])}
        )
    _progress(run, 40, _("Aggregating project data"))
    actuals = selectors.actual_values(indicators=indicators, year=year, quarter=quarter)
    _progress(run, 70, _("Scoring and ranking"))
    results = []
    share, cap = scheme.share(quarter), scheme.cap_percent
    for group, group_units in members.items():
        red, yellow = scheme.flags(group)
        if red + yellow > len(group_units):
            raise DomainError(_("%(group)s have %(size)d units: %(red)d red and %(yellow)d yellow flags are too many.")
                              % {"group": Group(group).label, "size": len(group_units), "red": red, "yellow": yellow})
        group_actuals = {uid: actuals.get((group, uid), {}) for uid, _order in group_units}
        results += scoring.score_group(
            group=group, units=group_units, indicators=specs, actuals=group_actuals,
            targets={uid: targets[uid] for uid, _o in group_units}, share=share, cap=cap,
            red=red, yellow=yellow, half_year=(quarter == 2),
        )
    digest = _digest(scheme, quarter, specs, targets, actuals)
    _progress(run, 85, _("Saving the scores"))
    race.scores.all().delete()
    # Each breakdown goes in as an expression: otherwise Django inserts through UNNEST of arrays on
    # PostgreSQL, and quoting an array of JSON texts escapes each of their many backslashes (every
    # Chinese character is written \uXXXX) in Python: ~40 ms for 36 breakdowns, against ~5 ms as
    # one multi-row VALUES statement with a parameter per breakdown. Same rows, one statement.
    breakdown = SprintScore._meta.get_field("breakdown")
    SprintScore.objects.bulk_create([
        SprintScore(race=race, unit_id=r.unit_id, group=r.group, score=r.score, rank=r.rank, position=r.position,
                    flag=r.flag, half_year_met=r.half_year_met, breakdown=Value(r.breakdown, output_field=breakdown))
        for r in results
    ])
    race.scored_at, race.input_digest, race.scheme = timezone.now(), digest, scheme
    save_audited(race, user=user, update_fields=["scored_at", "input_digest", "scheme"], reason=_("Scored"))
    return len(results), race, digest


def _digest(scheme, quarter, specs, targets, actuals):
    """SHA-256 of everything the scores were computed from, to tell whether a rerun saw other data."""
    payload = {
        "scheme": [str(getattr(scheme, f)) for f in SCHEME_FIELDS],
        "quarter": quarter,
        "indicators": [[s.id, str(s.weight), s.derivation, s.groups] for s in specs],
        "targets": sorted([uid, iid, str(t)] for uid, row in targets.items() for iid, t in row.items()),
        "actuals": sorted([g, uid, iid, str(v)] for (g, uid), row in actuals.items() for iid, v in row.items()),
    }
    return hashlib.sha256(json.dumps(payload, sort_keys=True).encode()).hexdigest()


# --- publication ---------------------------------------------------------------------------------------------
@transaction.atomic
def race_publish(*, race, user, notify=True) -> SprintRace:
    """Publish a scored draft race (freezing it) and notify every ranked unit (``notify=False`` only for
    back-filled history, such as the demo's past quarters)."""
    race = SprintRace.objects.select_for_update().get(pk=race.pk)
    if race.is_published:
        raise DomainError(_("This race is already published."))
    scores = list(race.scores.select_related("unit"))
    if not scores:
        raise DomainError(_("Score the race before publishing it."))
    race.status, race.published_at, race.published_by = RaceStatus.PUBLISHED, timezone.now(), user
    full_clean(race)
    save_audited(race, user=user, update_fields=["status", "published_at", "published_by"], reason=_("Published"))
    title = _("%(race)s: results published") % {"race": race}
    for score in scores if notify else ():
        flag = {"red": _("red flag"), "yellow": _("yellow flag")}.get(score.flag, _("no flag"))
        notify_unit(
            unit=score.unit, title=title,
            body=_("Score %(score)s, rank %(rank)d in your group, %(flag)s.")
            % {"score": score.score, "rank": score.rank, "flag": flag},
            link=f"/sprint/races/{race.pk}/scores/{score.pk}/",
            kind="race_published",
        )
    consequences.half_year_warn(race=race, user=user, notify=notify)
    return race


@transaction.atomic
def race_reopen(*, race, user, reason) -> SprintRace:
    """Reopen a published race for rescoring; the reason is kept in its history."""
    race = SprintRace.objects.select_for_update().get(pk=race.pk)
    if not race.is_published:
        raise DomainError(_("Only a published race can be reopened."))
    if not (reason or "").strip():
        raise DomainError({"reason": [_("Say why the race is reopened.")]})
    race.status, race.published_at, race.published_by = RaceStatus.DRAFT, None, None
    save_audited(race, user=user, update_fields=["status", "published_at", "published_by"],
                 reason=_("Reopened: %(reason)s") % {"reason": reason.strip()})
    return race


# --- composite evaluation and consequences ----------------------------------------------------------------------
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
    consequence_confirmed.send(sender=ConsequenceCase, case=case, user=user)
    return case


@transaction.atomic
def case_dismiss(*, case, user, reason) -> ConsequenceCase:
    return _decide(case, user=user, reason=reason, status=CaseStatus.DISMISSED)

