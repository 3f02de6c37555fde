"""Staff pages of the plan: the board (and its print view and Excel export), my targets, a target's page,
and the entry pages (values and corrections, stages, incidents, explanations, thresholds, next year)."""

from pathlib import Path

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View

from gaoyou_portal.audit import history_rows
from gaoyou_portal.imports.views import ImportUploadView
from gaoyou_portal.mixins import StaffRequiredMixin
from gaoyou_portal.reporting import month_label
from gaoyou_portal.roles import unit_ids_of
from org.models import Leader, Unit

from . import charts, selectors, services
from .choices import STATUS_BADGE, Status, TargetKind
from .filtersets import TargetFilterSet
from .forms import (
    CorrectionForm,
    ExplanationForm,
    IncidentForm,
    SettingsForm,
    StageReachForm,
    TargetForm,
    ValueForm,
)
from .imports import TargetPlanImport, TargetValuesImport, board_export_response
from .models import Explanation, MonthlyValue, Plan, Stage, Target, TargetSettings
from .permissions import (
    ENTRY_ROLES,
    OFFICE_ROLES,
    enters_for_unit,
    enters_values,
    is_leader,
    is_office,
    is_reporter,
    may_change_target,
)


def show_error(form, exc):
    """Put a service's error on the form: on its field when the form has it, else on the form."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            for error in errors:
                form.add_error(field if field in form.fields else None, error.messages)
    else:
        form.add_error(None, exc.messages)


def _plan(request):
    year = request.GET.get("year")
    plan = selectors.current_plan(int(year) if year and year.isdigit() else None)
    if plan is None:
        raise Http404
    return plan


def _board_context(request, *, mine=None):
    plan = _plan(request)
    filterset = TargetFilterSet(request.GET or None, plan=plan)
    filters = filterset.form.cleaned_data if filterset.is_valid() else {}
    data = selectors.board(user=request.user, plan=plan, filters=filters, mine=mine)
    return {"plan": plan, "filter": filterset, "board": data, "badges": STATUS_BADGE,
            "status_cards": [(s, Status(s).label, data["counts"][s], STATUS_BADGE[s]) for s in Status.values],
            "plans": Plan.objects.values_list("year", flat=True), "today": timezone.localdate(),
            "is_office": is_office(request.user)}


class BoardView(StaffRequiredMixin, View):
    """The whole plan on one screen: sections with counts by status, the worst first."""

    def get(self, request):
        context = _board_context(request)
        template = "targets/print.html" if request.GET.get("print") == "1" else "targets/board.html"
        return render(request, template, context)


def _mine(user):
    units = sorted(unit_ids_of(user))
    leader = Leader.objects.filter(user=user).first() if is_leader(user) else None
    return {"units": units, "leader": leader}


class MineView(StaffRequiredMixin, View):
    """My targets: the targets of the user's units (lead, quota, responsible) or of the leader."""

    def get(self, request):
        context = _board_context(request, mine=_mine(request.user))
        context["mine"] = True
        context["may_upload"] = enters_values(request.user)
        return render(request, "targets/board.html", context)


class BoardExportView(StaffRequiredMixin, View):
    def get(self, request):
        context = _board_context(request)
        return board_export_response(context["board"], plan=context["plan"])


class TargetDetailView(StaffRequiredMixin, View):
    def get(self, request, pk, value_form=None, incident_form=None, explanation_form=None):
        target = get_object_or_404(
            Target.objects.visible_to(request.user).select_related("plan", "section", "lead_unit",
                                                                 "responsible_leader"), pk=pk)
        user, today = request.user, timezone.localdate()
        config = TargetSettings.load()
        row = selectors.evaluate_targets([target], today=today, config=config)[0]
        context = {"target": target, "ev": row.evaluation, "badges": STATUS_BADGE, "today": today,
                   "chart": charts.trend(target, selectors.trend(target, today=today, config=config)),
                   "history": history_rows(target, limit=20), "can_change": may_change_target(user, target),
                   "config": config}
        if target.kind == TargetKind.REPORTED:
            units = selectors.reporting_units(target)
            writable = [u for u in units if enters_for_unit(user, target, u)]
            months = config.calendar.open_months(today) or [config.calendar.due_month(today)]
            context.update(
                split=selectors.unit_split(target, today=today),
                values=list(target.values.select_related("unit", "entered_by").order_by("-month", "unit__order")[:40]),
                missing=[(month_label(m), selectors.missing_reporters(target, m)) for m in months],
                value_form=value_form or (ValueForm(units=writable, initial={
                    "month": months[0].strftime("%Y-%m"), "unit": writable[0] if len(writable) == 1 else None})
                    if writable else None),
                open_months=[month_label(m) for m in months],
            )
            context["value_history"] = [(v, history_rows(v, limit=5)) for v in context["values"]
                                        if v.history.count() > 1][:10]
        elif target.kind == TargetKind.DERIVED:
            context["records"] = selectors.derived_records(target, user)
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


