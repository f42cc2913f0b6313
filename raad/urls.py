from django.urls import include, path

app_name = "raad"

urlpatterns = [
    path("", include("raad.urls_grip")),
    path("", include("raad.urls_protocol")),
]
