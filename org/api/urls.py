from gaoyou_portal.api.routers import PortalRouter

from .views import UnitViewSet

router = PortalRouter()
router.register("units", UnitViewSet, basename="unit")

urlpatterns = router.urls
