from django.views.generic import DetailView, ListView

from gaoyou_portal import registry
from gaoyou_portal.mixins import HistoryMixin, ScopedQuerysetMixin

from . import signals
from .filtersets import UnitFilterSet
from .models import Unit


class UnitListView(ScopedQuerysetMixin, ListView):
    model = Unit
    paginate_by = 50
    template_name = "org/unit_list.html"

    def get_queryset(self):
        # Always bound: an unbound FilterSet is never valid and would list nothing.
        self.filterset = UnitFilterSet(self.request.GET, queryset=super().get_queryset())
        return self.filterset.qs if self.filterset.is_valid() else self.filterset.queryset.none()

    def get_context_data(self, **kwargs):
        return super().get_context_data(filter=self.filterset, **kwargs)


class UnitDetailView(ScopedQuerysetMixin, HistoryMixin, DetailView):
    model = Unit
    slug_field = "code"
    template_name = "org/unit_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["panels"] = registry.unit_panels(self.request, self.object)
        context.update(leader_links=[], open_leaders=set())  # the linked leaders come from the leaders app
        for _receiver, extra in signals.unit_page.send(sender=Unit, request=self.request, unit=self.object):
            context.update(extra)
        context["members"] = self.object.memberships.select_related("user")
        return context
