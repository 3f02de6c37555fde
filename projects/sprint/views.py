"""Pages of the sprint race: dashboards for leaders and the office, the race page with its job,
drill-down to indicators and projects, the bulletin, the Excel export, the scheme and the cases."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import DetailView, ListView

from gaoyou_portal.audit import history_rows
from gaoyou_portal.errors import DomainError
from gaoyou_portal.forms import show_domain_error
from gaoyou_portal.mixins import HistoryMixin, ScopedQuerysetMixin, StaffRequiredMixin
from gaoyou_portal.views import next_url
from org.models import Unit

from . import bundle, charts, exports, selectors, services
from .choices import CaseStatus, ConsequenceKind, Group, RaceStatus, RunTrigger
from .filtersets import ConsequenceCaseFilterSet
from .forms import IndicatorFormSet, ReasonForm, SchemeForm, ScoreForm, UnitValuesForm
from .models import ConsequenceCase, Indicator, ScoringRun, SprintRace, SprintScheme, YearEndAssessment
from .permissions import CASE_READERS, INSIDERS, OFFICE_ROLES, is_insider, is_office, reads_cases


def _ranking_context(request, race):
    """Ranking tables and bar charts of a race, with drill-down links the user may follow."""
    ranking = selectors.race_ranking(race)
    groups = []
    for group, label in Group.choices:
        scores = ranking.get(group, [])
        links = {}
        for score in scores:
            # Whoever sees a race reads its scores: all staff a published one, insiders a draft.
            score.can_drill = True
            score.url = reverse("sprint:score_detail", args=[race.pk, score.pk])
            links[score.unit.display_name] = score.url
        groups.append({"key": group, "label": label, "scores": scores, "links": links,
                       "reds": [s.unit.name for s in scores if s.flag == "red"],
                       "yellows": [s.unit.name for s in scores if s.flag == "yellow"],
                       "chart_id": f"chart-{group}", "links_id": f"links-{group}",
                       "chart": charts.ranking_bar(scores, label=label) if scores else None})
    return groups


class HomeView(StaffRequiredMixin, View):
    """/sprint/: the chosen race's rankings and flags, the flags wall of its year, the half-year
    check, composites and cases. A fixed number of queries at any scale."""

    def get(self, request):
        races = list(selectors.races_visible_to(request.user).order_by("-year", "-quarter"))
        years = sorted({r.year for r in races}, reverse=True)
        year = _int(request.GET.get("year")) or (years[0] if years else timezone.localdate().year)
        year_races = sorted((r for r in races if r.year == year), key=lambda r: r.quarter)
        quarter = _int(request.GET.get("quarter"))
        race = next((r for r in year_races if r.quarter == quarter), year_races[-1] if year_races else None)
        context = {"years": years, "year": year, "year_races": year_races, "race": race}
        if race:
            context["groups"] = _ranking_context(request, race)
        grid = selectors.year_grid(year=year, races=year_races)
        quarters = [r.quarter for r in year_races]
        context["quarters"] = quarters
        context["wall"] = [(Group(g).label, [(unit, [by_q.get(q) for q in quarters]) for unit, by_q in rows])
                           for g, rows in grid.items() if rows]
        q2 = next((r for r in year_races if r.quarter == 2), None)
        if q2:
            context["half_year"] = [(unit, by_q[2]) for rows in grid.values() for unit, by_q in rows if 2 in by_q]
        if reads_cases(request.user):
            # This year's composite exists after Q4; until then show last year's.
            composites = list(selectors.composites(year=year, user=request.user))
            context["composite_year"] = year
            if not composites:
                composites = list(selectors.composites(year=year - 1, user=request.user))
                context["composite_year"] = year - 1
            context["composites"] = composites
            context["cases"] = list(selectors.cases(user=request.user).filter(year__gte=year - 1)[:20])
            # The half-year warnings of the year (proposed when the Q2 race is published), for the office's decision.
            context["half_year_cases"] = list(selectors.cases(user=request.user).filter(
                year=year, kind=ConsequenceKind.HALF_YEAR))
        context["can_score"] = is_office(request.user)
        context["score_form"] = ScoreForm(initial={"year": year, "quarter": (race.quarter if race else 1)})
        return render(request, "sprint/home.html", context)


def _int(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


class RaceDetailView(ScopedQuerysetMixin, HistoryMixin, DetailView):
    model = SprintRace
    template_name = "sprint/race_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        race = self.object
        context["groups"] = _ranking_context(self.request, race)
        context["can_score"] = is_office(self.request.user)
        if is_insider(self.request.user):
            runs = list(race.runs.select_related("started_by")[:10])
            context["runs"] = runs
            context["active_run"] = next((r for r in runs if r.active), None)
        context["reopen_form"] = ReasonForm()
        return context


class RaceProgressView(StaffRequiredMixin, View):
    """The job's progress (htmx polls it while a run is queued or running)."""

    required_roles = tuple(INSIDERS)

    def get(self, request, pk):
        race = get_object_or_404(SprintRace.objects.visible_to(request.user), pk=pk)
        run = race.runs.select_related("started_by").first()
        progress = services.run_progress(run) if run else {}
        response = render(request, "sprint/_progress.html", {"race": race, "run": run, "progress": progress})
        if request.htmx and run and not run.active:
            response["HX-Refresh"] = "true"  # the run is over: reload the page to show its scores
        return response


