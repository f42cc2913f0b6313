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
]
