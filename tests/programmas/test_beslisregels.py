"""The decision rule (`programmas.beslisregels`) and the status the services store from it.

Pure properties first: every council is counted in exactly one outcome, the sentence reads the same numbers as the
list, and the outcome equals a plain restatement of the documented rule (approved as soon as the rule holds, rejected
as soon as it can no longer hold). Then the same through the database: for random rules, populations and sequences of
decisions and corrections recorded through `services.record_raadsbesluit`, the stored status equals the rule applied
to the final decisions. Last, what a closed version says and how corrections move the status.
"""

import itertools
import re
from decimal import ROUND_HALF_UP, Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from programmas import beslisregels, selectors, services
from programmas.beslisregels import Raad, Regel
from programmas.models import Raadsbesluit, Uitkomst, VersieStatus
from regioportaal.models import ActionLog

from .bouw import bouw_regio, programma, vandaag

S = VersieStatus
INSTEMMING = list(beslisregels.UITKOMSTEN_INSTEMMING)
BESLUITEN = ["goedgekeurd", "afgewezen", "amendement", "uitgesteld"]  # what a council records (not "open")
REGELS = ["unaniem", "leden", "bevolking", "beide"]
AMENDEMENT_REGELS = ["niet", "goedkeuring", "terug"]

drempels = st.decimals(min_value=Decimal("0.0001"), max_value=1, places=4)
regels = st.builds(
    Regel,
    procedure=st.just("instemming"),
    beslisregel=st.sampled_from(REGELS),
    drempel_leden=drempels,
    drempel_bevolking=drempels,
    amendement=st.sampled_from(AMENDEMENT_REGELS),
)
raden_lijsten = st.lists(
    st.builds(
        Raad, uitkomst=st.sampled_from(INSTEMMING), inwoners=st.integers(min_value=1, max_value=900_000)
    ),
    min_size=1,
    max_size=20,
)


def _haalt(aandeel, drempel):
    """A share meets a threshold when it rounds (to four decimals, as thresholds are stored) to it or above."""
    return aandeel.quantize(Decimal("0.0001"), rounding=ROUND_HALF_UP) >= drempel


def verwacht(raden, regel):
    """The rule as docs/programmas.md states it, written out independently of the implementation."""
    uitkomsten = [r.uitkomst for r in raden]
    if regel.amendement == "terug" and "amendement" in uitkomsten:
        return S.TERUG
    voor_telt = {"goedkeuring": {"goedgekeurd", "amendement"}}.get(regel.amendement, {"goedgekeurd"})
    voor = [r for r in raden if r.uitkomst in voor_telt]
    kan = [r for r in raden if r.uitkomst in voor_telt | {"open", "uitgesteld"}]
    n = len(raden)
    toetsen = []  # (reached, still reachable)
    if regel.beslisregel == "unaniem":
        toetsen.append((len(voor) == n, len(kan) == n))
    if regel.beslisregel in ("leden", "beide"):
        toetsen.append(
            (
                _haalt(Decimal(len(voor)) / n, regel.drempel_leden),
                _haalt(Decimal(len(kan)) / n, regel.drempel_leden),
            )
        )
    if regel.beslisregel in ("bevolking", "beide"):
        totaal = Decimal(sum(r.inwoners for r in raden))
        toetsen.append(
            (
                _haalt(sum(r.inwoners for r in voor) / totaal, regel.drempel_bevolking),
                _haalt(sum(r.inwoners for r in kan) / totaal, regel.drempel_bevolking),
            )
        )
    if all(gehaald for gehaald, _kan in toetsen):
        return S.GOEDGEKEURD
    if not all(kan for _gehaald, kan in toetsen):
        return S.AFGEWEZEN
    return S.VOORGELEGD


# --- Pure properties ------------------------------------------------------------------------------------------------


@given(raden=raden_lijsten, regel=regels)
def test_every_council_is_counted_in_exactly_one_outcome(raden, regel):
    uitslag = beslisregels.evaluate(raden, regel)
    assert uitslag.n == len(raden)
    assert sum(uitslag.telling.values()) == len(raden)
    assert uitslag.telling == {u: sum(1 for r in raden if r.uitkomst == u) for u in INSTEMMING}


@given(raden=raden_lijsten, regel=regels)
def test_the_outcome_is_the_documented_rule(raden, regel):
    assert beslisregels.evaluate(raden, regel).status == verwacht(raden, regel)


