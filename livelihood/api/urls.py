from gaoyou_portal.api.routers import PortalRouter

from .views import LivelihoodTaskViewSet

router = PortalRouter()
router.register("livelihood/tasks", LivelihoodTaskViewSet, basename="livelihood-task")

urlpatterns = router.urls
