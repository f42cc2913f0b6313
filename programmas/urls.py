from django.urls import path

from . import views

app_name = "programmas"

urlpatterns = [
    path("regio/<slug:slug>/programma/", views.OverzichtView.as_view(), name="overzicht"),
    path("jaarprogramma/<int:pk>/", views.JaarprogrammaView.as_view(), name="jaarprogramma"),
    path("versie/<int:pk>/", views.VersieView.as_view(), name="versie"),
    path("versie/<int:pk>/actie/<slug:actie>/", views.VersieActieView.as_view(), name="actie"),
    path("versie/<int:pk>/regels/", views.RegelToevoegenView.as_view(), name="regel_toevoegen"),
    path("versie/<int:pk>/vergelijk/", views.VergelijkView.as_view(), name="vergelijk"),
    path("versie/<int:pk>/statusbord/", views.StatusbordView.as_view(), name="statusbord"),
    path("versie/<int:pk>/status/", views.StatusView.as_view(), name="status"),
    path("versie/<int:pk>/mijn-gemeente/", views.MijnGemeenteView.as_view(), name="mijn_gemeente"),
    path("versie/<int:pk>/vragen/", views.VragenView.as_view(), name="vragen"),
    path("versie/<int:pk>/verdeling.csv", views.VerdelingCsvView.as_view(), name="verdeling_csv"),
    path("versie/<int:pk>/verdeling.xlsx", views.VerdelingXlsxView.as_view(), name="verdeling_xlsx"),
    path(
        "versie/<int:pk>/reviewpakket/<int:bestuur>/", views.ReviewpakketView.as_view(), name="reviewpakket"
    ),
    path(
        "versie/<int:pk>/reviewpakket/<int:bestuur>/download/",
        views.ReviewpakketDownloadView.as_view(),
        name="reviewpakket_download",
    ),
    path("regel/<int:pk>/", views.RegelView.as_view(), name="regel"),
    path("regel/<int:pk>/verwijderen/", views.RegelVerwijderenView.as_view(), name="regel_verwijderen"),
    path("raadsbesluit/<int:pk>/", views.RaadsbesluitView.as_view(), name="raadsbesluit"),
    path("raadsbesluit/<int:pk>/deadline/", views.RaadDeadlineView.as_view(), name="raad_deadline"),
    path(
        "raadsbesluit/<int:pk>/zienswijze-antwoord/",
        views.ZienswijzeAntwoordView.as_view(),
        name="zienswijze_antwoord",
    ),
    path("registratie/<int:pk>/document/", views.DocumentView.as_view(), name="document"),
    path("vraag/<int:pk>/antwoord/", views.VraagAntwoordView.as_view(), name="vraag_antwoord"),
    # The P&C calendar and the region's programme settings (issue 10, items 5 and 9).
    path("regio/<slug:slug>/pc-kalender/", views.PcKalenderNuView.as_view(), name="pc_kalender_nu"),
    path("regio/<slug:slug>/pc-kalender/<int:jaar>/", views.PcKalenderView.as_view(), name="pc_kalender"),
    path("regio/<slug:slug>/pc-kalender.ics", views.PcKalenderFeedView.as_view(), name="pc_kalender_ics"),
    path("regio/<slug:slug>/programmaregeling/", views.RegelingView.as_view(), name="regeling"),
]
