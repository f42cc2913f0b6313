from django.urls import path

from . import views, views_fusies, views_fusies_beheer

app_name = "besturen"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("regio-kiezen/", views.RegioKiezenView.as_view(), name="regio_kiezen"),
    path("regio/<slug:slug>/", views.RegioView.as_view(), name="regio"),
    path("regio/<slug:slug>/beheer/", views.RegioBeheerView.as_view(), name="regio_beheer"),
    path("regio/<slug:slug>/logboek/", views.LogboekView.as_view(), name="logboek"),
    path("orgaan/<int:pk>/", views.OrgaanView.as_view(), name="orgaan"),
    path("orgaan/<int:pk>/leden/", views.LedenBeheerView.as_view(), name="leden_beheer"),
    path("orgaan/<int:pk>/externe-partij/", views.ExternePartijView.as_view(), name="externe_partij_nieuw"),
    path("orgaan/<int:pk>/stukken/nieuw/", views.StukNieuwView.as_view(), name="stuk_nieuw"),
    path(
        "lidmaatschap/<int:pk>/<slug:actie>/",
        views.LidmaatschapActionView.as_view(),
        name="lidmaatschap_actie",
    ),
    path("stuk/<int:pk>/", views.StukView.as_view(), name="stuk"),
    path("bestuur/<int:pk>/", views.BestuurView.as_view(), name="bestuur"),
    path("regio/<slug:slug>/fusies/", views_fusies.FusiesRegioView.as_view(), name="fusies_regio"),
    path("regio/<slug:slug>/fusies/<int:pk>/", views_fusies.FusieZetelsView.as_view(), name="fusie_zetels"),
    path("fusies/nieuw/", views_fusies_beheer.FusieNieuwView.as_view(), name="fusie_nieuw"),
]
