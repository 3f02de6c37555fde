import django_filters
from django.utils.translation import gettext_lazy as _

from gaoyou_portal.filters import BooleanFilter

from .choices import UnitKind
from .models import Unit


class UnitFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label=_("Search"))
    kind = django_filters.ChoiceFilter(choices=UnitKind.choices, label=_("kind"))
    active = BooleanFilter(label=_("active"))

    class Meta:
        model = Unit
        fields = ["kind", "active"]

    def search(self, queryset, name, value):
        from django.db.models import Q

        return queryset.filter(Q(name__icontains=value) | Q(short_name__icontains=value) | Q(code__icontains=value))