class RaceScoreView(StaffRequiredMixin, View):
    """The office starts the scoring job for a quarter; the race page shows its progress."""

    required_roles = OFFICE_ROLES

    def post(self, request):
        form = ScoreForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Choose a year and a quarter."))
            return redirect("sprint:home")
        year, quarter = form.cleaned_data["year"], form.cleaned_data["quarter"]
        try:
            run = services.run_start(year=year, quarter=quarter, user=request.user, trigger=RunTrigger.OFFICE)
        except DomainError as error:
            show_domain_error(error, request=request)
            return redirect(next_url(request, reverse("sprint:home")))
        messages.success(request, _("Scoring of %(year)s Q%(quarter)s has started.") % {"year": year,
                                                                                      "quarter": quarter})
        return redirect("sprint:race_detail", pk=run.race_id)


class RacePublishView(StaffRequiredMixin, View):
    required_roles = OFFICE_ROLES

    def post(self, request, pk):
        race = get_object_or_404(SprintRace.objects.editable_by(request.user), pk=pk)
        try:
            services.race_publish(race=race, user=request.user)
            messages.success(request, _("The race is published and the units notified."))
        except DomainError as error:
            show_domain_error(error, request=request)
        return redirect("sprint:race_detail", pk=pk)


class RaceReopenView(StaffRequiredMixin, View):
    required_roles = OFFICE_ROLES

    def post(self, request, pk):
        race = get_object_or_404(SprintRace.objects.editable_by(request.user), pk=pk)
        try:
            services.race_reopen(race=race, user=request.user, reason=request.POST.get("reason", ""))
            messages.success(request, _("The race is reopened for rescoring."))
        except DomainError as error:
            show_domain_error(error, request=request)
        return redirect("sprint:race_detail", pk=pk)


class BulletinView(RaceDetailView):
    """The printable quarterly bulletin (通报)."""

    template_name = "sprint/bulletin.html"


class RaceExportView(StaffRequiredMixin, View):
    """The race's rankings as .xlsx."""

    def get(self, request, pk):
        race = get_object_or_404(SprintRace.objects.visible_to(request.user), pk=pk)
        return exports.race_export_response(race, selectors.race_ranking(race))


