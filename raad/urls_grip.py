"""The grip pages (issue 14, item 1): a municipality by its official code, a region by its slug."""

from django.urls import path

from .grip import views

urlpatterns = [
    path("raad/<slug:gemeente>/", views.GemeenteView.as_view(), name="gemeente"),
    path("raad/<slug:gemeente>/<slug:regio>/", views.GripView.as_view(), name="grip"),
]
