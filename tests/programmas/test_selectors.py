"""Reads for the programme pages: the split table, the diff between versions, deadlines and the status board."""

import datetime
from decimal import Decimal

import pytest

from programmas import selectors, services
from programmas.models import Procedure, Raadsbesluit, Uitkomst, VersieStatus

from .bouw import JAAR, bouw_regio, programma, vandaag

S = VersieStatus


def test_the_split_table_adds_up_per_member_and_per_line(wereld):
    versie = programma(wereld)
    services.set_vaste_bijdrage(versie.regels.first(), wereld.leden[2], Decimal("1000"), door=None)
    tabel = selectors.verdelingstabel(versie, services.regeling_van(wereld.regio))
    assert tabel.totaal == Decimal("300000.00")
    assert tabel.kolomtotalen == [r.bedrag for r in tabel.regels]
    for rij in tabel.rijen:
        assert rij.totaal == sum(b for b in rij.bedragen if b is not None)
        assert rij.vorig is None and rij.verschil is None
    assert tabel.rij_van(wereld.leden[2].pk).bedragen[0] == Decimal("1000.00")


def test_a_line_that_cannot_be_split_is_reported_not_hidden(wereld):
    versie = programma(wereld)
    regel = versie.regels.first()
    for bestuur in wereld.leden:
        services.set_vaste_bijdrage(
            regel, bestuur, Decimal("1"), door=None
        )  # 3 euro fixed, the line is 100.000
    tabel = selectors.verdelingstabel(versie, services.regeling_van(wereld.regio))
    assert [r for r, _fout in tabel.regel_fouten] == [regel]


def test_the_diff_names_added_removed_and_changed_lines(wereld):
    versie = programma(wereld, tot=S.VASTGESTELD)
    tweede = services.new_versie(versie, door=None)
    a, b = wereld.opgaven
    regel_a = tweede.regels.get(opgave=a)
    services.update_regel(
        regel_a,
        bedrag=Decimal("120000"),
        capaciteit_uren=Decimal("40"),
        sleutel="gelijk",
        deelnemers=wereld.leden[:2],
        door=None,
    )
    services.set_vaste_bijdrage(regel_a, wereld.leden[0], Decimal("500"), door=None)
    services.remove_regel(tweede.regels.get(opgave=b), door=None)
    from opgaven import services as opgaven_services

    c = opgaven_services.create_opgave(wereld.regio, door=None, titel="Opgave C")
    services.add_regel(tweede, opgave=c, bedrag=Decimal("5000"), door=None)
    verschil = selectors.diff_versies(versie, tweede)
    assert [r.opgave for r in verschil.toegevoegd] == [c]
    assert [r.opgave for r in verschil.verwijderd] == [b]
    (w,) = verschil.gewijzigd
    assert w.opgave == a
    assert w.bedrag == (Decimal("100000.00"), Decimal("120000.00"))
    assert w.capaciteit == (Decimal("0.0"), Decimal("40.0"))
    assert w.sleutel == ("—", "gelijke delen")
    assert w.leden_eraf == [wereld.leden[2]] and w.leden_erbij == []
    assert w.vast == [(wereld.leden[0], None, Decimal("500.00"))]
    assert (verschil.totaal_a, verschil.totaal_b) == (Decimal("300000.00"), Decimal("125000.00"))
    assert selectors.diff_versies(versie, versie).leeg


def test_the_status_board_marks_overdue_councils(wereld):
    deadline = vandaag()
    versie = programma(wereld, tot=S.VOORGELEGD, deadline=deadline)
    services.record_raadsbesluit(
        Raadsbesluit.objects.get(versie=versie, bestuur=wereld.leden[0]),
        uitkomst=Uitkomst.GOEDGEKEURD,
        datum_raad=deadline,
        door=None,
    )
    services.record_raadsbesluit(
        Raadsbesluit.objects.get(versie=versie, bestuur=wereld.leden[1]),
        uitkomst=Uitkomst.UITGESTELD,
        datum_raad=deadline,
        door=None,
    )
    assert not any(r.te_laat for r in selectors.statusbord_rijen(versie, vandaag=deadline))  # the last day
    later = deadline + datetime.timedelta(days=3)
    rijen = selectors.statusbord_rijen(versie, vandaag=later)
    assert [r.te_laat for r in rijen] == [False, True, True]
    assert rijen[0].laatste.uitkomst == Uitkomst.GOEDGEKEURD
    te_laat = selectors.statusbord_rijen(versie, uitkomst=selectors.TE_LAAT, vandaag=later)
    assert [r.bestuur for r in te_laat] == wereld.leden[1:]
    telling = selectors.beslissing(versie).telling  # every council counted once, in the board's count
    assert {k: n for k, n in telling.items() if n} == {"goedgekeurd": 1, "uitgesteld": 1, "open": 1}


