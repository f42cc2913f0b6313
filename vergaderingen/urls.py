from django.urls import path

from . import views

app_name = "vergaderingen"

urlpatterns = [
    path("orgaan/<int:pk>/vergaderingen/", views.KalenderView.as_view(), name="kalender"),
    path("orgaan/<int:pk>/vergaderingen.ics", views.OrgaanFeedView.as_view(), name="orgaan_feed"),
    path("vergadering/<int:pk>/", views.VergaderingView.as_view(), name="vergadering"),
    path("vergadering/<int:pk>/agenda/", views.AgendaBeheerView.as_view(), name="agenda_beheer"),
    path("vergadering/<int:pk>/agenda.pdf", views.AgendaPdfView.as_view(), name="agenda_pdf"),
    path("vergadering/<int:pk>/verslag/", views.VerslagView.as_view(), name="verslag"),
    path("vergadering/<int:pk>/ontvangers/", views.OntvangersView.as_view(), name="ontvangers"),
    path(
        "vergadering/<int:pk>/wijzigen/", views.VergaderingWijzigenView.as_view(), name="vergadering_wijzigen"
    ),
    path(
        "vergadering/<int:pk>/<slug:actie>/", views.VergaderingActionView.as_view(), name="vergadering_actie"
    ),
    path("agendapunt/<int:pk>/bewerken/", views.AgendapuntBewerkenView.as_view(), name="agendapunt_bewerken"),
    path("agendapunt/<int:pk>/besluit/", views.BesluitView.as_view(), name="besluit"),
    path("agendapunt/<int:pk>/<slug:actie>/", views.AgendapuntActionView.as_view(), name="agendapunt_actie"),
    path("document/<int:pk>/", views.DocumentView.as_view(), name="document"),
    path("mijn-agenda/", views.MijnAgendaView.as_view(), name="mijn_agenda"),
    path("kalender/<str:token>.ics", views.PersoonlijkeFeedView.as_view(), name="persoonlijke_feed"),
    path("regio/<slug:slug>/agenda/", views.RegioAgendaView.as_view(), name="regio_agenda"),
    path("bijeenkomst/<int:pk>/", views.BijeenkomstView.as_view(), name="bijeenkomst"),
    path("bijeenkomst/<int:pk>/overzicht/", views.OverzichtView.as_view(), name="overzicht"),
    path("bijeenkomst/<int:pk>/deelnemers.csv", views.DeelnemersCsvView.as_view(), name="deelnemers_csv"),
    path("inschrijving/<int:pk>/annuleren/", views.AnnulerenView.as_view(), name="annuleren"),
    # The planning-day organiser, invitations and outputs
    path(
        "regio/<slug:slug>/bijeenkomst/nieuw/", views.BijeenkomstNieuwView.as_view(), name="bijeenkomst_nieuw"
    ),
    path("bijeenkomst/<int:pk>/beheer/", views.BijeenkomstBeheerView.as_view(), name="bijeenkomst_beheer"),
    path(
        "bijeenkomst/<int:pk>/bewerken/", views.BijeenkomstBewerkenView.as_view(), name="bijeenkomst_bewerken"
    ),
    path("bijeenkomst/<int:pk>/blok/nieuw/", views.BlokNieuwView.as_view(), name="blok_nieuw"),
    path("blok/<int:pk>/bewerken/", views.BlokBewerkenView.as_view(), name="blok_bewerken"),
    path("blok/<int:pk>/verwijderen/", views.BlokVerwijderenView.as_view(), name="blok_verwijderen"),
    path("blok/<int:pk>/werksessie/nieuw/", views.WerksessieNieuwView.as_view(), name="werksessie_nieuw"),
    path("werksessie/<int:pk>/bewerken/", views.WerksessieBewerkenView.as_view(), name="werksessie_bewerken"),
    path(
        "werksessie/<int:pk>/verwijderen/",
        views.WerksessieVerwijderenView.as_view(),
        name="werksessie_verwijderen",
    ),
    path(
        "werkdocument/<int:pk>/verwijderen/",
        views.WerkdocumentVerwijderenView.as_view(),
        name="werkdocument_verwijderen",
    ),
    path("werksessie/<int:pk>/opbrengst/", views.OpbrengstView.as_view(), name="opbrengst"),
    path("bijeenkomst/<int:pk>/opbrengsten/", views.OpbrengstenView.as_view(), name="opbrengsten"),
    path("bijeenkomst/<int:pk>/opbrengsten.pdf", views.OpbrengstenPdfView.as_view(), name="opbrengsten_pdf"),
    path("bijeenkomst/<int:pk>/uitnodigingen/", views.UitnodigingenView.as_view(), name="uitnodigingen"),
    path("uitnodiging/<str:token>/", views.UitnodigingView.as_view(), name="uitnodiging"),
    path(
        "uitnodiging/<str:token>/annuleren/",
        views.UitnodigingAnnulerenView.as_view(),
        name="uitnodiging_annuleren",
    ),
    path(
        "inschrijving/<str:token>/bijeenkomst.ics",
        views.InschrijvingIcsView.as_view(),
        name="inschrijving_ics",
    ),
]