class ScoreDetailView(StaffRequiredMixin, View):
    """A unit's score: the breakdown, indicator by indicator, and the projects behind each figure."""

    def get(self, request, race_pk, pk, indicator_pk=None):
        score = get_object_or_404(
            selectors.scores_visible_to(request.user).select_related("race", "unit"), pk=pk, race_id=race_pk
        )
        context = {"score": score, "race": score.race, "unit": score.unit}
        if indicator_pk is not None:
            indicator = get_object_or_404(Indicator, pk=indicator_pk, scheme_id=score.race.scheme_id)
            row = next((r for r in score.breakdown if r["indicator"] == indicator.pk), None)
            if row is None:
                raise Http404
            context.update(indicator=indicator, row=row, projects=selectors.projects_behind(
                indicator=indicator, unit=score.unit, year=score.race.year, quarter=score.race.quarter))
            return render(request, "sprint/score_indicator.html", context)
        return render(request, "sprint/score_detail.html", context)


class UnitTrendView(StaffRequiredMixin, View):
    """A unit's scores, ranks and flags over the quarters of a year, and its consequence cases."""

    def get(self, request, code):
        unit = get_object_or_404(Unit, code=code)
        # Every staff role reads every unit's trend (its published scores; insiders drafts too).
        scores = selectors.scores_visible_to(request.user).filter(unit=unit).select_related("race")
        year = _int(request.GET.get("year")) or timezone.localdate().year
        by_q = dict(sorted((s.race.quarter, s) for s in scores if s.race.year == year))
        points = [(f"Q{q}", by_q[q].score if q in by_q else None, by_q[q].rank if q in by_q else None)
                  for q in (1, 2, 3, 4)]
        years = sorted({s.race.year for s in scores}, reverse=True)
        context = {"unit": unit, "year": year, "years": years, "by_q": by_q, "chart": charts.trend_line(points),
                   "cases": selectors.cases(user=request.user).filter(unit=unit)}
        return render(request, "sprint/unit_trend.html", context)


# --- scheme ---------------------------------------------------------------------------------------------------
class SchemeListView(ScopedQuerysetMixin, ListView):
    model = SprintScheme
    template_name = "sprint/scheme_list.html"
    paginate_by = 20

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if is_office(self.request.user):
            context["form"] = SchemeForm(initial={"year": timezone.localdate().year + 1})
        return context

    def post(self, request):
        if not is_office(request.user):
            raise Http404
        form = SchemeForm(request.POST)
        if form.is_valid():
            try:
                scheme = services.scheme_save(user=request.user, year=form.cleaned_data["year"],
                                              data=form.cleaned_data)
                messages.success(request, _("The %(year)s scheme is set up.") % {"year": scheme.year})
                return redirect("sprint:scheme_detail", year=scheme.year)
            except DomainError as error:
                show_domain_error(error, form=form)
        self.object_list = self.get_queryset()
        return render(request, self.template_name, {**self.get_context_data(), "form": form})


class SchemeMixin(StaffRequiredMixin):
    """Every staff role reads a scheme; the edit views narrow ``required_roles`` to the office."""

    def get_scheme(self):
        return get_object_or_404(SprintScheme.objects.visible_to(self.request.user), year=self.kwargs["year"])


class SchemeDetailView(SchemeMixin, View):
    def get(self, request, year):
        scheme = self.get_scheme()
        indicators = list(scheme.indicators.all())
        targets = selectors.targets_by_unit(scheme)
        units = list(selectors.participating_units().order_by("order", "id"))
        matrix = [(u, [targets.get(u.id, {}).get(i.id) for i in indicators]) for u in units]
        sums = {label: sum((i.weight for i in indicators if i.applies_to(g)), 0) for g, label in Group.choices}
        return render(request, "sprint/scheme_detail.html", {
            "scheme": scheme, "indicators": indicators, "matrix": matrix, "sums": sums,
            "can_edit": is_office(request.user), "history": history_rows(scheme),
            "groups": [(label, scheme.flags(g)) for g, label in Group.choices],
        })


