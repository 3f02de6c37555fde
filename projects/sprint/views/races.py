"""The race pages: the sprint home (rankings, flags wall, half-year check), a race with its scoring
job (start, progress, publish, reopen), the bulletin and the export, a unit's score drilled down to
indicators and projects, a unit's trend, and the list of runs."""

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import DetailView

from gaoyou_portal.mixins import HistoryMixin, ScopedQuerysetMixin, StaffRequiredMixin
from gaoyou_portal.views import ServiceActionView, next_url
from org.models import Unit

from .. import charts, exports, selectors, services
from ..choices import ConsequenceKind, Group, RunTrigger
from ..forms import ReasonForm, ScoreForm
from ..models import Indicator, ScoringRun, SprintRace
from ..permissions import INSIDERS, OFFICE_ROLES, is_insider, is_office, reads_cases


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


class RaceScoreView(StaffRequiredMixin, ServiceActionView):
    """The office starts the scoring job for a quarter; the race page shows its progress."""

    required_roles = OFFICE_ROLES
    form_class = ScoreForm
    invalid_message = gettext_lazy("Choose a year and a quarter.")

    def call_service(self, form):
        self.year, self.quarter = form.cleaned_data["year"], form.cleaned_data["quarter"]
        return services.run_start(year=self.year, quarter=self.quarter, user=self.request.user,
                                  trigger=RunTrigger.OFFICE)

    def form_invalid(self, form):
        super().form_invalid(form)
        return redirect("sprint:home")

    def get_success_message(self):
        return _("Scoring of %(year)s Q%(quarter)s has started.") % {"year": self.year, "quarter": self.quarter}

    def get_success_url(self):
        return reverse("sprint:race_detail", kwargs={"pk": self.saved.race_id})

    def get_failure_url(self):
        return next_url(self.request, reverse("sprint:home"))


class _RaceActionView(StaffRequiredMixin, ServiceActionView):
    required_roles = OFFICE_ROLES
    model = SprintRace

    def get_redirect_url(self):
        return reverse("sprint:race_detail", kwargs={"pk": self.object.pk})


class RacePublishView(_RaceActionView):
    success_message = gettext_lazy("The race is published and the units notified.")

    def call_service(self, form):
        return services.race_publish(race=self.object, user=self.request.user)


class RaceReopenView(_RaceActionView):
    success_message = gettext_lazy("The race is reopened for rescoring.")

    def call_service(self, form):
        return services.race_reopen(race=self.object, user=self.request.user,
                                    reason=self.request.POST.get("reason", ""))


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

class RunListView(StaffRequiredMixin, View):
    required_roles = tuple(INSIDERS)

    def get(self, request):
        runs = ScoringRun.objects.visible_to(request.user).select_related("started_by", "race")
        page = Paginator(runs, 30).get_page(request.GET.get("page"))
        return render(request, "sprint/run_list.html", {"page_obj": page, "object_list": page.object_list})
