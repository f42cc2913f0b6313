from django.urls import path

from . import views

urlpatterns = [
    path("open-data/", views.CatalogusView.as_view(), name="data_catalogus"),
    path("open-data/catalogus.jsonld", views.CatalogusJsonLdView.as_view(), name="data_catalogus_jsonld"),
    path("regio/<slug:slug>/open-data/", views.CatalogusView.as_view(), name="data_regio"),
    path(
        "regio/<slug:slug>/open-data/catalogus.jsonld",
        views.CatalogusJsonLdView.as_view(),
        name="data_regio_jsonld",
    ),
    path(
        "regio/<slug:slug>/open-data/<slug:sleutel>.<str:formaat>",
        views.DownloadView.as_view(),
        name="data_download",
    ),
]
