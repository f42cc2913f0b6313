"""The review packet PDF, the admin pages, and the demo command."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from programmas import pdf, services
from programmas.models import (
    Jaarprogramma,
    Programmaregel,
    Programmaregeling,
    Raadsbesluit,
    Registratie,
    Reviewpakket,
    Uitkomst,
    VasteBijdrage,
    Versie,
    VersieStatus,
    Vraag,
)
from regioportaal.models import ActionLog
from tests import momentopname

from .bouw import programma


def test_the_review_packet_has_the_region_the_share_and_the_questions(wereld):
    versie = programma(wereld, tot=VersieStatus.VOORGELEGD)
    services.ask_question(versie, tekst="Waarom stijgt ons aandeel?", door=wereld.raadslid)
    context = pdf.reviewpakket_context(versie, wereld.leden[0])
    assert context["rij"].bestuur == wereld.leden[0]
    assert context["deadline"] == Raadsbesluit.objects.get(versie=versie, bestuur=wereld.leden[0]).deadline
    from django.template.loader import render_to_string

    html = render_to_string("programmas/pdf/reviewpakket.html", context)
    for tekst in (wereld.regio.naam, "Waarom stijgt ons aandeel?", "Unanimiteit", wereld.opgaven[0].titel):
        assert tekst in html
    assert pdf.render_reviewpakket(versie, wereld.leden[0]).startswith(b"%PDF-")


@pytest.mark.parametrize(
    "url", ["http://example.org/x.css", "https://example.org/logo.png", "file:///etc/passwd", "ftp://x/y"]
)
def test_the_pdf_fetcher_refuses_anything_not_local(url):
    with pytest.raises(Exception):  # noqa: B017 (ValueError or WeasyPrint's own refusal)
        pdf.LocalFetcher().fetch(url)


def test_the_pdf_fetcher_reads_the_static_directory():
    css = (pdf.static_dir() / "css" / "portal.css").as_uri()
    response = pdf.LocalFetcher().fetch(css)
    assert response is not None


MODELLEN = [
    Programmaregeling,
    Jaarprogramma,
    Versie,
    Programmaregel,
    VasteBijdrage,
    Raadsbesluit,
    Registratie,
    Vraag,
    Reviewpakket,
]


@pytest.mark.parametrize("model", MODELLEN, ids=lambda m: m.__name__)
def test_every_programmas_model_has_an_admin_page(admin_client, wereld, model):
    versie = programma(wereld, tot=VersieStatus.VOORGELEGD)
    registratie = services.record_raadsbesluit(
        Raadsbesluit.objects.filter(versie=versie).first(),
        uitkomst=Uitkomst.GOEDGEKEURD,
        datum_raad=versie.voorgelegd_op,
        door=None,
    )
    Reviewpakket.objects.create(versie=versie, bestuur=wereld.leden[0])
    Vraag.objects.create(versie=versie, bestuur=wereld.leden[0], tekst="Vraag")
    meta = model._meta
    assert (
        admin_client.get(reverse(f"admin:{meta.app_label}_{meta.model_name}_changelist")).status_code == 200
    )
    obj = model.objects.first()
    if obj is not None:
        assert (
            admin_client.get(
                reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[obj.pk])
            ).status_code
            == 200
        )
    assert registratie.pk


def test_registrations_are_read_only_history_in_the_admin(admin_client, wereld):
    versie = programma(wereld, tot=VersieStatus.VOORGELEGD)
    registratie = services.record_raadsbesluit(
        Raadsbesluit.objects.filter(versie=versie).first(),
        uitkomst=Uitkomst.GOEDGEKEURD,
        datum_raad=versie.voorgelegd_op,
        door=None,
    )
    url = reverse("admin:programmas_registratie_change", args=[registratie.pk])
    admin_client.post(url, {"uitkomst": "afgewezen"})
    registratie.refresh_from_db()
    assert registratie.uitkomst == Uitkomst.GOEDGEKEURD
    assert admin_client.get(reverse("admin:programmas_registratie_add")).status_code == 403
    assert (
        admin_client.post(reverse("admin:programmas_registratie_delete", args=[registratie.pk])).status_code
        == 403
    )


def test_changing_the_regions_rules_in_the_admin_is_logged(admin_client, wereld):
    regeling = services.regeling_van(wereld.regio)
    url = reverse("admin:programmas_programmaregeling_change", args=[regeling.pk])
    data = {
        "regio": wereld.regio.pk,
        "procedure": "instemming",
        "beslisregel": "leden",
        "drempel_leden": "0.6667",
        "drempel_bevolking": "0.5",
        "amendement": "niet",
        "termijn_dagen": 60,
        "zienswijze_weken": 12,
        "bestuursorgaan": wereld.bestuur.pk,
        "sleutel": "per_inwoner",
        "aandeel_bevolking": "0.5",
        "bedrag_per_inwoner": "2.50",
    }
    eerder = set(ActionLog.objects.filter(actie="programmaregeling gewijzigd").values_list("pk", flat=True))
    assert admin_client.post(url, data).status_code == 302
    entry = ActionLog.objects.filter(actie="programmaregeling gewijzigd").exclude(pk__in=eerder).get()
    assert entry.wijzigingen["beslisregel"] == ["unaniem", "leden"]
    assert entry.scope == f"regio:{wereld.regio.pk}"


@pytest.mark.django_db
def test_the_demo_builds_three_regions_programmes_and_runs_twice_without_change(snelle_wachtwoorden, media):
    momentopname.demo("load_demo")  # the regions, as a starting point
    call_command("load_programmas_demo", stdout=io.StringIO())
    # Each region's versions and their statuses: tests/programmas/test_demo_tijd.py.
    assert (
        Raadsbesluit.objects.filter(
            versie__jaarprogramma__regio__slug="denderregio", versie__nummer=1
        ).count()
        == 14
    )
    drecht = Versie.objects.get(jaarprogramma__regio__slug="drechtsteden", jaarprogramma__soort="begroting")
    zienswijzen = drecht.raadsbesluiten.filter(uitkomst=Uitkomst.ZIENSWIJZE)
    assert zienswijzen.count() == 2 and not zienswijzen.filter(antwoord="").exists()  # adopted: all answered
    tellingen = (Versie.objects.count(), Registratie.objects.count(), ActionLog.objects.count())
    call_command("load_programmas_demo", stdout=io.StringIO())
    assert (Versie.objects.count(), Registratie.objects.count(), ActionLog.objects.count()) == tellingen