@given(raden=raden_lijsten, regel=regels)
def test_the_sentence_reads_the_same_numbers_as_the_count(raden, regel):
    with translation.override("nl"):
        uitslag = beslisregels.evaluate(raden, regel)
    getallen = [int(g) for g in re.findall(r"\d+", uitslag.uitleg[0])]
    t = uitslag.telling
    assert getallen == [
        len(raden),
        t["goedgekeurd"],
        t["amendement"],
        t["afgewezen"],
        t["uitgesteld"],
        t["open"],
    ]


@given(raden=raden_lijsten, regel=regels, data=st.data())
def test_the_order_of_the_councils_does_not_matter(raden, regel, data):
    geschud = data.draw(st.permutations(raden))
    assert beslisregels.evaluate(geschud, regel).status == beslisregels.evaluate(raden, regel).status


@given(raden=raden_lijsten, regel=regels, data=st.data())
def test_a_settled_outcome_stays_settled_whatever_the_open_councils_decide(raden, regel, data):
    """Approved as soon as the rule holds, rejected as soon as it can no longer hold."""
    status = beslisregels.evaluate(raden, regel).status
    keuzes = ["goedgekeurd", "afgewezen", "uitgesteld"] + (
        ["amendement"] if regel.amendement != "terug" else []
    )
    verder = [
        Raad(data.draw(st.sampled_from(keuzes)), r.inwoners) if r.uitkomst in ("open", "uitgesteld") else r
        for r in raden
    ]
    if status in (S.GOEDGEKEURD, S.AFGEWEZEN, S.TERUG):
        assert beslisregels.evaluate(verder, regel).status == status


@given(raden=raden_lijsten, regel=regels)
def test_an_open_outcome_can_still_go_either_way(raden, regel):
    if beslisregels.evaluate(raden, regel).status != S.VOORGELEGD:
        return
    alles_voor = [
        Raad("goedgekeurd", r.inwoners) if r.uitkomst in ("open", "uitgesteld") else r for r in raden
    ]
    alles_tegen = [
        Raad("afgewezen", r.inwoners) if r.uitkomst in ("open", "uitgesteld") else r for r in raden
    ]
    assert beslisregels.evaluate(alles_voor, regel).status == S.GOEDGEKEURD
    assert beslisregels.evaluate(alles_tegen, regel).status == S.AFGEWEZEN


@given(
    uitkomsten=st.lists(st.sampled_from(beslisregels.UITKOMSTEN_ZIENSWIJZE), min_size=1, max_size=20),
    regel=regels,
)
def test_under_the_zienswijze_procedure_the_councils_do_not_decide(uitkomsten, regel):
    regel = Regel(**{**regel.__dict__, "procedure": "zienswijze"})
    uitslag = beslisregels.evaluate([Raad(u, 1000) for u in uitkomsten], regel)
    assert uitslag.status == S.VOORGELEGD
    assert sum(uitslag.telling.values()) == len(uitkomsten)
    assert set(uitslag.telling) == {"zienswijze", "geen_zienswijze", "open"}


def test_an_outcome_of_the_other_procedure_is_refused():
    with pytest.raises(ValueError):
        beslisregels.evaluate([Raad("zienswijze", 10)], Regel())


# --- Examples from the documentation and the issue --------------------------------------------------------------------


@pytest.mark.parametrize(
    "voor,n,drempel,gehaald",
    [
        (12, 18, "0.6667", True),  # two thirds, stored as 0.6667
        (11, 18, "0.6667", False),
        (1, 2, "0.5001", False),  # "more than half": exactly half does not meet it
        (1, 2, "0.5", True),
    ],
)
def test_a_share_meets_a_threshold_when_it_rounds_to_it(voor, n, drempel, gehaald):
    raden = [Raad("goedgekeurd")] * voor + [Raad("afgewezen")] * (n - voor)
    regel = Regel(beslisregel="leden", drempel_leden=Decimal(drempel))
    assert beslisregels.evaluate(raden, regel).status == (S.GOEDGEKEURD if gehaald else S.AFGEWEZEN)


