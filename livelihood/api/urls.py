from rest_framework.routers import SimpleRouter

from .views import LivelihoodTaskViewSet

router = SimpleRouter()
router.register("livelihood/tasks", LivelihoodTaskViewSet, basename="livelihood-task")

urlpatterns = router.urls
