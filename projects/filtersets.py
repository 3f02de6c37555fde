"""One FilterSet for projects, shared by the list page, the Excel export and the API."""

import django_filters
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from leaders.choices import LinkKind
from leaders.models import Leader, LeaderLink
from org.models import Unit

from .choices import Light, ProjectLevel, ProjectStatus
from .lights import LIGHT_RANK
from .models import Project


@extend_schema_field(OpenApiTypes.INT)
class LeaderFilter(django_filters.ModelChoiceFilter):
    """A city leader's id: the projects linked to that leader."""


class OrderingFilter(django_filters.OrderingFilter):
    # django-filter ships no zh-Hans catalogue: our own wording for the descending choices.
    descending_fmt = _("%s, descending")


class ProjectFilterSet(django_filters.FilterSet):
    """The ``light`` filter and the sorts by light and points behind use the stored light's columns."""

    q = django_filters.CharFilter(method="search", label=_("Search"))
    unit = django_filters.ModelChoiceFilter(
        field_name="responsible_unit", queryset=Unit.objects.towns_and_parks(), label=_("responsible unit")
    )
    level = django_filters.ChoiceFilter(choices=ProjectLevel.choices, label=_("level"))
    status = django_filters.ChoiceFilter(choices=ProjectStatus.choices, label=_("status"))
    light = django_filters.ChoiceFilter(choices=Light.choices, method="filter_light", label=_("warning light"))
    leader = LeaderFilter(queryset=Leader.objects.all(), method="filter_leader",
                                              label=_("linked city leader"))
    industry = django_filters.CharFilter(lookup_expr="icontains", label=_("industry"))
    ordering = OrderingFilter(
        fields=(
            ("light_rank", "light"),
            ("code", "code"),
            ("name", "name"),
            ("total_investment", "total_investment"),
            ("signing_date", "signing_date"),
            ("behind_points", "behind"),
        ),
        field_labels={
            "light_rank": _("warning light"), "code": _("project code"), "name": _("name"),
            "total_investment": _("total investment"), "signing_date": _("signing date"),
            "behind_points": _("points behind plan"),
        },
        label=_("sort by"),
    )

    class Meta:
        model = Project
        fields = ["unit", "level", "status", "light", "leader", "industry"]

    def search(self, queryset, name, value):
        return queryset.filter(
            Q(name__icontains=value) | Q(code__icontains=value) | Q(responsible_person__icontains=value)
            | Q(industry__icontains=value)
        )

    def filter_light(self, queryset, name, value):
        return queryset.filter(light_rank=LIGHT_RANK[value])

    def filter_leader(self, queryset, name, value):
        links = LeaderLink.objects.active().filter(
            kind=LinkKind.PROJECT, leader=value, content_type=ContentType.objects.get_for_model(Project)
        )
        return queryset.filter(pk__in=links.values("object_id"))
