"""The reporting ledger's pages: every unit for the office and leaders, a unit's own rows for its reporters."""

from html import escape

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from gaoyou_portal import registry
from gaoyou_portal.mixins import StaffRequiredMixin
from gaoyou_portal.reporting import add_months, month_label
from gaoyou_portal.roles import Role
from gaoyou_portal.spreadsheets import xlsx_response
from gaoyou_portal.views import ServiceActionView, ServiceFormView
from org.choices import UnitKind
from org.models import Unit

from . import selectors, services
from .forms import CalendarDayForm
from .holidays import PROVISIONAL_YEARS
from .models import CalendarDay, Escalation
from .permissions import ledger_unit_ids, sees_every_unit

SPARK_HEIGHT = 22


def _spark(trend, labels):
    """The bars of a 12-month sparkline: the height of each month's on-time rate (none: a grey stub) and its colour.
    ``labels``: the months in words, formatted once for every row (formatting dates is not free)."""
    bars = []
    for month, tally in trend:
        rate = tally.rate
        height = 1 if rate is None else max(1, round(float(rate) * SPARK_HEIGHT / 100))
        colour = "#ced4da" if rate is None else "#198754" if rate >= 90 else "#ffc107" if rate >= 60 else "#dc3545"
        if month not in labels:
            labels[month] = month_label(month)
        bars.append({"h": height, "colour": colour, "title": f"{labels[month]}：{'—' if rate is None else f'{rate}%'}"})
    return bars


def _spark_html(bars, height, label):
    """The sparkline's markup, built once per row here rather than through a template include (twelve bars for
    each of every unit were most of the page's rendering time). Heights are integers and colours constants; the
    titles are escaped."""
    inner = "".join(f'<span class="d-inline-block" style="width:5px;margin-right:1px;height:{int(b["h"])}px;'
                    f'background:{b["colour"]}" title="{escape(b["title"])}"></span>' for b in bars)
    return mark_safe(  # noqa: S308  (every value above is an integer, a constant or escaped)
        f'<span class="reporting-spark d-inline-flex align-items-end" style="height:{int(height)}px" role="img" '
        f'aria-label="{escape(label)}">{inner}</span>')


def _ledger(request):
    unit_ids = ledger_unit_ids(request.user)
    month = selectors.parse_month(request.GET.get("year"), request.GET.get("month"))
    kind = request.GET.get("kind") if request.GET.get("kind") in UnitKind.values else ""
    rows = selectors.ledger(month=month, unit_ids=unit_ids, kind=kind)
    return month, kind, selectors.sort_rows(rows, request.GET.get("sort", "rate")), unit_ids


class LedgerView(StaffRequiredMixin, TemplateView):
    """``/reporting/``: each unit's on-time rate this month and over twelve months, sortable and filterable."""

    template_name = "reporting/ledger.html"

    def get_context_data(self, **kwargs):
        month, kind, rows, unit_ids = _ledger(self.request)
        labels, spark_label = {}, _("On-time rate, last twelve months")
        for row in rows:
            row.spark = _spark_html(_spark(row.trend, labels), SPARK_HEIGHT, spark_label)
        sources = registry.compliance_sources()
        return super().get_context_data(
            rows=rows, month=month, kind=kind, kinds=UnitKind.choices, sort=self.request.GET.get("sort", "rate"),
            sources=sources, every_unit=unit_ids is None, previous=add_months(month, -1),
            following=add_months(month, 1) if add_months(month, 1) <= selectors.current_month() else None,
            spark_height=SPARK_HEIGHT, **kwargs)


class LedgerExportView(StaffRequiredMixin, View):
    """The ledger as an Excel sheet: the month's counts per unit, then the twelve months' on-time rates."""

    def get(self, request):
        month, _kind, rows, _ids = _ledger(request)
        months = [m for m, _t in rows[0].trend] if rows else []
        headers = [_("unit"), _("kind"), _("owed"), _("on time"), _("late"), _("missing"), _("not yet due"),
                   _("on-time rate (%)"), *[month_label(m) for m in months]]
        data = [[row.unit.name, row.unit.get_kind_display(), row.total.expected, row.total.on_time, row.total.late,
                 row.total.missing, row.total.pending, row.total.rate, *[t.rate for _m, t in row.trend]]
                for row in rows]
        return xlsx_response(_("reporting ledger %(month)s.xlsx") % {"month": month.strftime("%Y-%m")},
                             headers, data, title=month.strftime("%Y-%m"))


class UnitLedgerView(StaffRequiredMixin, TemplateView):
    """A unit's own page: twelve months, each kind of item owed; for its reporters and the office and leaders."""

    template_name = "reporting/unit.html"

    def get_context_data(self, **kwargs):
        unit = get_object_or_404(Unit, pk=self.kwargs["pk"])
        unit_ids = ledger_unit_ids(self.request.user)
        if unit_ids is not None and unit.pk not in unit_ids:
            raise Http404
        month = selectors.parse_month(self.request.GET.get("year"), self.request.GET.get("month"))
        rows = selectors.ledger(month=month, unit_ids={unit.pk})
        trend = rows[0].trend if rows else []
        months = selectors.tallies(months=[m for m, _t in trend], unit_ids=[unit.pk]) if trend else {}
        sources = registry.compliance_sources()
        table = [{"month": m, "total": t, "kinds": [months.get((unit.pk, m), {}).get(s.code) for s in sources]}
                 for m, t in reversed(trend)]
        return super().get_context_data(unit=unit, month=month, table=table, sources=sources,
                                        every_unit=sees_every_unit(self.request.user), **kwargs)


class CalendarView(StaffRequiredMixin, ServiceFormView):
    """The office's working-day calendar, a year at a time: holidays and weekends worked (调休)."""

    template_name = "reporting/calendar.html"
    form_class = CalendarDayForm
    required_roles = (Role.OFFICE, Role.ADMIN)

    def year(self):
        try:
            return int(self.request.GET.get("year") or timezone.localdate().year)
        except ValueError:
            raise Http404

    def get_context_data(self, **kwargs):
        year = self.year()
        return super().get_context_data(
            year=year, days=CalendarDay.objects.filter(date__year=year), provisional=year in PROVISIONAL_YEARS,
            escalations=Escalation.objects.select_related("unit")[:20], **kwargs)

    def call_service(self, form):
        return services.calendar_day_save(user=self.request.user, **form.cleaned_data)

    def get_success_message(self):
        return _("Saved: %(day)s.") % {"day": self.saved}

    def get_success_url(self):
        return f"{reverse('reporting:calendar')}?year={self.saved.date.year}"


class CalendarDayDeleteView(StaffRequiredMixin, ServiceActionView):
    required_roles = (Role.OFFICE, Role.ADMIN)
    model = CalendarDay
    scope_action = None

    def call_service(self, form):
        services.calendar_day_delete(user=self.request.user, day=self.object)

    def get_success_message(self):
        return _("Removed: %(day)s.") % {"day": self.object}

    def get_redirect_url(self):
        return f"{reverse('reporting:calendar')}?year={self.object.date.year}"
