"""Every write of the plan: targets and quotas, monthly values and corrections, stages, incidents,
year-end explanations, copying a plan to the next year. Each refusal is a ``DomainError`` (the plan's own
ones a ``TargetError``) with a Chinese message, and nothing is saved."""

from datetime import date
from decimal import Decimal, InvalidOperation

from django.db import IntegrityError, transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from gaoyou_portal.audit import save_audited
from gaoyou_portal.errors import DomainError, full_clean
from gaoyou_portal.reporting import month_label, month_start
from gaoyou_portal.uploads import Purpose, check_upload

from . import measures, selectors
from .choices import Aggregation, ExplanationState, Status, TargetKind
from .models import Explanation, Incident, MonthlyValue, Plan, Quota, Section, Stage, Target, TargetSettings
from .models.plan import fraction_message
from .permissions import enters_for_unit, is_office, may_change_target, sees_confidential


class TargetError(DomainError):
    """A rule of the plan refused an action."""


def _today(today):
    return today or timezone.localdate()


def parse_amount(value, *, field="value", measure=None) -> Decimal:
    """A number entered for a target; with ``measure``, refused when it has more places than the measure
    allows (a count of 户 or 个 is whole)."""
    if value in (None, ""):
        raise TargetError({field: _("Enter a value.")})
    try:
        amount = Decimal(str(value).strip().replace(",", ""))
    except (InvalidOperation, ValueError):
        raise TargetError({field: _("“%(value)s” is not a number.") % {"value": value}}) from None
    if not amount.is_finite():
        raise TargetError({field: _("“%(value)s” is not a number.") % {"value": value}})
    if amount < 0:
        raise TargetError({field: _("A value cannot be negative.")})
    if measure is not None and measures.has_fraction(amount, measures.decimals_for(measure)):
        raise TargetError({field: fraction_message(amount, measure)})
    return amount


def _require_change(user, target):
    """Confidentiality belongs to 组织部: it alone creates a confidential target, sets or clears the mark and
    edits one. The mark is read from the database, never from the row being saved (a sheet or a form could
    carry 涉密 否 for a confidential target)."""
    stored = (Target.objects.filter(pk=target.pk).values_list("is_confidential", flat=True).first()
              if target.pk else None)
    if stored and not sees_confidential(user):
        raise TargetError({"code": hidden_code_message(target.code, target.plan.year)})
    if (stored or target.is_confidential) and not sees_confidential(user):
        raise TargetError({"is_confidential": _("Only the organisation department marks a target confidential or "
                                                "clears the mark.")})
    if not stored and not target.is_confidential and not may_change_target(user, target):
        raise TargetError(_("Only the assessment office changes the plan."))


def hidden_code_message(code, year):
    """What a caller is told of a code it may not use: the same for a confidential target it may not see as
    for a code that cannot be used, so the message does not tell that a confidential target exists."""
    return _("The code %(code)s cannot be used in the %(year)s plan; choose another code.") % {"code": code,
                                                                                               "year": year}


# --- the plan -------------------------------------------------------------------------------------------
@transaction.atomic
def target_save(*, target, user, responsible_units=None) -> Target:
    """Create or change a target (the office; confidential targets: the organisation department)."""
    _require_change(user, target)
    if target.predecessor_id is None and target.plan_id:
        target.predecessor = earlier_target(plan=target.plan, code=target.code)
    full_clean(target)
    save_audited(target, user=user, reason=_("Target saved"))
    if responsible_units is not None:
        target.responsible_units.set(responsible_units)
    return target


def earlier_target(*, plan, code):
    """The target of the same code in the nearest earlier plan (its predecessor by default), or None."""
    return (Target.objects.filter(code=code, plan__year__lt=plan.year).select_related("plan")
            .order_by("-plan__year").first())


@transaction.atomic
def plan_close(*, plan, user, today=None) -> Plan:
    """Freeze a finished year's final values: each target's actual and status as they stand after the year
    (history and the reports of record read them; later corrections do not move them)."""
    today = _today(today)
    if not is_office(user):
        raise TargetError(_("Only the assessment office closes a year."))
    plan = Plan.objects.select_for_update().get(pk=plan.pk)
    if plan.closed_at:
        raise TargetError(_("The %(year)s plan was closed on %(date)s.") % {
            "year": plan.year, "date": formats.date_format(timezone.localtime(plan.closed_at), "Y-m-d")})
    if today.year <= plan.year:
        raise TargetError(_("The %(year)s plan can be closed only after the year has ended.") % {"year": plan.year})
    targets = list(plan.targets.select_related("section", "lead_unit", "responsible_leader", "plan"))
    for row in selectors.evaluate_targets(targets, today=today):
        target = row.target
        target.final_actual, target.final_status = row.evaluation.actual, row.evaluation.status
        save_audited(target, user=user, update_fields=["final_actual", "final_status", "updated_at"],
                     reason=_("Year closed"))
    plan.closed_at = timezone.now()
    save_audited(plan, user=user, update_fields=["closed_at"], reason=_("Year closed"))
    return plan


