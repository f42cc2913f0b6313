from django.urls import path

from . import views

app_name = "notities"

urlpatterns = [
    path("notities/", views.MijnNotitiesView.as_view(), name="mijn"),
    path("notities/<slug:soort>/<int:pk>/", views.DocumentNotitiesView.as_view(), name="document"),
    path("notitie/<int:pk>/bewerken/", views.NotitieBewerkenView.as_view(), name="bewerken"),
    path("notitie/<int:pk>/verwijderen/", views.NotitieVerwijderenView.as_view(), name="verwijderen"),
]