class SchemeEditView(SchemeMixin, View):
    required_roles = OFFICE_ROLES

    def get(self, request, year):
        scheme = self.get_scheme()
        return render(request, "sprint/scheme_form.html", {"scheme": scheme, "form": SchemeForm(instance=scheme)})

    def post(self, request, year):
        scheme = self.get_scheme()
        form = SchemeForm(request.POST, instance=scheme)
        if form.is_valid():
            try:
                services.scheme_save(user=request.user, scheme=scheme, data=form.cleaned_data)
                messages.success(request, _("The scheme is saved."))
                return redirect("sprint:scheme_detail", year=year)
            except DomainError as error:
                scheme.refresh_from_db()
                show_domain_error(error, form=form)
        return render(request, "sprint/scheme_form.html", {"scheme": scheme, "form": form})


class IndicatorsEditView(SchemeMixin, View):
    """All the scheme's indicators edited together, so the weights are checked as a whole."""

    required_roles = OFFICE_ROLES

    def get(self, request, year):
        scheme = self.get_scheme()
        initial = [{f: getattr(i, f) for f in ["id", *services.INDICATOR_FIELDS]} for i in scheme.indicators.all()]
        return self.show(request, scheme, IndicatorFormSet(initial=initial))

    def show(self, request, scheme, formset, errors=()):
        return render(request, "sprint/indicators_form.html", {"scheme": scheme, "formset": formset,
                                                               "errors": errors})

    def post(self, request, year):
        scheme = self.get_scheme()
        formset = IndicatorFormSet(request.POST)
        if not formset.is_valid():
            return self.show(request, scheme, formset)
        rows = [form.cleaned_data for form in formset if form.cleaned_data and form.has_changed() or
                (form.cleaned_data and form.cleaned_data.get("id"))]
        try:
            services.indicators_save(scheme=scheme, rows=rows, user=request.user)
        except DomainError as error:
            return self.show(request, scheme, formset, errors=error.messages)
        messages.success(request, _("The indicators are saved."))
        return redirect("sprint:scheme_detail", year=year)


class UnitValuesView(SchemeMixin, View):
    """A grid of one value per unit: annual targets of an indicator, the office's values for a
    quarter, or the year-end assessments."""

    required_roles = OFFICE_ROLES
    kind = "targets"

    def setup_grid(self):
        scheme = self.get_scheme()
        units = list(selectors.participating_units().order_by("order", "id"))
        if self.kind == "assessments":
            self.indicator = None
            current = dict(YearEndAssessment.objects.filter(year=scheme.year).values_list("unit_id", "score"))
            self.title = _("Year-end assessments %(year)s") % {"year": scheme.year}
            return scheme, units, current
        self.indicator = get_object_or_404(Indicator, pk=self.kwargs["pk"], scheme=scheme)
        units = [u for u in units if self.indicator.applies_to(selectors.group_of(u.kind))]
        if self.kind == "targets":
            current = dict(self.indicator.targets.values_list("unit_id", "target"))
            self.title = _("Annual targets: %(name)s") % {"name": self.indicator.name}
        else:
            if not self.indicator.is_manual or self.kwargs["quarter"] not in (1, 2, 3, 4):
                raise Http404
            current = dict(self.indicator.manual_values.filter(quarter=self.kwargs["quarter"])
                           .values_list("unit_id", "value"))
            self.title = _("%(name)s: values to date at Q%(quarter)s") % {"name": self.indicator.name,
                                                                         "quarter": self.kwargs["quarter"]}
        return scheme, units, current

    def get(self, request, **kwargs):
        scheme, units, current = self.setup_grid()
        form = UnitValuesForm(units=units, initial_values=current)
        return render(request, "sprint/unit_values_form.html", {"scheme": scheme, "form": form, "title": self.title,
                                                                "indicator": self.indicator})

    def post(self, request, **kwargs):
        scheme, units, current = self.setup_grid()
        form = UnitValuesForm(request.POST, units=units, initial_values=current)
        if form.is_valid():
            try:
                if self.kind == "targets":
                    services.targets_save(indicator=self.indicator, values=form.values(), user=request.user)
                elif self.kind == "values":
                    services.manual_values_save(indicator=self.indicator, quarter=self.kwargs["quarter"],
                                                values=form.values(), user=request.user)
                else:
                    services.assessments_save(year=scheme.year, values=form.values(), user=request.user)
                messages.success(request, _("Saved."))
                return redirect("sprint:scheme_detail", year=scheme.year)
            except DomainError as error:
                show_domain_error(error, form=form)
        return render(request, "sprint/unit_values_form.html", {"scheme": scheme, "form": form, "title": self.title,
                                                                "indicator": self.indicator})