def test_the_denderregio_count_adds_up_with_the_amendment_counted():
    """Issue 10: '6 approved, 0 rejected, 7 open' for 14 councils left the amendment out."""
    raden = [Raad("goedgekeurd")] * 6 + [Raad("amendement")] + [Raad("open")] * 7
    with translation.override("nl"):
        uitslag = beslisregels.evaluate(raden, Regel(beslisregel="unaniem", amendement="niet"))
    assert uitslag.telling == {"goedgekeurd": 6, "amendement": 1, "afgewezen": 0, "uitgesteld": 0, "open": 7}
    assert uitslag.uitleg[0] == (
        "Van de 14 raden keurden 6 goed, 1 goed met amendement, 0 af; 0 stelden uit en 7 hebben nog niet beslist."
    )
    assert uitslag.status == S.AFGEWEZEN  # under unanimity an amendment is not an approval


def test_the_gmr_count_of_postponed_councils_reads_the_same_in_the_sentence():
    """Issue 10: '9 have not decided' above a list reading 'not decided: 7 … postponed: 2'."""
    raden = [Raad("goedgekeurd", 10)] * 9 + [Raad("open", 10)] * 7 + [Raad("uitgesteld", 10)] * 2
    with translation.override("nl"):
        uitslag = beslisregels.evaluate(raden, Regel(beslisregel="leden", drempel_leden=Decimal("0.6667")))
    assert "2 stelden uit en 7 hebben nog niet beslist" in uitslag.uitleg[0]
    assert (uitslag.telling["open"], uitslag.telling["uitgesteld"]) == (7, 2)


# --- The stored status, through the database -------------------------------------------------------------------------


@st.composite
def verlopen(draw):
    """A rule, the councils' populations and a sequence of registrations (later ones for a council correct it)."""
    n = draw(st.integers(min_value=1, max_value=5))
    return (
        draw(regels),
        draw(st.lists(st.integers(min_value=1, max_value=900_000), min_size=n, max_size=n)),
        draw(
            st.lists(
                st.tuples(st.integers(min_value=0, max_value=n - 1), st.sampled_from(BESLUITEN)),
                max_size=8,
            )
        ),
    )


@pytest.fixture
def dbwereld(db, snelle_wachtwoorden, media):
    return bouw_regio(5, n_opgaven=1)


_jaar = itertools.count(2200)


@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(verloop=verlopen())
def test_the_stored_status_is_the_rule_applied_to_the_final_decisions(dbwereld, verloop):
    regel, inwoners, registraties = verloop
    w = dbwereld
    leden = w.leden[: len(inwoners)]
    for bestuur, aantal in zip(leden, inwoners, strict=True):
        type(bestuur).objects.filter(pk=bestuur.pk).update(inwoners=aantal)
    services.update_regeling(
        w.regio,
        door=w.secretariaat,
        beslisregel=regel.beslisregel,
        drempel_leden=regel.drempel_leden,
        drempel_bevolking=regel.drempel_bevolking,
        amendement=regel.amendement,
    )
    versie = services.draft_jaarprogramma(w.regio, next(_jaar), door=None, opgaven=w.opgaven)
    services.update_regel(versie.regels.get(), deelnemers=leden, door=None)
    services.submit_versie(versie, door=None)
    services.adopt_versie(versie, besluitdatum=vandaag(), door=None)
    services.route_versie(versie, door=None)

    laatste = dict.fromkeys(range(len(leden)), "open")
    for i, uitkomst in registraties:
        services.record_raadsbesluit(
            Raadsbesluit.objects.get(versie=versie, bestuur=leden[i]),
            uitkomst=uitkomst,
            datum_raad=vandaag(),
            door=None,
            amendement="Schrap de tweede regel." if uitkomst == "amendement" else "",
            reden="" if laatste[i] in ("open", "uitgesteld") else "Correctie na de notulen.",
        )
        laatste[i] = uitkomst

    versie.refresh_from_db()
    raden = [Raad(laatste[i], inwoners[i]) for i in range(len(leden))]
    assert versie.status == beslisregels.evaluate(raden, regel).status == verwacht(raden, regel)
    uitslag = selectors.beslissing(versie)
    assert uitslag.status == versie.status
    assert sum(uitslag.telling.values()) == uitslag.n == len(leden)
    assert sum(n for _label, n in uitslag.lijst) == len(leden)


# --- Corrections and closed versions ---------------------------------------------------------------------------------


