app_name = "sprint"

urlpatterns = []
