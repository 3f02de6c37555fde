from gaoyou_portal.api.routers import PortalRouter

from .views import PlanViewSet, TargetViewSet

router = PortalRouter()
router.register("targets/plans", PlanViewSet, basename="targets-plan")
router.register("targets", TargetViewSet, basename="target")

urlpatterns = router.urls
