import django_filters
from django.utils.translation import gettext_lazy as _

from .choices import CaseStatus, ConsequenceKind, Group, RaceStatus
from .models import ConsequenceCase, SprintRace, SprintScore


class SprintRaceFilterSet(django_filters.FilterSet):
    year = django_filters.NumberFilter(label=_("year"))
    quarter = django_filters.NumberFilter(label=_("quarter"))
    status = django_filters.ChoiceFilter(choices=RaceStatus.choices, label=_("status"))

    class Meta:
        model = SprintRace
        fields = ["year", "quarter", "status"]


class SprintScoreFilterSet(django_filters.FilterSet):
    group = django_filters.ChoiceFilter(choices=Group.choices, label=_("group"))
    flag = django_filters.CharFilter(label=_("flag"))

    class Meta:
        model = SprintScore
        fields = ["group", "flag"]


class ConsequenceCaseFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label=_("Search"))
    year = django_filters.NumberFilter(label=_("year"))
    status = django_filters.ChoiceFilter(choices=CaseStatus.choices, label=_("status"))
    kind = django_filters.ChoiceFilter(choices=ConsequenceKind.choices, label=_("consequence"))
    ordering = django_filters.OrderingFilter(
        fields=(("year", "year"), ("proposed_at", "proposed_at"), ("unit__order", "unit")), label=_("sort"),
        empty_label=_("Default order"),
        field_labels={"year": _("year"), "proposed_at": _("proposed at"), "unit__order": _("unit")},
    )

    class Meta:
        model = ConsequenceCase
        fields = ["year", "status", "kind"]

    def search(self, queryset, name, value):
        return queryset.filter(unit__name__icontains=value) | queryset.filter(evidence__icontains=value)
