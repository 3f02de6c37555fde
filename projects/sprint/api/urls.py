from gaoyou_portal.api.routers import PortalRouter

from .honours import HonourProposalViewSet
from .views import SprintRaceViewSet

router = PortalRouter()
router.register("sprint/races", SprintRaceViewSet, basename="sprint-race")
router.register("sprint/honours", HonourProposalViewSet, basename="sprint-honour")

urlpatterns = router.urls