@transaction.atomic
def quotas_set(*, target, quotas, user) -> list[Quota]:
    """Split a target across units (任务分解): ``quotas`` maps each unit to its figure.

    The split must add up to the target's figure exactly; units left out lose their quota.
    """
    _require_change(user, target)
    if target.kind != TargetKind.REPORTED:
        raise TargetError(_("Only a reported target is split across units."))
    parsed = {}
    for unit, figure in quotas.items():
        amount = parse_amount(figure, field="quotas", measure=target.measure)
        parsed[unit] = amount
    total = sum(parsed.values(), Decimal(0))
    if parsed and total != target.figure:
        raise TargetError({"quotas": _("The quotas add up to %(total)s but the target is %(figure)s%(measure)s.")
                           % {"total": target.written(total), "figure": target.written(target.figure),
                              "measure": target.measure}})
    existing = {q.unit_id: q for q in Quota.objects.select_for_update().filter(target=target)}
    result = []
    for unit, figure in parsed.items():
        quota = existing.pop(unit.pk, None) or Quota(target=target, unit=unit, figure=figure)
        if quota.pk is None or quota.figure != figure:
            quota.figure = figure
            save_audited(quota, user=user, reason=_("Quota set"))
        result.append(quota)
    for quota in existing.values():
        quota._history_user = user
        quota.delete()
    return result


def _reporting_unit_ids(target):
    ids = set(Quota.objects.filter(target=target).values_list("unit_id", flat=True))
    return ids or {target.lead_unit_id}


def _check_month(target, month, today, config, *, correcting=False, user=None):
    if month.year != target.plan.year:
        raise TargetError({"month": _("%(month)s is outside the plan's year.") % {"month": month_label(month)}})
    calendar = config.calendar
    if not calendar.is_open(month, today):
        raise TargetError({"month": _("%(month)s is not open yet (it opens on %(date)s).")
                           % {"month": month_label(month), "date": formats.date_format(calendar.opens(month))}})
    if calendar.is_locked(month, today):
        if correcting and is_office(user):
            return
        raise TargetError({"month": _("%(month)s was locked on %(date)s; ask the assessment office for a correction.")
                           % {"month": month_label(month), "date": formats.date_format(calendar.deadline(month))}})


def _check_cumulative(target, unit, month, amount, *, record=None):
    """A cumulative figure never goes down: not below an earlier month's, not above a later month's."""
    if target.aggregation != Aggregation.CUMULATIVE:
        return
    others = MonthlyValue.objects.filter(target=target, unit=unit).exclude(pk=getattr(record, "pk", None))
    earlier = others.filter(month__lt=month).order_by("-month").first()
    later = others.filter(month__gt=month).order_by("month").first()
    if earlier and amount < earlier.value:
        raise TargetError({"value": _("A cumulative figure cannot go down: %(month)s had %(value)s already.")
                           % {"month": month_label(earlier.month), "value": target.written(earlier.value)}})
    if later and amount > later.value:
        raise TargetError({"value": _("A cumulative figure cannot go down: %(month)s has %(value)s.")
                           % {"month": month_label(later.month), "value": target.written(later.value)}})