class YearView(StaffRequiredMixin, View):
    """Composite standings of a year, the consequence cases, and the office's evaluation."""

    required_roles = tuple(CASE_READERS)

    def get(self, request, year):
        rows = list(selectors.composites(year=year, user=request.user))
        leaders = bundle.bundle_table(year=year)
        return render(request, "sprint/year.html", {
            "bundle": leaders, "weights": leaders[0].weights if leaders else bundle.weights_for(year),
            "year": year, "groups": [(label, [r for r in rows if r.group == g]) for g, label in Group.choices],
            "cases": selectors.cases(user=request.user).filter(year=year),
            "can_evaluate": is_office(request.user),
            "races": SprintRace.objects.filter(year=year, status=RaceStatus.PUBLISHED).count(),
        })

    def post(self, request, year):
        if not is_office(request.user):
            raise Http404
        try:
            result = services.year_evaluate(year=year, user=request.user)
            messages.success(request, _("%(units)d units evaluated; %(proposed)d cases proposed or updated.")
                             % result)
        except DomainError as error:
            show_domain_error(error, request=request)
        return redirect("sprint:year", year=year)


# --- consequence cases ---------------------------------------------------------------------------------------
class CaseListView(ScopedQuerysetMixin, ListView):
    model = ConsequenceCase
    template_name = "sprint/case_list.html"
    paginate_by = 30

    def get_queryset(self):
        qs = super().get_queryset().select_related("unit", "decided_by")
        self.filterset = ConsequenceCaseFilterSet(self.request.GET, queryset=qs)
        return self.filterset.qs if self.filterset.is_valid() else qs.none()

    def get_context_data(self, **kwargs):
        return super().get_context_data(filter=self.filterset, **kwargs)


class CaseDetailView(ScopedQuerysetMixin, HistoryMixin, DetailView):
    model = ConsequenceCase
    template_name = "sprint/case_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["can_decide"] = (is_office(self.request.user)
                                 and self.object.status == CaseStatus.PROPOSED)
        context["reads_composites"] = reads_cases(self.request.user)  # the year page is theirs
        context["form"] = ReasonForm()
        return context


class CaseDecideView(StaffRequiredMixin, View):
    required_roles = OFFICE_ROLES

    def post(self, request, pk, decision):
        case = get_object_or_404(ConsequenceCase.objects.editable_by(request.user), pk=pk)
        service = services.case_confirm if decision == "confirm" else services.case_dismiss
        try:
            service(case=case, user=request.user, reason=request.POST.get("reason", ""))
            messages.success(request, _("The case is decided."))
        except DomainError as error:
            show_domain_error(error, request=request)
        return redirect("sprint:case_detail", pk=pk)


class RunListView(StaffRequiredMixin, View):
    required_roles = tuple(INSIDERS)

    def get(self, request):
        runs = ScoringRun.objects.visible_to(request.user).select_related("started_by", "race")
        page = Paginator(runs, 30).get_page(request.GET.get("page"))
        return render(request, "sprint/run_list.html", {"page_obj": page, "object_list": page.object_list})
