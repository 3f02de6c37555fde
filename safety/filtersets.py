"""One FilterSet per ledger, shared by the list pages and the API (town, disposition, state, overdue, search)."""

import django_filters
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gaoyou_portal.filters import BooleanFilter
from org.choices import UnitKind
from org.models import Unit

from .choices import OPEN_STATES, CaseState, FirmDisposition, Hazard, WorkshopDisposition
from .models import ChemicalFirm, GarmentWorkshop

ORDERING = (
    ("deadline", "deadline"),
    ("name", "name"),
    ("town__order", "town"),
    ("state", "state"),
    ("updated_at", "updated_at"),
)
ORDERING_LABELS = {
    "deadline": _("Deadline, earliest first"),
    "-deadline": _("Deadline, latest first"),
    "name": _("Name"),
    "-name": _("Name, descending"),
    "town": _("Town"),
    "-town": _("Town, descending"),
    "state": _("State"),
    "-state": _("State, descending"),
    "updated_at": _("Least recently changed"),
    "-updated_at": _("Recently changed"),
}


def _towns(request):
    return Unit.objects.filter(kind__in=[UnitKind.TOWN, UnitKind.PARK]).order_by("order", "id")


class CaseFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label=_("Search"))
    town = django_filters.ModelChoiceFilter(queryset=_towns, label=_("town"), field_name="town")
    state = django_filters.ChoiceFilter(choices=CaseState.choices, label=_("state"))
    overdue = BooleanFilter(method="filter_overdue", label=_("overdue"))
    ordering = django_filters.OrderingFilter(fields=ORDERING, field_labels=ORDERING_LABELS, label=_("Sort by"))

    search_fields = ("name", "address", "responsible_person")

    def search(self, queryset, name, value):
        q = Q()
        for field in self.search_fields:
            q |= Q(**{f"{field}__icontains": value})
        return queryset.filter(q)

    def filter_overdue(self, queryset, name, value):
        today = timezone.localdate()
        overdue = Q(deadline__lt=today, state__in=OPEN_STATES)
        return queryset.filter(overdue) if value else queryset.exclude(overdue)


class ChemicalFirmFilterSet(CaseFilterSet):
    disposition = django_filters.ChoiceFilter(choices=FirmDisposition.choices, label=_("disposition"))
    search_fields = ("name", "credit_code", "address", "products", "responsible_person")

    class Meta:
        model = ChemicalFirm
        fields = ["q", "town", "disposition", "state", "overdue"]


class GarmentWorkshopFilterSet(CaseFilterSet):
    disposition = django_filters.ChoiceFilter(
        choices=WorkshopDisposition.choices, label=_("disposition"),
    )
    hazard = django_filters.ChoiceFilter(choices=Hazard.choices, label=_("hazard"), method="filter_hazard")
    search_fields = ("name", "operator", "address", "responsible_person")

    class Meta:
        model = GarmentWorkshop
        fields = ["q", "town", "disposition", "hazard", "state", "overdue"]

    def filter_hazard(self, queryset, name, value):
        return queryset.filter(hazards__contains=value)
