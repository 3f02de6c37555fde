from gaoyou_portal.api.routers import PortalRouter

from .views import SprintRaceViewSet

router = PortalRouter()
router.register("sprint/races", SprintRaceViewSet, basename="sprint-race")

urlpatterns = router.urls
