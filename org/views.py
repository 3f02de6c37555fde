from django.views.generic import DetailView, ListView

from gaoyou_portal import registry
from gaoyou_portal.mixins import HistoryMixin, ScopedQuerysetMixin

from .filtersets import UnitFilterSet
from .models import Unit
from .permissions import workspace_leaders


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
        context["leader_links"] = self.object.leader_links.active().select_related("leader")
        context["open_leaders"] = set(workspace_leaders(self.request.user).filter(
            links__in=context["leader_links"]).values_list("pk", flat=True))
        context["members"] = self.object.memberships.select_related("user")
        return context
