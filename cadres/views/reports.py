"""The year's figures with their chart, and the .xlsx export of the cadre list or of every record."""

from django.utils import timezone
from django.views import View
from django.views.generic import TemplateView

from .. import charts, exports, selectors, services
from ..choices import AccessAction
from ..filtersets import CadreFilterSet
from ..models import Cadre
from .base import CadreAccessMixin


class ReportView(CadreAccessMixin, TemplateView):
    template_name = "cadres/reports.html"

    def get_context_data(self, **kwargs):
        try:
            year = int(self.request.GET.get("year", ""))
        except ValueError:
            year = timezone.localdate().year
        figures = selectors.reports(year=year)
        self.log(AccessAction.REPORT)
        return super().get_context_data(
            figures=figures, type_chart=charts.type_chart(figures["types"]), open=selectors.open_cases(),
            years=range(timezone.localdate().year, timezone.localdate().year - 5, -1), **kwargs
        )


class ExportView(CadreAccessMixin, View):
    """The cadre list (with the list's filters) or every record, as .xlsx. Department only."""

    access = "department"

    def get(self, request, what="cadres"):
        cadres = CadreFilterSet(
            request.GET, queryset=Cadre.objects.visible_to(request.user).with_rank_order()
        ).qs.select_related("unit")
        ids = list(cadres.values_list("pk", flat=True))
        services.access_record(user=request.user, action=AccessAction.EXPORT, path=request.get_full_path(), ids=ids)
        if what == "records":
            return exports.record_export_response(ids)
        return exports.cadre_export_response(cadres)
