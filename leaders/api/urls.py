from gaoyou_portal.api.routers import PortalRouter

from .views import EnterpriseViewSet, LeaderViewSet

router = PortalRouter()
router.register("leaders", LeaderViewSet, basename="leader")
router.register("enterprises", EnterpriseViewSet, basename="enterprise")

urlpatterns = router.urls
