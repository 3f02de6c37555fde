app_name = "livelihood"

urlpatterns = []
