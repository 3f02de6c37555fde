"""The plan's datasets of the open data (gaoyou_portal/opendata): the year's public plan and the plan over
the years. Only public targets (never a confidential one) and only their public fields."""

from django.db.models import Max
from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from gaoyou_portal.opendata import BadParameters, Dataset, Field, Rows, choices_text, register

from . import selectors
from .api.serializers import public_rows
from .cache import public_cache
from .choices import Direction, Status, TargetKind
from .models import Plan, Target

TARGET_FIELDS = (
    Field("id", "integer", _("identifier"), _("The target's identifier in the portal."), csv=False),
    Field("year", "integer", _("year"), _("The year of the plan."), _("four digits, e.g. 2026")),
    Field("code", "text", pgettext_lazy("targets", "code"), _("The target's code in the plan (unique in a year).")),
    Field("section", "text", _("section"), _("The part of the plan the target belongs to.")),
    Field("title", "text", _("target"), _("What is pledged, in a few words.")),
    Field("source", "text", _("sentence of the plan"), _("The sentence of the plan the target comes from.")),
    Field("definition", "text", _("definition"), _("What the figure counts: what is included, from when, what is "
                                                   "excluded (口径).")),
    Field("data_source", "text", _("data source"), _("The records a derived figure counts, or the unit that reports "
                                                     "the value, and how it is checked (数据来源).")),
    Field("kind", "text", _("kind"), _("How the figure is known."), choices_text(TargetKind)),
    Field("figure", "decimal", _("target figure"), _("The figure pledged for the year.")),
    Field("measure", "text", _("unit of measure"), _("The unit the figure is counted in (项, 家, 万元 …).")),
    Field("direction", "text", _("direction"), _("Whether the figure must be reached, not exceeded or stay zero."),
          choices_text(Direction)),
    Field("deadline", "date", pgettext_lazy("targets", "deadline"), _("The date the figure is pledged for.")),
    Field("responsible_leader", "text", _("responsible leader"), _("The city leader answerable for the target.")),
    Field("lead_unit", "text", _("lead unit"), _("The unit that leads the work.")),
    Field("actual", "decimal", _("actual"), _("The figure reached so far; empty when not yet known.")),
    Field("expected", "decimal", _("expected by today"), _("The figure the pace expects by the day of the file.")),
    Field("percent", "decimal", _("percent complete"), _("The actual figure as a percentage of the target."),
          _("0 and up; 100 means reached")),
    Field("status", "text", _("status code"), _("Where the target stands, as a code."), choices_text(Status)),
    Field("status_label", "text", _("status"), _("Where the target stands, in words.")),
    Field("reason", "text", _("why"), _("Why the target has this status, in a sentence.")),
    Field("history", "object", _("three years"), _("The last three years, the oldest first, each with its year, "
                                                   "code, figure, actual, status and whether the value is final "
                                                   "(earlier years) or so far (this year)."), csv=False),
)


def _plan_rows(plan):
    targets = Target.objects.public().filter(plan=plan).select_related("plan", "section", "lead_unit",
                                                                       "responsible_leader")
    rows = selectors.evaluate_targets(targets)
    return public_rows(sorted(rows, key=lambda r: (r.target.section.order, r.target.order, r.target.code)))


def plan_rows(request):
    raw = request.GET.get("year") or ""
    if raw and not (raw.isdigit() and len(raw) == 4):
        raise BadParameters({"year": [str(_("Enter a year of four digits."))]})
    plan = selectors.current_plan(int(raw) if raw else None)
    if plan is None:
        raise Http404
    return Rows(items=_plan_rows(plan), filename=f"plan-targets-{plan.year}", meta={"year": plan.year})


def history_rows(request):
    items = []
    for plan in Plan.objects.order_by("year"):
        items += _plan_rows(plan)
    return Rows(items=items, filename="plan-targets-all-years")


def _modified():
    return Target.objects.public().aggregate(m=Max("updated_at"))["m"]


def register_datasets():
    register(Dataset(
        key="plan-targets",
        title=_("The year's public plan"),
        description=_("Every public target of the year's plan: the figure pledged, the deadline, who answers for "
                      "it, the figure reached so far, what is expected by today and the status."),
        fields=TARGET_FIELDS, rows=plan_rows, cache=public_cache, items_key="targets", modified=_modified,
        keywords=(_("plan"), _("targets")), page_url=lambda: reverse("targets:public_list"),
        parameters=_("?year= a year (default: this year)"), order=30,
    ))
    register(Dataset(
        key="plan-history",
        title=_("The public plan over the years"),
        description=_("The public targets of every year's plan in one file, one row per year and target, with "
                      "how far each came: the plan's history."),
        fields=TARGET_FIELDS, rows=history_rows, cache=public_cache, items_key="targets", modified=_modified,
        frequency="monthly", keywords=(_("plan"), _("history")), page_url=lambda: reverse("targets:public_list"),
        order=40,
    ))