@pytest.mark.parametrize(
    "vandaag,waarschuwing",
    [
        (datetime.date(2026, 3, 1), ""),
        (datetime.date(2026, 4, 13), ""),  # 15 days left
        (datetime.date(2026, 4, 14), "binnenkort"),  # 14 days left
        (datetime.date(2026, 4, 28), "binnenkort"),  # the last day
        (datetime.date(2026, 4, 29), "verstreken"),
    ],
)
def test_the_zienswijze_deadline_warns_14_days_ahead_and_when_passed(
    db, snelle_wachtwoorden, vandaag, waarschuwing
):
    w = bouw_regio(2, procedure=Procedure.ZIENSWIJZE, zienswijze_weken=12)
    versie = programma(w, tot=S.VOORGELEGD)
    versie.voorgelegd_op = datetime.date(2026, 2, 3)  # as if routed then, with the statutory twelve weeks
    versie.deadline = datetime.date(2026, 4, 28)
    zienswijze = selectors.zienswijze_termijnen(versie, services.regeling_van(w.regio), vandaag=vandaag)[0]
    assert (zienswijze.datum, zienswijze.waarschuwing) == (datetime.date(2026, 4, 28), waarschuwing)


def test_the_gs_deadline_warns_before_15_september_and_after_adoption(db, snelle_wachtwoorden):
    w = bouw_regio(2, procedure=Procedure.ZIENSWIJZE)
    versie = programma(w, tot=S.VOORGELEGD)
    regeling = services.regeling_van(w.regio)
    gs = selectors.zienswijze_termijnen(versie, regeling, vandaag=datetime.date(JAAR - 1, 9, 5))[-1]
    assert (gs.datum, gs.waarschuwing) == (
        datetime.date(JAAR - 1, 9, 14),
        "binnenkort",
    )  # "vóór 15 september"
    gs = selectors.zienswijze_termijnen(versie, regeling, vandaag=datetime.date(JAAR - 1, 9, 15))[-1]
    assert gs.waarschuwing == "verstreken"
    versie.vastgesteld_op = datetime.date(JAAR - 1, 6, 1)
    gs = selectors.zienswijze_termijnen(versie, regeling, vandaag=datetime.date(JAAR - 1, 5, 1))[-1]
    assert (gs.datum, gs.waarschuwing) == (datetime.date(JAAR - 1, 6, 15), "")
    gs = selectors.zienswijze_termijnen(versie, regeling, vandaag=datetime.date(JAAR, 2, 1))[-1]
    assert gs.waarschuwing == "verstreken"  # never sent: still shown as late
    versie.naar_gs_op = datetime.date(JAAR - 1, 6, 10)
    gs = selectors.zienswijze_termijnen(versie, regeling, vandaag=datetime.date(JAAR, 2, 1))[-1]
    assert (gs.waarschuwing, gs.gedaan_op) == ("", datetime.date(JAAR - 1, 6, 10))  # sent in time: done


@pytest.mark.parametrize("regel", ["unaniem", "leden", "bevolking", "beide"])
def test_every_decision_rule_has_a_sentence(db, regel):
    from besturen import services as besturen_services
    from besturen.models import Land, Rechtsvorm

    regio = besturen_services.create_regio(
        door=None, naam="R", slug="r", land=Land.BELGIE, rechtsvorm=Rechtsvorm.FEITELIJK
    )
    regeling = services.regeling_van(regio)
    regeling.beslisregel = regel
    assert selectors.beslisregel_tekst(regeling)
