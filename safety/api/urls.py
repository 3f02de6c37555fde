from gaoyou_portal.api.routers import PortalRouter

from .views import ChemicalFirmViewSet, GarmentWorkshopViewSet

router = PortalRouter()
router.register("safety/chemical-firms", ChemicalFirmViewSet, basename="safety-firm")
router.register("safety/workshops", GarmentWorkshopViewSet, basename="safety-workshop")

urlpatterns = router.urls
