"""Frozen figures: what councils decide on does not move.

When a version is adopted (consent) or routed (zienswijze) it stores every member's share of every line with the
figures it used, and the rules. Afterwards the region re-imports its populations and changes its key, rule, rate and
procedure: every stored amount, the status, the version page's amounts, the CSV and the Excel export stay byte for
byte the same. A concept version follows the new figures. Also: several per-inhabitant lines, exact to the cent.

The clock stands still in these tests, because an Excel workbook carries the time it was written.
"""

import dataclasses
import datetime
import io
import re
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from besturen import imports
from besturen import services as besturen_services
from besturen.models import Bestuur, Bevolkingscijfer
from programmas import pdf, selectors, services
from programmas.models import Bijdrage, Procedure, Raadsbesluit, Uitkomst, Versie, VersieStatus
from programmas.regeling import procedure_van

from .bouw import bouw_regio, programma, reis, vandaag

S = VersieStatus
NIS = ["49901", "49902", "49903"]  # the members' NIS codes, so the Flemish import finds them
INWONERS = [152_344, 18_601, 45_997]
PEILDATUM_NIEUW = datetime.date(2025, 1, 1)  # later than the builder's 1 January 2024


@pytest.fixture
def herimport(monkeypatch):
    """Import a Flemish municipality file of 1 January 2025 (Statbel 2025), as every region does once a year:
    each member gets a new population figure in its history and as its current figure."""

    def importeer(leden, erbij=10_000):
        formaat = dataclasses.replace(imports.VLAANDEREN, peildatum=PEILDATUM_NIEUW, bron="Statbel 2025")
        monkeypatch.setattr(imports, "FORMATEN", (formaat, imports.NEDERLAND))
        regels = [formaat.kopregel] + [
            f"{b.code},{b.naam},Oost-Vlaanderen,Testregio,{Bestuur.objects.get(pk=b.pk).inwoners + erbij}"
            for b in leden
        ]
        besturen_services.import_besturen(io.BytesIO("\n".join(regels).encode()), door=None)
        for b in leden:
            nieuw = Bestuur.objects.get(pk=b.pk)
            assert (nieuw.inwoners_peildatum, nieuw.inwoners_bron) == (PEILDATUM_NIEUW, "Statbel 2025")
            assert Bevolkingscijfer.objects.filter(bestuur=b, peildatum=PEILDATUM_NIEUW).exists()

    return importeer


def _wereld(procedure=Procedure.INSTEMMING):
    """Three members; line A by the region's key (population) with a fixed contribution, line B at the region's
    rate per inhabitant (€ 2,50), line C by a mix (the region's share by population) without the first member."""
    w = bouw_regio(
        3,
        n_opgaven=3,
        inwoners=INWONERS,
        codes=NIS,
        procedure=procedure,
        beslisregel="unaniem",
        sleutel="bevolking",
        aandeel_bevolking=Decimal("0.5"),
        bedrag_per_inwoner=Decimal("2.50"),
    )
    versie = services.draft_jaarprogramma(w.regio, 2027, door=None, opgaven=w.opgaven)
    a, b, c = versie.regels.order_by("opgave__titel")
    services.set_vaste_bijdrage(a, w.leden[2], Decimal("1000.00"), door=None)
    services.update_regel(b, sleutel="per_inwoner", door=None)
    services.update_regel(c, sleutel="mix", deelnemers=w.leden[1:], door=None)
    return w, versie


def _verder(w, versie, tot):
    """Take the drafted version through the builder's steps (submitted, adopted and routed today)."""
    services.submit_versie(versie, door=None)
    if procedure_van(versie) == Procedure.INSTEMMING:
        services.adopt_versie(versie, besluitdatum=vandaag(), door=None)
        if tot == S.VOORGELEGD:
            services.route_versie(versie, door=None)
    else:
        services.route_versie(versie, door=None)
    versie.refresh_from_db()
    assert versie.status == tot
    return versie


def _wijzig_regio(w, **anders):
    """The secretariat changes every setting a split or a decision depends on."""
    velden = {
        "procedure": Procedure.ZIENSWIJZE,
        "beslisregel": "leden",
        "drempel_leden": Decimal("0.5"),
        "drempel_bevolking": Decimal("0.25"),
        "amendement": "terug",
        "sleutel": "gelijk",
        "aandeel_bevolking": Decimal("0.3"),
        "bedrag_per_inwoner": Decimal("3.00"),
    }
    velden.update(anders)
    services.update_regeling(w.regio, door=w.secretariaat, **velden)


