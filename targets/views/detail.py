"""A target's page (the form pages post back to it) and its evidence files."""

from datetime import date
from pathlib import Path

from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views import View

from gaoyou_portal import registry
from gaoyou_portal.audit import history_rows
from gaoyou_portal.mixins import StaffRequiredMixin
from gaoyou_portal.reporting import month_label, month_start

from .. import charts, history, selectors, services
from ..choices import STATUS_BADGE, TargetKind
from ..forms import ExplanationForm, IncidentForm, StageReachForm, ValueForm
from ..history import HISTORY_RELATED
from ..models import Explanation, MonthlyValue, Stage, Target, TargetSettings
from ..permissions import enters_for_unit, is_reporter, may_change_target


def _linked_item(request, writable, default_month):
    """The unit and month a link names (``?unit=<id>&month=2026-11``, a reminder's), else the defaults.

    A unit the user may not enter values for answers 404, as any record outside the user's scope.
    """
    unit = writable[0] if len(writable) == 1 else None
    if request.GET.get("unit"):
        unit = next((u for u in writable if str(u.pk) == request.GET["unit"]), None)
        if unit is None:
            raise Http404
    month = default_month
    if request.GET.get("month"):
        try:
            month = month_start(date.fromisoformat(request.GET["month"][:7] + "-01"))
        except ValueError:
            raise Http404
    return unit, month


class TargetDetailView(StaffRequiredMixin, View):
    def get(self, request, pk, value_form=None, incident_form=None, explanation_form=None):
        target = get_object_or_404(
            Target.objects.visible_to(request.user).select_related("plan", "section", "lead_unit",
                                                                 "responsible_leader", *HISTORY_RELATED), pk=pk)
        user, today = request.user, timezone.localdate()
        config = TargetSettings.load()
        row = selectors.evaluate_targets([target], today=today, config=config)[0]
        context = {"target": target, "ev": row.evaluation, "badges": STATUS_BADGE, "today": today,
                   "chart": charts.trend(target, selectors.trend(target, today=today, config=config)),
                   "history": history_rows(target, limit=20), "can_change": may_change_target(user, target),
                   "config": config, "years": history.history(row)}
        if target.kind == TargetKind.REPORTED:
            units = selectors.reporting_units(target)
            writable = [u for u in units if enters_for_unit(user, target, u)]
            months = config.calendar.open_months(today) or [config.calendar.due_month(today)]
            unit, month = _linked_item(request, writable, months[0])
            already = unit and target.values.filter(unit=unit, month=month).select_related("entered_by").first()
            initial = {"month": month.strftime("%Y-%m"), "unit": unit}
            if unit and not already:  # prefilled from the quota's pace: a unit on pace only confirms
                initial["value"] = selectors.value_prefill(target, unit, month)
            context.update(
                split=selectors.unit_split(target, today=today),
                values=list(target.values.select_related("unit", "entered_by").order_by("-month", "unit__order")[:40]),
                missing=[(month_label(m), selectors.missing_reporters(target, m)) for m in months],
                value_form=value_form or (ValueForm(units=writable, initial=initial) if writable and not already
                                          else None),
                already=already,
                open_months=[month_label(m) for m in months],
            )
            for value in context["values"]:  # the "Correct" link only where the user may correct
                value.can_correct = enters_for_unit(user, target, value.unit)
            context["value_history"] = [(v, history_rows(v, limit=5)) for v in context["values"]
                                        if v.history.count() > 1][:10]
        elif target.kind == TargetKind.DERIVED:
            records = selectors.derived_records(target, user, today=today)
            context["records"] = [r for r in records if r["counted"]]
            context["uncounted"] = [r for r in records if not r["counted"]]
            context["metric"] = registry.get_metric(target.metric)
        elif target.kind == TargetKind.MILESTONE:
            context["stages"] = target.stage_list
            context["can_reach"] = enters_for_unit(user, target, target.lead_unit)
            context["reach_form"] = StageReachForm()
        elif target.kind == TargetKind.ZERO:
            context["incidents"] = list(target.incidents.select_related("unit", "reported_by"))
            context["incident_form"] = incident_form or (
                IncidentForm() if enters_for_unit(user, target, target.lead_unit) or is_reporter(user)
                else None)
        explanation = Explanation.objects.filter(target=target).first()
        context["explanation"] = explanation
        if services.explanation_needed(target, today=today) and enters_for_unit(user, target, target.lead_unit):
            context["explanation_form"] = explanation_form or ExplanationForm(
                initial={"text": explanation.text if explanation else ""})
        return render(request, "targets/target_detail.html", context)


class EvidenceView(StaffRequiredMixin, View):
    """An evidence file, with the scope of the value or stage it belongs to."""

    def get(self, request, kind, pk):
        model, field = {"value": (MonthlyValue, "evidence"), "stage": (Stage, "evidence_file")}.get(kind, (None, None))
        if model is None:
            raise Http404
        record = get_object_or_404(model.objects.visible_to(request.user), pk=pk)
        upload = getattr(record, field)
        if not upload:
            raise Http404
        inline = Path(upload.name).suffix.lower() in (".jpg", ".jpeg", ".png", ".webp", ".pdf")
        response = FileResponse(upload.open("rb"), as_attachment=not inline, filename=Path(upload.name).name)
        response["Content-Security-Policy"] = "sandbox; default-src 'none'; img-src 'self'"
        response["X-Content-Type-Options"] = "nosniff"
        return response


