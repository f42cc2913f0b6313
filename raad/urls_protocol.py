from django.urls import path

from .protocol import views

urlpatterns = [
    path("regio/<slug:slug>/informatieprotocol/", views.ProtocolView.as_view(), name="informatieprotocol"),
    path("regio/<slug:slug>/informatieprotocol/nieuw/", views.AfspraakView.as_view(), name="afspraak_nieuw"),
    path(
        "regio/<slug:slug>/informatieprotocol/<int:pk>/bewerken/",
        views.AfspraakView.as_view(),
        name="afspraak_bewerken",
    ),
    path(
        "regio/<slug:slug>/informatieprotocol/<int:pk>/beeindigen/",
        views.AfspraakActiefView.as_view(),
        {"actie": "beeindigen"},
        name="afspraak_beeindigen",
    ),
    path(
        "regio/<slug:slug>/informatieprotocol/<int:pk>/hervatten/",
        views.AfspraakActiefView.as_view(),
        {"actie": "hervatten"},
        name="afspraak_hervatten",
    ),
    path("raad/<slug:gemeente>/<slug:regio>/informatie/", views.InformatieView.as_view(), name="informatie"),
    path(
        "raad/<slug:gemeente>/<slug:regio>/informatie/<int:pk>/",
        views.ZendingView.as_view(),
        name="informatiezending",
    ),
]