def value_submit(*, target, unit, month, value, user, note="", evidence=None, today=None) -> MonthlyValue:
    """A unit enters a month's value of a reported target.

    1. Only a reported target; only a unit that reports it (its quota, or the lead unit without quotas),
       and only by that unit's reporters (or the office).
    2. The month is open by the shared reporting calendar (gaoyou_portal/reporting.py), as project
       reports: from its opening day until the deadline day of the next month, then locked.
    3. Not negative; one value per unit and month (change it through a correction).
    """
    today, config = _today(today), TargetSettings.load()
    if target.kind != TargetKind.REPORTED:
        raise TargetError(_("Values are entered only for reported targets."))
    if unit.pk not in _reporting_unit_ids(target):
        raise TargetError({"unit": _("%(unit)s has no quota of this target.") % {"unit": unit}})
    if not enters_for_unit(user, target, unit):
        raise TargetError({"unit": _("You may only report for your own unit's quota.")})
    month = month_start(month)
    _check_month(target, month, today, config)
    amount = parse_amount(value, measure=target.measure)
    _check_cumulative(target, unit, month, amount)
    if MonthlyValue.objects.filter(target=target, unit=unit, month=month).exists():
        raise TargetError({"month": _("%(unit)s already entered %(month)s; correct it instead.")
                           % {"unit": unit, "month": month_label(month)}})
    record = MonthlyValue(target=target, unit=unit, month=month, value=amount, note=(note or "").strip(),
                          entered_by=user)
    if evidence:
        record.evidence = check_upload(evidence, purpose=Purpose.DOCUMENT, field="evidence")
    full_clean(record, exclude=["entered_by"])
    try:
        with transaction.atomic():
            save_audited(record, user=user, reason=_("Monthly value entered"))
    except IntegrityError:
        raise TargetError({"month": _("%(unit)s already entered %(month)s; correct it instead.")
                           % {"unit": unit, "month": month_label(month)}}) from None
    return record


@transaction.atomic
def value_correct(*, record, value, reason, user, note=None, evidence=None, today=None) -> MonthlyValue:
    """Correct an entered value, with a reason kept in its history. A locked month: the office only."""
    today, config = _today(today), TargetSettings.load()
    record = MonthlyValue.objects.select_for_update().select_related("target__plan", "unit").get(pk=record.pk)
    if not enters_for_unit(user, record.target, record.unit):
        raise TargetError(_("You may only report for your own unit's quota."))
    if not (reason or "").strip():
        raise TargetError({"reason": _("A correction needs a reason.")})
    _check_month(record.target, record.month, today, config, correcting=True, user=user)
    record.value = parse_amount(value, measure=record.target.measure)
    _check_cumulative(record.target, record.unit, record.month, record.value, record=record)
    if note is not None:
        record.note = note.strip()
    fields = ["value", "note", "updated_at"]
    if evidence:
        record.evidence = check_upload(evidence, purpose=Purpose.DOCUMENT, field="evidence")
        fields.append("evidence")
    full_clean(record, exclude=["entered_by"])
    save_audited(record, user=user, update_fields=fields,
                 reason=_("Correction: %(reason)s") % {"reason": reason.strip()})
    return record


# --- milestones and incidents ------------------------------------------------------------------------------
@transaction.atomic
def stage_reach(*, stage, reached_on, user, evidence="", evidence_file=None, today=None) -> Stage:
    """Record that a stage was reached, with evidence (the lead unit or the office); not a future date."""
    today = _today(today)
    stage = Stage.objects.select_for_update().select_related("target__lead_unit", "target__plan").get(pk=stage.pk)
    if not enters_for_unit(user, stage.target, stage.target.lead_unit):
        raise TargetError(_("Only the lead unit or the assessment office records a stage."))
    if not isinstance(reached_on, date):
        raise TargetError({"reached_on": _("Enter a date.")})
    if reached_on > today:
        raise TargetError({"reached_on": _("A stage cannot be reached in the future.")})
    if not (evidence or "").strip() and not evidence_file:
        raise TargetError({"evidence": _("Say or attach what shows the stage was reached.")})
    stage.reached_on = reached_on
    stage.evidence = (evidence or "").strip()
    fields = ["reached_on", "evidence"]
    if evidence_file:
        stage.evidence_file = check_upload(evidence_file, purpose=Purpose.DOCUMENT, field="evidence_file")
        fields.append("evidence_file")
    full_clean(stage)
    save_audited(stage, user=user, update_fields=fields, reason=_("Stage reached"))
    return stage


@transaction.atomic
def stage_plan(*, target, name, planned_date, user, order=0) -> Stage:
    _require_change(user, target)
    if target.kind != TargetKind.MILESTONE:
        raise TargetError(_("Only a milestone target has stages."))
    stage = Stage(target=target, name=(name or "").strip(), planned_date=planned_date, order=order)
    full_clean(stage)
    save_audited(stage, user=user, reason=_("Stage planned"))
    return stage


@transaction.atomic
def incident_report(*, target, occurred_on, description, user, unit=None, today=None) -> Incident:
    """Report an incident against a zero target (the units concerned or the office)."""
    today = _today(today)
    if target.kind != TargetKind.ZERO:
        raise TargetError(_("Incidents are reported only against zero targets."))
    if not enters_for_unit(user, target, unit or target.lead_unit):
        raise TargetError({"unit": _("You may only report for your own unit.")})
    if occurred_on > today:
        raise TargetError({"occurred_on": _("An incident cannot be dated in the future.")})
    if occurred_on.year != target.plan.year:
        raise TargetError({"occurred_on": _("The date is outside the plan's year.")})
    if not (description or "").strip():
        raise TargetError({"description": _("Describe the incident.")})
    incident = Incident(target=target, occurred_on=occurred_on, description=description.strip(), unit=unit,
                        reported_by=user)
    full_clean(incident, exclude=["reported_by"])
    save_audited(incident, user=user, reason=_("Incident reported"))
    return incident


