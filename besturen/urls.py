from django.urls import path

from . import views

app_name = "besturen"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("regio/<slug:slug>/", views.RegioView.as_view(), name="regio"),
    path("orgaan/<int:pk>/", views.OrgaanView.as_view(), name="orgaan"),
    path("bestuur/<int:pk>/", views.BestuurView.as_view(), name="bestuur"),
]
