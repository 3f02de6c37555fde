"""The scoring run: the checks before a quarter is scored, the run record and its job, the scoring
transaction itself (read, score, rank, flag, replace the scores), its progress and input digest."""

from __future__ import annotations

import hashlib
import json
import time
from collections import defaultdict
from datetime import timedelta

from django.core.cache import cache
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gaoyou_portal.audit import save_audited
from gaoyou_portal.errors import DomainError, error_text

from .. import scoring, selectors
from ..choices import Group, RunStatus, RunTrigger
from ..models import Indicator, ScoringRun, SprintRace, SprintScheme, SprintScore
from .schemes import SCHEME_FIELDS, _check_weights


def progress_key(run_id):
    return f"sprint:run:{run_id}:progress"


def _progress(run, percent, step):
    """Progress of a run for the race page (the cache is shared by web and workers). A run started by the
    command or the schedule has no row until it ends (nobody could read its progress before the commit)."""
    if run is not None and run.pk is not None:
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

    from ..tasks import score_sprint_race

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
        with transaction.atomic():  # a new run's row is written once, by _finish, in this transaction
            _progress(run, 5, _("Checking the scheme"))
            count, race, digest = _score(year=year, quarter=quarter, user=user, run=run, today=today)
            run.race, run.input_digest, run.score_count = race, digest, count
            run.status, run.message = RunStatus.SUCCEEDED, note
            _finish(run, started)
    except DomainError as error:
        _rolled_back(run, new)
        run.status, run.message = RunStatus.REFUSED, error_text(error)
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
    units = selectors.participating_units().filter(pk__in=list(targets)).order_by("order", "id")
    units = list(units.values_list("id", "kind", "order", "name"))
    if not units:
        raise DomainError(_("No unit has targets in the %(year)s scheme.") % {"year": year})
    office_only = []
    members = defaultdict(list)
    for unit_id, kind, order, name in units:
        group = selectors.group_of(kind)
        mine = [i for i in indicators if i.applies_to(group) and i.id in targets[unit_id]]
        if not any(not i.is_manual for i in mine):
            office_only.append(name)
            continue
        members[group].append((unit_id, (order, unit_id)))
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
    _insert_scores(race, results)
    race.scored_at, race.input_digest, race.scheme = timezone.now(), digest, scheme
    save_audited(race, user=user, update_fields=["scored_at", "input_digest", "scheme"], reason=_("Scored"))
    return len(results), race, digest


def _insert_scores(race, results):
    """The race's new scores in one statement.

    On PostgreSQL the rows go in as one JSON array expanded by ``jsonb_to_recordset``: one parameter,
    no per-field compilation by the ORM (a third of the cost of ``bulk_create`` for 40 scores with their
    breakdowns; ``bulk_create`` would also go through UNNEST of arrays there, whose quoting escapes every
    ``\\uXXXX`` of the breakdowns in Python). Elsewhere ``bulk_create``.
    """
    if connection.vendor == "postgresql":
        meta = SprintScore._meta
        names = ["race", "unit", "group", "score", "rank", "position", "flag", "half_year_met", "breakdown"]
        columns = ", ".join(connection.ops.quote_name(meta.get_field(n).column) for n in names)
        rows = [{"unit": r.unit_id, "group": r.group, "score": str(r.score), "rank": r.rank, "position": r.position,
                 "flag": r.flag, "half_year_met": r.half_year_met, "breakdown": r.breakdown} for r in results]
        with connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {meta.db_table} ({columns}) "
                "SELECT %s, x.unit, x.\"group\", x.score, x.rank, x.position, x.flag, x.half_year_met, x.breakdown "
                "FROM jsonb_to_recordset(%s::jsonb) AS x(unit bigint, \"group\" text, score numeric, rank integer, "
                "position integer, flag text, half_year_met boolean, breakdown jsonb)",
                [race.pk, json.dumps(rows)],
            )
        return
    SprintScore.objects.bulk_create([
        SprintScore(race=race, unit_id=r.unit_id, group=r.group, score=r.score, rank=r.rank, position=r.position,
                    flag=r.flag, half_year_met=r.half_year_met, breakdown=r.breakdown)
        for r in results
    ])


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
