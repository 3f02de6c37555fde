"""One FilterSet for tasks, shared by the public list, the staff list and the API.

A malformed value (an unknown status or unit, a year that is not a number) makes the form invalid:
the pages and the API then answer 400 with the reason, never 500.
"""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from gaoyou_portal.filters import BooleanFilter
from gaoyou_portal.roles import unit_ids_of
from org.models import Unit

from .choices import TaskCategory, TaskStatus
from .models import LivelihoodTask


@extend_schema_field(OpenApiTypes.STR)
class UnitCodeFilter(django_filters.ModelChoiceFilter):
    """A unit by its code (``?unit=longqiu``): tasks it leads or shares."""


class TaskFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label=_("Search"), max_length=100)
    year = django_filters.NumberFilter(label=_("year"), min_value=2000, max_value=2100)
    category = django_filters.ChoiceFilter(choices=TaskCategory.choices, label=_("category"))
    status = django_filters.ChoiceFilter(choices=TaskStatus.choices, label=_("status"))
    unit = UnitCodeFilter(
        queryset=Unit.objects.filter(active=True),
        to_field_name="code",
        method="for_unit",
        label=_("unit"),
    )

    class Meta:
        model = LivelihoodTask
        fields = ["q", "year", "category", "status", "unit"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("category", "status", "unit"):
            self.form.fields[name].widget.attrs.setdefault("class", "form-select")

    def search(self, queryset, name, value):
        query = Q(title__icontains=value) | Q(target__icontains=value)
        if value.strip().isdigit():
            query |= Q(number=int(value.strip()))
        return queryset.filter(query)

    def for_unit(self, queryset, name, unit):
        through = LivelihoodTask.responsible_units.through.objects.filter(unit=unit).values("livelihoodtask_id")
        return queryset.filter(Q(lead_unit=unit) | Q(pk__in=through))


class StaffTaskFilterSet(TaskFilterSet):
    mine = BooleanFilter(method="my_units", label=_("my units' tasks"))
    needs_explanation = BooleanFilter(method="owing_explanation", label=_("needs an explanation"))

    class Meta(TaskFilterSet.Meta):
        fields = [*TaskFilterSet.Meta.fields, "mine", "needs_explanation"]

    def my_units(self, queryset, name, value):
        if not value or self.request is None:
            return queryset
        ids = unit_ids_of(self.request.user)
        through = LivelihoodTask.responsible_units.through.objects.filter(unit__in=ids).values("livelihoodtask_id")
        return queryset.filter(Q(lead_unit__in=ids) | Q(pk__in=through))

    def owing_explanation(self, queryset, name, value):
        from .services import needs_explanation_q

        return queryset.filter(needs_explanation_q()) if value else queryset