# --- year-end explanation -----------------------------------------------------------------------------------
def explanation_needed(target, *, today=None) -> bool:
    """A target not met by its deadline (once the deadline has passed) needs an explanation."""
    today = _today(today)
    if today <= target.deadline:
        return False
    row = selectors.evaluate_targets([target], today=today)[0]
    return row.evaluation.status == Status.MISSED


@transaction.atomic
def explanation_draft(*, target, text, user, today=None) -> Explanation:
    """The lead unit (or the office) drafts why the target was not met; a new draft awaits approval again."""
    today = _today(today)
    if not enters_for_unit(user, target, target.lead_unit):
        raise TargetError(_("Only the lead unit or the assessment office drafts the explanation."))
    if not explanation_needed(target, today=today):
        raise TargetError(_("Only a target missed at its deadline needs an explanation."))
    if not (text or "").strip():
        raise TargetError({"text": _("Write the explanation.")})
    explanation = Explanation.objects.select_for_update().filter(target=target).first() or Explanation(target=target)
    explanation.text = text.strip()
    explanation.state = ExplanationState.DRAFT
    explanation.drafted_by = user
    explanation.approved_by, explanation.approved_at = None, None
    save_audited(explanation, user=user, reason=_("Explanation drafted"))
    return explanation


@transaction.atomic
def explanation_approve(*, explanation, user) -> Explanation:
    if not may_change_target(user, explanation.target):
        raise TargetError(_("Only the assessment office approves an explanation."))
    if explanation.state == ExplanationState.APPROVED:
        raise TargetError(_("This explanation is already approved."))
    explanation.state = ExplanationState.APPROVED
    explanation.approved_by, explanation.approved_at = user, timezone.now()
    save_audited(explanation, user=user, update_fields=["state", "approved_by", "approved_at", "updated_at"],
                 reason=_("Explanation approved"))
    return explanation


# --- settings and set-up --------------------------------------------------------------------------------------
@transaction.atomic
def settings_update(*, config, data, user) -> TargetSettings:
    if not is_office(user):
        raise TargetError(_("Only the assessment office changes the thresholds."))
    for field in ("behind_points", "at_risk_points", "at_risk_days", "report_deadline_day"):
        if field in data:
            setattr(config, field, data[field])
    full_clean(config)
    save_audited(config, user=user, reason=_("Thresholds changed"))
    return config


def _shift(day, years):
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


@transaction.atomic
def plan_copy(*, source, year, user, title="") -> Plan:
    """Next year's plan from this year's: sections, targets, quotas and stages, dates moved by the years
    between; no values, incidents or explanations."""
    if not is_office(user):
        raise TargetError(_("Only the assessment office creates a plan."))
    if Plan.objects.filter(year=year).exists():
        raise TargetError({"year": _("There is already a plan for %(year)s.") % {"year": year}})
    if year <= source.year:
        raise TargetError({"year": _("A plan is copied to a later year than %(year)s.") % {"year": source.year}})
    years = year - source.year
    plan = save_audited(Plan(year=year, title=title or _("%(year)s targets") % {"year": year}), user=user,
                        reason=_("Plan copied"))
    sections = {}
    for section in source.sections.all():
        sections[section.pk] = save_audited(Section(plan=plan, order=section.order, title=section.title,
                                                    subtitle=section.subtitle), user=user)
    for target in source.targets.prefetch_related("responsible_units", "quotas", "stages"):
        units = list(target.responsible_units.all())
        quotas, stages = list(target.quotas.all()), list(target.stages.all())
        target.predecessor_id = target.pk  # three years side by side: the copy follows its original
        target.final_actual, target.final_status = None, ""
        target.pk = target.id = None
        target._state.adding = True
        target.plan, target.section = plan, sections[target.section_id]
        target.deadline = _shift(target.deadline, years)
        save_audited(target, user=user, reason=_("Plan copied"))
        target.responsible_units.set(units)
        for quota in quotas:
            save_audited(Quota(target=target, unit_id=quota.unit_id, figure=quota.figure), user=user)
        for stage in stages:
            save_audited(Stage(target=target, name=stage.name, order=stage.order,
                               planned_date=_shift(stage.planned_date, years)), user=user)
    return plan