def _sectie(html, sectie_id):
    gevonden = re.search(rf'<section[^>]*id="{sectie_id}"[^>]*>.*?</section>', html, re.S)
    assert gevonden, sectie_id
    return gevonden.group(0)


def _wat_de_raden_zien(client, w, versie):
    """Everything a council reads of a version's money and outcome: stored rows, pages, exports, packets."""
    versie.refresh_from_db()
    client.force_login(w.secretariaat)
    response = client.get(versie.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    csv_response = client.get(reverse("programmas:verdeling_csv", args=[versie.pk]))
    xlsx_response = client.get(reverse("programmas:verdeling_xlsx", args=[versie.pk]))
    assert csv_response.status_code == xlsx_response.status_code == 200
    uitslag = selectors.beslissing(versie)
    pakketten = {}
    for bestuur in w.leden:
        rij = pdf.reviewpakket_context(versie, bestuur)["rij"]
        pakketten[bestuur.pk] = (rij.bedragen, rij.totaal, rij.inwoners, rij.peildatum, rij.bron)
    return {
        "bijdragen": list(
            Bijdrage.objects.filter(versie=versie)
            .order_by("regel_id", "bestuur_id")
            .values_list(
                "regel_id",
                "bestuur_id",
                "inwoners",
                "peildatum",
                "bron",
                "sleutel",
                "aandeel_bevolking",
                "tarief_per_inwoner",
                "vast_bedrag",
                "centen",
            )
        ),
        "regels": list(
            versie.regels.order_by("pk").values_list("pk", "bedrag", "sleutel", "tarief_per_inwoner")
        ),
        "versie": (
            versie.status,
            versie.procedure,
            versie.beslisregel,
            versie.drempel_leden,
            versie.drempel_bevolking,
            versie.amendement,
            versie.sleutel,
            versie.aandeel_bevolking,
            versie.bevroren_op,
        ),
        "regeling_voor_de_versie": procedure_van(versie),
        "tarieven": [r.tarief_gebruikt for r in selectors.kostenverdeling(versie, None).regels],
        "beslissing": (uitslag.status, uitslag.telling, uitslag.uitleg, uitslag.afgesloten),
        "raadsbesluiten": list(
            Raadsbesluit.objects.filter(versie=versie)
            .order_by("bestuur_id")
            .values_list("bestuur_id", "inwoners", "deadline", "uitkomst")
        ),
        "beslisregel": response.context["beslisregel"],
        "pagina: programmaregels": _sectie(html, "regels"),
        "pagina: verdeling": _sectie(html, "verdeling"),
        "csv": b"".join(csv_response.streaming_content),
        "xlsx": xlsx_response.content,
        "reviewpakketten": pakketten,
    }


def _vergelijk(voor, na, sleutels=None):
    """Every part the same; a failure names all parts that moved (first the names, then the first difference)."""
    veranderd = [sleutel for sleutel in sleutels or voor if na[sleutel] != voor[sleutel]]
    assert veranderd == [], [(sleutel, voor[sleutel], na[sleutel]) for sleutel in veranderd[:1]]


GELD = [
    "bijdragen",
    "regels",
    "tarieven",
    "pagina: programmaregels",
    "pagina: verdeling",
    "csv",
    "xlsx",
    "reviewpakketten",
]


# --- Consent: frozen at adoption ----------------------------------------------------------------------------------


def test_an_adopted_version_keeps_every_amount_and_rule_after_a_reimport_and_new_settings(
    client, db, snelle_wachtwoorden, media, herimport
):
    with reis(vandaag()):
        w, versie = _wereld()
        versie = _verder(w, versie, S.VASTGESTELD)
        assert versie.bevroren_op is not None
        assert Bijdrage.objects.filter(versie=versie).count() == 3 + 3 + 2
        voor = _wat_de_raden_zien(client, w, versie)

        herimport(w.leden)
        _wijzig_regio(w)

        _vergelijk(voor, _wat_de_raden_zien(client, w, versie))

        # Routed later, the councils decide on the stored figures and the stored rule (unanimity, consent).
        services.route_versie(versie, door=None)
        na_voorleggen = _wat_de_raden_zien(client, w, versie)
        _vergelijk(voor, na_voorleggen, GELD)
        assert [inwoners for _b, inwoners, _d, _u in na_voorleggen["raadsbesluiten"]] == INWONERS
        for bestuur in w.leden[:2]:
            services.record_raadsbesluit(
                Raadsbesluit.objects.get(versie=versie, bestuur=bestuur),
                uitkomst=Uitkomst.GOEDGEKEURD,
                datum_raad=vandaag(),
                door=None,
            )
        versie.refresh_from_db()
        assert (
            versie.status == S.VOORGELEGD
        )  # two of three: the region's new "half the members" would approve
        with pytest.raises(ValidationError):  # still the consent route, whatever the region's default is now
            services.record_raadsbesluit(
                Raadsbesluit.objects.get(versie=versie, bestuur=w.leden[2]),
                uitkomst=Uitkomst.GEEN_ZIENSWIJZE,
                datum_raad=vandaag(),
                door=None,
            )


def test_a_concept_follows_the_new_figures_and_settings(client, db, snelle_wachtwoorden, herimport):
    w, versie = _wereld()
    a, b, c = versie.regels.order_by("opgave__titel")
    voor = selectors.kostenverdeling(versie, None)
    assert voor.per_bestuur[w.leden[0].pk][b.pk] == Decimal("2.50") * INWONERS[0]

    herimport(w.leden)
    _wijzig_regio(w)

    nieuw = [i + 10_000 for i in INWONERS]
    versie = Versie.objects.get(pk=versie.pk)  # read afresh, as a page does
    na = selectors.kostenverdeling(versie, None)
    for bestuur, inwoners in zip(w.leden, nieuw, strict=True):
        assert na.per_bestuur[bestuur.pk][b.pk] == Decimal("3.00") * inwoners  # the new rate, new populations
    assert na.per_bestuur[w.leden[0].pk][a.pk] == na.per_bestuur[w.leden[1].pk][a.pk] == Decimal("49500.00")
    assert na.per_bestuur[w.leden[2].pk][a.pk] == Decimal("1000.00")  # the fixed contribution stays
    assert procedure_van(versie) == Procedure.ZIENSWIJZE
    assert [r.tarief_gebruikt for r in na.regels] == [None, Decimal("3.00"), None]
    client.force_login(w.secretariaat)
    html = client.get(versie.get_absolute_url()).content.decode()
    assert "Statbel 2025" in html  # the page shows which figures the concept will use


# --- Zienswijze: frozen at routing ---------------------------------------------------------------------------------


def test_a_routed_draft_keeps_every_amount_rule_and_count_after_a_reimport_and_new_settings(
    client, db, snelle_wachtwoorden, media, herimport
):
    with reis(vandaag()):
        w, versie = _wereld(Procedure.ZIENSWIJZE)
        versie = _verder(w, versie, S.VOORGELEGD)
        assert versie.bevroren_op is not None and versie.procedure == Procedure.ZIENSWIJZE
        eerste, tweede, derde = (Raadsbesluit.objects.get(versie=versie, bestuur=b) for b in w.leden)
        services.record_raadsbesluit(
            eerste, uitkomst=Uitkomst.ZIENSWIJZE, zienswijze="Te duur.", datum_raad=vandaag(), door=None
        )
        services.record_raadsbesluit(
            tweede, uitkomst=Uitkomst.GEEN_ZIENSWIJZE, datum_raad=vandaag(), door=None
        )
        voor = _wat_de_raden_zien(client, w, versie)

        herimport(w.leden)
        _wijzig_regio(w, procedure=Procedure.INSTEMMING, beslisregel="unaniem")

        _vergelijk(voor, _wat_de_raden_zien(client, w, versie))
        with pytest.raises(ValidationError):  # the draft stays on the zienswijze route
            services.record_raadsbesluit(
                derde, uitkomst=Uitkomst.GOEDGEKEURD, datum_raad=vandaag(), door=None
            )
        services.record_raadsbesluit(
            derde, uitkomst=Uitkomst.GEEN_ZIENSWIJZE, datum_raad=vandaag(), door=None
        )
        services.answer_zienswijze(eerste, antwoord="De kosten dalen met 5 %.", door=w.secretariaat)
        services.adopt_versie(versie, besluitdatum=vandaag(), door=w.secretariaat)
        versie.refresh_from_db()
        assert versie.status == S.VASTGESTELD
        _vergelijk(voor, _wat_de_raden_zien(client, w, versie), GELD)  # adoption does not refreeze


# --- Several contributions per inhabitant --------------------------------------------------------------------------


def test_two_per_inhabitant_lines_each_cost_their_rate_times_each_members_population(db, snelle_wachtwoorden):
    """The Groene Metropoolregio: € 2,50 for the bureau, € 1,00 for the Economic Board, exact to the cent."""
    w = bouw_regio(3, inwoners=INWONERS, sleutel="bevolking", bedrag_per_inwoner=Decimal("2.50"))
    versie = programma(w)
    bureau, board = versie.regels.order_by("opgave__titel")
    services.update_regel(bureau, sleutel="per_inwoner", tarief_per_inwoner=Decimal("2.50"), door=None)
    services.update_regel(board, sleutel="per_inwoner", tarief_per_inwoner=Decimal("1.00"), door=None)
    bureau.refresh_from_db()
    board.refresh_from_db()
    assert bureau.bedrag == Decimal("2.50") * sum(INWONERS) == Decimal("542355.00")
    assert board.bedrag == Decimal("1.00") * sum(INWONERS) == Decimal("216942.00")

    verdeling = selectors.kostenverdeling(versie, None)
    for bestuur, inwoners in zip(w.leden, INWONERS, strict=True):
        assert verdeling.per_bestuur[bestuur.pk] == {
            bureau.pk: Decimal("2.50") * inwoners,
            board.pk: Decimal("1.00") * inwoners,
        }
        assert verdeling.totaal_per_bestuur[bestuur.pk] == Decimal("3.50") * inwoners

    services.submit_versie(versie, door=None)
    services.adopt_versie(versie, besluitdatum=vandaag(), door=None)
    for bijdrage in Bijdrage.objects.filter(versie=versie).select_related("regel"):
        tarief = Decimal("2.50") if bijdrage.regel_id == bureau.pk else Decimal("1.00")
        assert bijdrage.tarief_per_inwoner == tarief
        assert bijdrage.centen == tarief * bijdrage.inwoners * 100
        assert bijdrage.sleutel == "per_inwoner"


def test_a_per_inhabitant_line_without_its_own_rate_uses_the_regions_and_a_non_participant_pays_nothing(
    db, snelle_wachtwoorden
):
    w = bouw_regio(3, inwoners=INWONERS, sleutel="per_inwoner", bedrag_per_inwoner=Decimal("2.50"))
    versie = programma(w)
    bureau, board = versie.regels.order_by("opgave__titel")
    services.update_regel(board, tarief_per_inwoner=Decimal("1.00"), deelnemers=w.leden[1:], door=None)
    bureau.refresh_from_db()
    board.refresh_from_db()
    assert bureau.bedrag == Decimal("2.50") * sum(INWONERS)
    assert board.bedrag == Decimal("1.00") * sum(INWONERS[1:])
    verdeling = selectors.kostenverdeling(versie, None)
    assert board.pk not in verdeling.per_bestuur[w.leden[0].pk]
    assert verdeling.per_bestuur[w.leden[1].pk][board.pk] == Decimal("18601.00")
    assert verdeling.per_bestuur[w.leden[2].pk][bureau.pk] == Decimal("114992.50")


def test_the_settings_a_version_follows_are_a_copy_that_leaves_the_live_ones_alone(db):
    from django.utils import timezone

    from programmas.models import Jaarprogramma, Programmaregeling
    from programmas.regeling import regeling_voor
    from tests.factories import RegioFactory

    regio = RegioFactory()
    live = Programmaregeling(regio=regio, procedure="zienswijze", drempel_leden=50)
    versie = Versie(jaarprogramma=Jaarprogramma(regio=regio, jaar=2030, procedure=""), bevroren_op=None)
    kopie = regeling_voor(versie, live)
    assert kopie is not live and kopie._state is not live._state
    assert kopie._state.fields_cache is not live._state.fields_cache
    assert (kopie.procedure, kopie.drempel_leden, kopie.regio) == ("zienswijze", 50, regio)
    kopie.drempel_leden = 70
    kopie._state.fields_cache["x"] = 1
    assert live.drempel_leden == 50 and "x" not in live._state.fields_cache
    bevroren = Versie(jaarprogramma=versie.jaarprogramma, bevroren_op=timezone.now(), procedure="instemming")
    assert regeling_voor(bevroren, live).procedure == "instemming" and live.procedure == "zienswijze"