def _target_for_write(request, pk):
    return get_object_or_404(Target.objects.visible_to(request.user).select_related("plan", "lead_unit"), pk=pk)


class ValueCreateView(StaffRequiredMixin, View):
    def post(self, request, pk):
        target = _target_for_write(request, pk)
        form = ValueForm(request.POST, request.FILES)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.value_submit(target=target, unit=data["unit"], month=data["month"], value=data["value"],
                                      note=data["note"], evidence=data["evidence"], user=request.user)
            except ValidationError as exc:
                show_error(form, exc)
            else:
                messages.success(request, _("Value for %(month)s saved.") % {"month": month_label(data["month"])})
                return redirect(request.POST.get("next") if request.POST.get("next", "").startswith("/")
                                else target.get_absolute_url())
        return TargetDetailView().get(request, pk, value_form=form)


class ValueCorrectView(StaffRequiredMixin, View):
    template_name = "targets/correct.html"

    def _record(self, request, pk):
        record = get_object_or_404(MonthlyValue.objects.visible_to(request.user).select_related("target__plan", "unit"),
                                   pk=pk)
        if not enters_for_unit(request.user, record.target, record.unit):
            raise Http404
        return record

    def get(self, request, pk):
        record = self._record(request, pk)
        form = CorrectionForm(initial={"value": record.value.normalize(), "note": record.note})
        return render(request, self.template_name, {"record": record, "form": form})

    def post(self, request, pk):
        record = self._record(request, pk)
        form = CorrectionForm(request.POST, request.FILES)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.value_correct(record=record, value=data["value"], note=data["note"], reason=data["reason"],
                                       evidence=data["evidence"], user=request.user)
            except ValidationError as exc:
                show_error(form, exc)
            else:
                messages.success(request, _("Correction saved."))
                return redirect(record.target.get_absolute_url())
        return render(request, self.template_name, {"record": record, "form": form})


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


class StageReachView(StaffRequiredMixin, View):
    def post(self, request, pk):
        stage = get_object_or_404(Stage.objects.visible_to(request.user).select_related("target"), pk=pk)
        form = StageReachForm(request.POST, request.FILES)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.stage_reach(stage=stage, reached_on=data["reached_on"], evidence=data["evidence"],
                                     evidence_file=data["evidence_file"], user=request.user)
            except ValidationError as exc:
                messages.error(request, "；".join(exc.messages))
            else:
                messages.success(request, _("Stage “%(stage)s” recorded as reached.") % {"stage": stage.name})
        else:
            messages.error(request, "；".join(f"{form.fields[f].label}：{e[0]}" if f in form.fields else e[0]
                                            for f, e in form.errors.items()))
        return redirect(stage.target.get_absolute_url())


class IncidentCreateView(StaffRequiredMixin, View):
    def post(self, request, pk):
        target = _target_for_write(request, pk)
        form = IncidentForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.incident_report(target=target, occurred_on=data["occurred_on"], unit=data["unit"],
                                         description=data["description"], user=request.user)
            except ValidationError as exc:
                show_error(form, exc)
            else:
                messages.success(request, _("Incident reported."))
                return redirect(target.get_absolute_url())
        return TargetDetailView().get(request, pk, incident_form=form)


class ExplanationView(StaffRequiredMixin, View):
    def post(self, request, pk):
        target = _target_for_write(request, pk)
        form = ExplanationForm(request.POST)
        if form.is_valid():
            try:
                services.explanation_draft(target=target, text=form.cleaned_data["text"], user=request.user)
            except ValidationError as exc:
                show_error(form, exc)
            else:
                messages.success(request, _("Explanation saved; it awaits the assessment office's approval."))
                return redirect(target.get_absolute_url())
        return TargetDetailView().get(request, pk, explanation_form=form)


class ExplanationApproveView(StaffRequiredMixin, View):
    def post(self, request, pk):
        target = _target_for_write(request, pk)
        explanation = get_object_or_404(Explanation, target=target)
        try:
            services.explanation_approve(explanation=explanation, user=request.user)
        except ValidationError as exc:
            messages.error(request, "；".join(exc.messages))
        else:
            messages.success(request, _("Explanation approved."))
        return redirect(target.get_absolute_url())


