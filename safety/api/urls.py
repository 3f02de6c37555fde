from rest_framework.routers import SimpleRouter

from .views import ChemicalFirmViewSet, GarmentWorkshopViewSet

router = SimpleRouter()
router.register("safety/chemical-firms", ChemicalFirmViewSet, basename="safety-firm")
router.register("safety/workshops", GarmentWorkshopViewSet, basename="safety-workshop")

urlpatterns = router.urls
