from rest_framework.routers import SimpleRouter

from .views import SprintRaceViewSet

router = SimpleRouter()
router.register("sprint/races", SprintRaceViewSet, basename="sprint-race")

urlpatterns = router.urls
