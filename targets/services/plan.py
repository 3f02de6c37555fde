"""The plan: a target saved, quotas, closing and copying a year, the thresholds, set-up from a sheet."""

from decimal import Decimal

from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from gaoyou_portal.audit import save_audited
from gaoyou_portal.errors import full_clean

from .. import selectors
from ..choices import TargetKind
from ..models import Plan, Quota, Section, Stage, Target, TargetSettings
from ..permissions import is_office, sees_confidential
from .common import TargetError, _require_change, _today, hidden_code_message, parse_amount


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
