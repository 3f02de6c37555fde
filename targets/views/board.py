"""The board of the plan: the whole plan on one screen, my targets, and its Excel export."""

from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.views import View

from gaoyou_portal.mixins import StaffRequiredMixin
from gaoyou_portal.roles import unit_ids_of
from leaders.models import Leader

from .. import history, selectors
from ..choices import STATUS_BADGE, Status
from ..filtersets import TargetFilterSet
from ..imports import board_export_response
from ..models import Plan, Target
from ..permissions import enters_values, is_leader, is_office


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
    headline = None if mine is not None else history.headline(
        plan=plan, targets=Target.objects.visible_to(request.user))
    return {"plan": plan, "filter": filterset, "board": data, "badges": STATUS_BADGE,
            "status_cards": [(s, Status(s).label, data["counts"][s], STATUS_BADGE[s]) for s in Status.values],
            "plans": Plan.objects.values_list("year", flat=True), "today": timezone.localdate(),
            "is_office": is_office(request.user), "last_year": request.GET.get("last_year") == "1",
            "headline": headline}


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


