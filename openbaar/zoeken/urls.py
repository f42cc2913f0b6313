from django.urls import path

from . import views

urlpatterns = [
    path("zoeken/", views.ZoekenView.as_view(), name="zoeken"),
]