def _record(versie, bestuur, uitkomst, reden="", **extra):
    return services.record_raadsbesluit(
        Raadsbesluit.objects.get(versie=versie, bestuur=bestuur),
        uitkomst=uitkomst,
        datum_raad=vandaag(),
        door=None,
        reden=reden,
        **extra,
    )


def _status(versie):
    versie.refresh_from_db()
    return versie.status


def test_a_correction_moves_the_status_back_from_approved_with_an_audit_entry(db, snelle_wachtwoorden):
    w = bouw_regio(3)
    versie = programma(w, tot=S.VOORGELEGD)
    for bestuur in w.leden:
        _record(versie, bestuur, Uitkomst.GOEDGEKEURD)
    assert _status(versie) == S.GOEDGEKEURD
    _record(versie, w.leden[1], Uitkomst.AFGEWEZEN, reden="Verkeerd overgenomen: de raad wees af.")
    assert _status(versie) == S.AFGEWEZEN
    _record(versie, w.leden[1], Uitkomst.UITGESTELD, reden="De raad stelde het besluit uit.")
    assert _status(versie) == S.VOORGELEGD  # back from approved to open: the rule holds no more
    log = ActionLog.objects.filter(actie="status herberekend", object_id=str(versie.pk)).order_by("id")
    assert [entry.wijzigingen["status"] for entry in log] == [
        ["voorgelegd", "goedgekeurd"],
        ["goedgekeurd", "afgewezen"],
        ["afgewezen", "voorgelegd"],
    ]


def test_approvals_corrected_to_rejections_do_not_leave_the_status_approved(db, snelle_wachtwoorden):
    """Issue 10: three approvals corrected to rejections left the stored status 'approved'."""
    w = bouw_regio(5, beslisregel="leden", drempel_leden=Decimal("0.6"))
    versie = programma(w, tot=S.VOORGELEGD)
    for bestuur in w.leden[:3]:
        _record(versie, bestuur, Uitkomst.GOEDGEKEURD)
    assert _status(versie) == S.GOEDGEKEURD
    for bestuur in w.leden[:3]:
        _record(versie, bestuur, Uitkomst.AFGEWEZEN, reden="Correctie")
    assert _status(versie) == S.AFGEWEZEN


def test_a_superseded_version_says_so_and_takes_no_more_decisions(db, snelle_wachtwoorden):
    w = bouw_regio(3, amendement="niet")
    eerste = programma(w, tot=S.VOORGELEGD)
    _record(eerste, w.leden[0], Uitkomst.AMENDEMENT, amendement="Verlaag opgave B.")
    assert selectors.beslissing(eerste).afgesloten == ""
    tweede = services.new_versie(eerste, door=w.secretariaat, toelichting="Na het amendement")
    services.submit_versie(tweede, door=w.secretariaat)
    services.adopt_versie(tweede, besluitdatum=vandaag(), door=w.secretariaat)
    eerste.refresh_from_db()
    assert eerste.vervangen_door == tweede
    assert "vervangen" in selectors.beslissing(eerste).afgesloten
    assert not selectors.open_voor_raden(eerste)
    with pytest.raises(ValidationError):
        _record(eerste, w.leden[1], Uitkomst.GOEDGEKEURD)
    assert ActionLog.objects.filter(actie="vervangen", object_id=str(eerste.pk)).exists()


def test_a_version_the_board_sent_back_says_so_instead_of_can_still_be_reached(db, snelle_wachtwoorden):
    w = bouw_regio(3)
    versie = programma(w, tot=S.VOORGELEGD)
    _record(versie, w.leden[0], Uitkomst.GOEDGEKEURD)
    services.send_back(versie, door=w.secretariaat, reden="Het bestuur herziet de begroting.")
    versie.refresh_from_db()
    assert (versie.status, versie.teruggestuurd_op) == (S.TERUG, vandaag())
    uitslag = selectors.beslissing(versie)
    assert "stuurde deze versie" in uitslag.afgesloten and "terug" in uitslag.afgesloten
    assert sum(uitslag.telling.values()) == 3
    with pytest.raises(ValidationError):
        _record(versie, w.leden[1], Uitkomst.GOEDGEKEURD)
    with pytest.raises(ValidationError):
        _record(
            versie, w.leden[0], Uitkomst.AFGEWEZEN, reden="Correctie"
        )  # no correction after closing either