class OfficeMixin(StaffRequiredMixin):
    required_roles = OFFICE_ROLES


class SettingsView(OfficeMixin, View):
    template_name = "targets/form.html"

    def get(self, request):
        form = SettingsForm(instance=TargetSettings.load())
        return render(request, self.template_name, {"form": form, "title": _("Target thresholds")})

    def post(self, request):
        config = TargetSettings.load()
        form = SettingsForm(request.POST, instance=TargetSettings.load())
        if form.is_valid():
            try:
                services.settings_update(config=config, data=form.cleaned_data, user=request.user)
            except ValidationError as exc:
                show_error(form, exc)
            else:
                messages.success(request, _("Thresholds saved."))
                return redirect("targets:board")
        return render(request, self.template_name, {"form": form, "title": _("Target thresholds")})


class TargetEditView(StaffRequiredMixin, View):
    """The office edits a target of the plan in the browser (confidential ones: the organisation department)."""

    template_name = "targets/form.html"

    def _target(self, request, pk):
        if pk is None:
            if not is_office(request.user):
                raise Http404
            return Target(plan=_plan(request))
        return get_object_or_404(Target.objects.editable_by(request.user).select_related("plan"), pk=pk)

    def get(self, request, pk=None):
        target = self._target(request, pk)
        form = TargetForm(instance=target, plan=target.plan)
        return render(request, self.template_name, {"form": form, "title": str(target) if pk else _("New target")})

    def post(self, request, pk=None):
        target = self._target(request, pk)
        form = TargetForm(request.POST, instance=target, plan=target.plan)
        if form.is_valid():
            try:
                target = services.target_save(target=form.save(commit=False), user=request.user,
                                              responsible_units=form.cleaned_data["responsible_units"])
            except ValidationError as exc:
                show_error(form, exc)
            else:
                messages.success(request, _("Target saved."))
                return redirect(target.get_absolute_url())
        return render(request, self.template_name, {"form": form, "title": str(target) if pk else _("New target")})


class PlanCopyView(OfficeMixin, View):
    """Next year's plan from this one (sections, targets, quotas, stages; no values)."""

    def post(self, request):
        source = _plan(request)
        try:
            plan = services.plan_copy(source=source, year=source.year + 1, user=request.user)
        except ValidationError as exc:
            messages.error(request, "；".join(exc.messages))
            return redirect("targets:board")
        messages.success(request, _("The %(year)s plan was created from %(source)s's.")
                         % {"year": plan.year, "source": source.year})
        return redirect(reverse("targets:board") + f"?year={plan.year}")


class ValueImportView(ImportUploadView):
    """A unit's month of values as one Excel sheet (reporters for their units' quotas, the office for any)."""

    spec = TargetValuesImport
    required_roles = ENTRY_ROLES

    def get_params(self, form):
        return {"year": _plan(self.request).year}


class QuotasView(StaffRequiredMixin, View):
    """The office splits a reported target across the towns and parks (one figure per unit; blank: no quota)."""

    template_name = "targets/quotas.html"

    def _target(self, request, pk):
        target = get_object_or_404(Target.objects.visible_to(request.user).select_related("plan"), pk=pk,
                                   kind=TargetKind.REPORTED)
        if not may_change_target(request.user, target):
            raise Http404
        return target

    def _rows(self, target, data=None):
        quotas = {q.unit_id: q.figure for q in target.quotas.all()}
        units = Unit.objects.towns_and_parks().order_by("order", "pk")
        return [(u, (data.get(f"unit-{u.pk}", "") if data is not None else
                     (quotas[u.pk].normalize() if u.pk in quotas else ""))) for u in units]

    def get(self, request, pk):
        target = self._target(request, pk)
        return render(request, self.template_name, {"target": target, "rows": self._rows(target)})

    def post(self, request, pk):
        target = self._target(request, pk)
        rows = self._rows(target, request.POST)
        try:
            services.quotas_set(target=target, quotas={u: v for u, v in rows if str(v).strip()}, user=request.user)
        except ValidationError as exc:
            return render(request, self.template_name, {"target": target, "rows": rows, "errors": exc.messages},
                          status=400)
        messages.success(request, _("Quotas saved."))
        return redirect(target.get_absolute_url())


class PlanImportView(ImportUploadView):
    """The office sets up or updates the year's plan from one sheet (``?year=``; default this year's)."""

    spec = TargetPlanImport
    required_roles = OFFICE_ROLES

    def get_params(self, form):
        year = self.request.GET.get("year")
        return {"year": int(year) if year and year.isdigit() else timezone.localdate().year}
