from django.urls import path

from . import views

urlpatterns = [
    path("ns/context.jsonld", views.ContextView.as_view(), name="ld_context"),
    path("regio/<slug:slug>/linked-data.<str:formaat>", views.RegioDumpView.as_view(), name="ld_regio"),
    path("id/<slug:soort>/<str:sleutel>", views.IdView.as_view(), name="ld_id"),
]