# --- reminders ----------------------------------------------------------------------------------------------------
def reminders_send(*, today=None) -> int:
    """Tell each unit which reported targets' values it still owes for the month open now (the same days as
    the project reminders: the 1st and the 4th). Idempotent per day; returns the number of units notified."""
    from django.urls import reverse

    from notify.channels import absolute_link
    from org.models import Notice, Unit
    from org.services import notify_unit

    today = _today(today)
    config = TargetSettings.load()
    title = _("Plan targets: values your unit still owes (%(date)s)") % {"date": formats.date_format(today)}
    unit_ids = set(Quota.objects.filter(target__kind=TargetKind.REPORTED, target__is_confidential=False)
                   .values_list("unit_id", flat=True))
    unit_ids |= set(Target.objects.filter(kind=TargetKind.REPORTED, is_confidential=False, quotas__isnull=True)
                    .values_list("lead_unit_id", flat=True))
    notified = 0
    for unit in Unit.objects.filter(pk__in=unit_ids):
        month, items = selectors.unit_month_items(unit_ids=[unit.pk], today=today, config=config)
        owed = [i for i in items if not i["entered"]]
        if not owed or Notice.objects.filter(unit=unit, title=title).exists():
            continue
        deadline = formats.date_format(config.calendar.deadline(month))
        lines = [_("%(month)s values are due by %(date)s:") % {"month": month_label(month), "date": deadline}]
        # Each line links to the value's own form (the unit and month named); one item owed: the notice too.
        urls = [selectors.value_form_url(i["target"], unit.pk, month) for i in owed]
        lines += [f"· {i['target'].code} {i['target'].title} {absolute_link(url)}" for i, url in zip(owed, urls,
                                                                                                     strict=True)]
        link = urls[0] if len(urls) == 1 else reverse("targets:mine")
        with transaction.atomic():
            if notify_unit(unit=unit, title=title, body="\n".join(lines), link=link):
                notified += 1
    return notified


# --- set-up from a sheet ------------------------------------------------------------------------------------------
def plan_for_year(*, year, user) -> Plan:
    """The year's plan, created (by the office) when it does not exist yet."""
    plan = Plan.objects.filter(year=year).first()
    if plan is None:
        if not is_office(user):
            raise TargetError(_("Only the assessment office creates a plan."))
        plan = save_audited(Plan(year=year, title=_("%(year)s targets") % {"year": year}), user=user,
                            reason=_("Plan created"))
    return plan


def section_for(*, plan, label, user) -> Section:
    """A section by its label (“着眼禀赋条件 · 生态”), created at the end of the plan when new."""
    title, _dot, subtitle = (part.strip() for part in label.replace("·", "|").partition("|"))
    section = Section.objects.filter(plan=plan, title=title, subtitle=subtitle).first()
    if section is None:
        order = (plan.sections.order_by("-order").values_list("order", flat=True).first() or 0) + 1
        section = save_audited(Section(plan=plan, order=order, title=title, subtitle=subtitle), user=user,
                               reason=_("Section created"))
    return section


@transaction.atomic
def plan_rows_import(*, year, rows, user) -> dict:
    """Create or update the plan's targets from checked sheet rows (the office's set-up; all or nothing
    through the import engine). A row's ``code`` names the target; a known code is updated."""
    plan = plan_for_year(year=year, user=user)
    counts = {"created": 0, "updated": 0}
    existing = {t.code: t for t in Target.objects.filter(plan=plan)}
    for data in rows:
        target = existing.get(data["code"]) or Target(plan=plan, code=data["code"])
        created = target.pk is None
        if not created and target.is_confidential and not sees_confidential(user):
            raise TargetError({"code": hidden_code_message(target.code, plan.year)})
        target.section = section_for(plan=plan, label=data["section"], user=user)
        for field in ("title", "source", "definition", "data_source", "kind", "figure", "measure", "direction",
                      "deadline", "pace", "metric", "aggregation", "lead_unit", "responsible_leader", "is_public"):
            if data.get(field) is not None:
                setattr(target, field, data[field])
        # The 涉密 column may only make a new target confidential (组织部's, refused to anyone else by
        # target_save); an existing target keeps the database's mark whatever the sheet says.
        if created and data.get("is_confidential") is not None:
            target.is_confidential = data["is_confidential"]
        target_save(target=target, user=user, responsible_units=data.get("responsible_units") or [])
        counts["created" if created else "updated"] += 1
    return counts
