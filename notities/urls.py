app_name = "notities"

urlpatterns = []
