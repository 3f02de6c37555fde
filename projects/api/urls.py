from gaoyou_portal.api.routers import PortalRouter

from .views import BlockerViewSet, MilestoneViewSet, MonthlyReportViewSet, ProjectViewSet

router = PortalRouter()
router.register("projects", ProjectViewSet, basename="project")
router.register("project-reports", MonthlyReportViewSet, basename="project-report")
router.register("project-milestones", MilestoneViewSet, basename="project-milestone")
router.register("project-blockers", BlockerViewSet, basename="project-blocker")

urlpatterns = router.urls
