from gaoyou_portal.api.routers import PortalRouter

from .views import EnterpriseViewSet, LeaderViewSet, UnitViewSet

router = PortalRouter()
router.register("units", UnitViewSet, basename="unit")
router.register("leaders", LeaderViewSet, basename="leader")
router.register("enterprises", EnterpriseViewSet, basename="enterprise")

urlpatterns = router.urls
