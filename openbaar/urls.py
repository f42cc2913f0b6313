from django.urls import include, path

app_name = "openbaar"

urlpatterns = [
    path("", include("openbaar.zoeken.urls")),
    path("", include("openbaar.feeds.urls")),
    path("", include("openbaar.ld.urls")),
    path("", include("openbaar.api.urls")),
    path("", include("openbaar.data.urls")),
]
