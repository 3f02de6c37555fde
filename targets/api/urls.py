from rest_framework.routers import SimpleRouter

from .views import PlanViewSet, TargetViewSet

router = SimpleRouter()
router.register("targets/plans", PlanViewSet, basename="targets-plan")
router.register("targets", TargetViewSet, basename="target")

urlpatterns = router.urls
