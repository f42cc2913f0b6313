from django.urls import path

from . import views

app_name = "opgaven"

urlpatterns = [
    path("regio/<slug:slug>/strategie/", views.StrategieView.as_view(), name="strategie"),
    path("regio/<slug:slug>/strategie/beheer/", views.StrategieBeheerView.as_view(), name="strategie_beheer"),
    path(
        "regio/<slug:slug>/strategie/beheer/portefeuilles/nieuw/",
        views.PortefeuilleNieuwView.as_view(),
        name="portefeuille_nieuw",
    ),
    path(
        "regio/<slug:slug>/strategie/beheer/portefeuilles/<int:pk>/beeindigen/",
        views.PortefeuilleEindeView.as_view(),
        name="portefeuille_einde",
    ),
    path(
        "regio/<slug:slug>/strategie/beheer/<str:soort>/nieuw/",
        views.OnderdeelNieuwView.as_view(),
        name="onderdeel_nieuw",
    ),
    path(
        "regio/<slug:slug>/strategie/beheer/<str:soort>/<int:pk>/<str:actie>/",
        views.OnderdeelActieView.as_view(),
        name="onderdeel_actie",
    ),
    path("strategie/<str:soort>/<int:pk>/", views.OnderdeelView.as_view(), name="onderdeel"),
    path("regio/<slug:slug>/opgaven/", views.OpgavenView.as_view(), name="opgaven"),
    path("regio/<slug:slug>/opgaven/nieuw/", views.OpgaveNieuwView.as_view(), name="opgave_nieuw"),
    path("regio/<slug:slug>/opgaven/synergie/", views.SynergieView.as_view(), name="synergie"),
    path("opgave/<int:pk>/", views.OpgaveView.as_view(), name="opgave"),
    path("opgave/<int:pk>/bewerken/", views.OpgaveBewerkenView.as_view(), name="opgave_bewerken"),
    path("opgave/<int:pk>/status/", views.StatusView.as_view(), name="status"),
    path("opgave/<int:pk>/indicator/", views.IndicatorView.as_view(), name="indicator"),
    path("opgave/<int:pk>/budget/", views.BudgetView.as_view(), name="budget"),
    path("opgave/<int:pk>/capaciteit/", views.CapaciteitView.as_view(), name="capaciteit"),
    path("opgave/<int:pk>/synergie/", views.SynergieLeggenView.as_view(), name="synergie_leggen"),
    path("opgave/<int:pk>/mandaat/", views.MandaatView.as_view(), name="mandaat"),
    path("mandaat/<int:pk>/verplichting/", views.VerplichtingView.as_view(), name="verplichting"),
    path("opgave/<int:pk>/voortgang/", views.VoortgangView.as_view(), name="voortgang"),
]
