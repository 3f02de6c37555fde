from rest_framework.routers import SimpleRouter

from .views import BlockerViewSet, MilestoneViewSet, MonthlyReportViewSet, ProjectViewSet

router = SimpleRouter()
router.register("projects", ProjectViewSet, basename="project")
router.register("project-reports", MonthlyReportViewSet, basename="project-report")
router.register("project-milestones", MilestoneViewSet, basename="project-milestone")
router.register("project-blockers", BlockerViewSet, basename="project-blocker")

urlpatterns = router.urls
