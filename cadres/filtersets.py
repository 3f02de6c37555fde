import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from gaoyou_portal.filters import BooleanFilter
from org.models import Unit

from .choices import AccessAction, CadreType, FrontLine, Rank
from .models import AccessLog, Cadre


class CadreFilterSet(django_filters.FilterSet):
    """Shared by the cadre list page and /api/v1/cadres/."""

    q = django_filters.CharFilter(method="search", label=_("Search"))
    unit = django_filters.ModelChoiceFilter(queryset=Unit.objects.all(), label=_("unit"))
    type = django_filters.ChoiceFilter(field_name="current_type", choices=CadreType.choices, label=_("type"))
    front_line = django_filters.ChoiceFilter(
        choices=[*FrontLine.choices, ("none", _("Not on a front line"))], method="filter_front_line",
        label=_("front line"),
    )
    rank = django_filters.ChoiceFilter(choices=Rank.choices, label=pgettext_lazy("cadre", "rank"))
    is_leading = BooleanFilter(label=_("leading cadre of the unit"))
    active = BooleanFilter(label=_("in service"))
    sort = django_filters.OrderingFilter(
        fields=(("name", "name"), ("year_of_birth", "year_of_birth"), ("unit__order", "unit"),
                ("rank_order", "rank"), ("updated_at", "updated_at")),
        field_labels={"name": pgettext_lazy("person", "name"), "year_of_birth": _("year of birth"),
                      "unit__order": _("unit"),
                      "rank_order": pgettext_lazy("cadre", "rank"), "updated_at": _("updated at")},
        label=_("Sort by"), empty_label=_("Default order"),
    )

    class Meta:
        model = Cadre
        fields = ["unit", "rank", "is_leading", "active"]

    def search(self, queryset, name, value):
        return queryset.filter(
            Q(name__icontains=value) | Q(post__icontains=value) | Q(specialist_field__icontains=value)
            | Q(unit__name__icontains=value) | Q(unit__short_name__icontains=value)
        )

    def filter_front_line(self, queryset, name, value):
        return queryset.filter(front_line="" if value == "none" else value)


class AccessLogFilterSet(django_filters.FilterSet):
    user = django_filters.CharFilter(field_name="user__username", lookup_expr="icontains", label=_("user"))
    cadre = django_filters.NumberFilter(field_name="cadre_id", label=_("cadre"))
    action = django_filters.ChoiceFilter(choices=AccessAction.choices, label=_("action"))
    since = django_filters.DateFilter(field_name="at", lookup_expr="date__gte", label=_("from"),
                                      widget=django_filters.widgets.forms.DateInput(attrs={"type": "date"}))
    until = django_filters.DateFilter(field_name="at", lookup_expr="date__lte", label=_("until"),
                                      widget=django_filters.widgets.forms.DateInput(attrs={"type": "date"}))

    class Meta:
        model = AccessLog
        fields = ["action"]
