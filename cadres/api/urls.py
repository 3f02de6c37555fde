from gaoyou_portal.api.routers import PortalRouter

from .views import RECORD_VIEWSETS, AccessLogViewSet, CadreViewSet, ProposalViewSet

# The record routes come before the cadre resource, and cadre ids are digits only, so
# "cadres/incentives/" is never read as a cadre.
PREFIXES = {
    "assessment": "assessments",
    "incentive": "incentives",
    "fault-tolerance": "fault-tolerance-cases",
    "post-change": "post-changes",
    "clearance": "clearances",
    "work-style": "work-style-cases",
    "interview": "interviews",
}

router = PortalRouter()
for key, viewset in RECORD_VIEWSETS.items():
    router.register(f"cadres/{PREFIXES[key]}", viewset, basename=f"cadre-{key}")
router.register("cadres/proposals", ProposalViewSet, basename="cadre-proposal")
router.register("cadres/access-log", AccessLogViewSet, basename="cadre-access-log")
router.register("cadres", CadreViewSet, basename="cadre")

urlpatterns = router.urls
