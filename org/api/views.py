from rest_framework import viewsets

from gaoyou_portal.api.mixins import HasRole, ScopedViewSetMixin

from ..filtersets import UnitFilterSet
from ..models import Unit
from .serializers import UnitSerializer


class UnitViewSet(ScopedViewSetMixin, viewsets.ReadOnlyModelViewSet):
    """Towns, parks and service departments. Read-only; administrators change units in /admin/."""

    queryset = Unit.objects.all()
    serializer_class = UnitSerializer
    permission_classes = [HasRole]
    filterset_class = UnitFilterSet
    search_fields = ["name", "short_name", "code"]
    ordering_fields = ["order", "name", "kind"]
