"""One FilterSet for the plan's targets, shared by the board, the public plan and the API."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from leaders.models import Leader
from org.models import Unit

from .choices import Status, TargetKind
from .models import Section, Target


class TargetFilterSet(django_filters.FilterSet):
    year = django_filters.NumberFilter(field_name="plan__year", label=_("year"), min_value=2000, max_value=2100,
                                      widget=forms.NumberInput(attrs={"placeholder": _("this year")}))
    section = django_filters.ModelChoiceFilter(queryset=Section.objects.all(), label=_("section"))
    leader = django_filters.ModelChoiceFilter(field_name="responsible_leader", queryset=Leader.objects.all(),
                                              label=_("responsible leader"))
    lead_unit = django_filters.ModelChoiceFilter(queryset=Unit.objects.all(), label=_("lead unit"))
    kind = django_filters.ChoiceFilter(choices=TargetKind.choices, label=_("kind"))
    # The status is computed (pace.py), so the board and the API filter the evaluated rows by it.
    status = django_filters.ChoiceFilter(choices=Status.choices, label=_("status"), method="by_status")

    class Meta:
        model = Target
        fields = ["year", "section", "leader", "lead_unit", "kind", "status"]

    def __init__(self, *args, plan=None, **kwargs):
        super().__init__(*args, **kwargs)
        if plan is not None:
            self.filters["section"].queryset = Section.objects.filter(plan=plan)

    def by_status(self, queryset, name, value):
        return queryset
