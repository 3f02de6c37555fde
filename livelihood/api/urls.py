from gaoyou_portal.api.routers import PortalRouter

from .corrections import CorrectionViewSet
from .views import LivelihoodTaskViewSet

router = PortalRouter()
router.register("livelihood/tasks", LivelihoodTaskViewSet, basename="livelihood-task")
router.register("corrections", CorrectionViewSet, basename="correction")

urlpatterns = router.urls
