"""The lines of a programme version: read with what the pages need, titled for one reader, compared between two
versions. The selectors re-export these (`selectors.regels_van`, `selectors.met_titels`, `selectors.diff_versies`)."""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Prefetch

from besturen.models import Bestuur
from opgaven import selectors as opgaven_selectors

from .models import Programmaregel


def regels_van(versie):
    return (
        Programmaregel.objects.filter(versie=versie)
        .select_related("opgave")
        .prefetch_related(
            Prefetch("deelnemers", queryset=Bestuur.objects.order_by("naam")), "vaste_bijdragen"
        )
        .order_by("opgave__titel")
    )


def met_titels(user, regels):
    """Give each line `titel`: its opgave's title as `user` may read it, or "niet-gepubliceerde opgave"
    (`opgaven.selectors.shown_titles`, at most one query for all). Every page, export and PDF a reader sees shows
    `regel.titel`, never `regel.opgave.titel`. Returns the lines as a list."""
    regels = list(regels)
    titels = opgaven_selectors.shown_titles(user, [regel.opgave for regel in regels])
    for regel in regels:
        regel.titel = titels[regel.opgave_id]
    return regels


@dataclass
class Regelwijziging:
    regel: object  # the line in the later version (its opgave: `opgave`)
    bedrag: tuple | None = None  # (old, new) when changed
    capaciteit: tuple | None = None
    sleutel: tuple | None = None
    leden_erbij: list = field(default_factory=list)
    leden_eraf: list = field(default_factory=list)
    vast: list = field(default_factory=list)  # (bestuur, old or None, new or None)

    opgave = property(lambda self: self.regel.opgave)


@dataclass
class Versieverschil:
    """What changed from version `a` to version `b`: lines added and removed, amounts, members in or out."""

    a: object
    b: object
    toegevoegd: list
    verwijderd: list
    gewijzigd: list
    totaal_a: Decimal
    totaal_b: Decimal

    @property
    def leeg(self):
        return not (self.toegevoegd or self.verwijderd or self.gewijzigd)

    @property
    def regels(self):
        """Every line the comparison shows (to give them their titles: `met_titels`)."""
        return [*self.toegevoegd, *self.verwijderd, *(w.regel for w in self.gewijzigd)]


def diff_versies(a, b):
    """Compare two versions line by line (a line is an opgave): six queries whatever their size."""
    oud = {regel.opgave_id: regel for regel in regels_van(a)}
    nieuw = {regel.opgave_id: regel for regel in regels_van(b)}
    toegevoegd = [regel for opgave_id, regel in nieuw.items() if opgave_id not in oud]
    verwijderd = [regel for opgave_id, regel in oud.items() if opgave_id not in nieuw]
    gewijzigd = []
    for opgave_id, regel_b in nieuw.items():
        regel_a = oud.get(opgave_id)
        if regel_a is None:
            continue
        w = Regelwijziging(regel=regel_b)
        if regel_a.bedrag != regel_b.bedrag:
            w.bedrag = (regel_a.bedrag, regel_b.bedrag)
        if regel_a.capaciteit_uren != regel_b.capaciteit_uren:
            w.capaciteit = (regel_a.capaciteit_uren, regel_b.capaciteit_uren)
        if regel_a.sleutel != regel_b.sleutel:
            w.sleutel = (regel_a.get_sleutel_display() or "—", regel_b.get_sleutel_display() or "—")
        leden_a = {b.pk: b for b in regel_a.deelnemers.all()}
        leden_b = {b.pk: b for b in regel_b.deelnemers.all()}
        w.leden_erbij = sorted((b for pk, b in leden_b.items() if pk not in leden_a), key=lambda b: b.naam)
        w.leden_eraf = sorted((b for pk, b in leden_a.items() if pk not in leden_b), key=lambda b: b.naam)
        vast_a = {v.bestuur_id: v.bedrag for v in regel_a.vaste_bijdragen.all()}
        vast_b = {v.bestuur_id: v.bedrag for v in regel_b.vaste_bijdragen.all()}
        namen = {**leden_a, **leden_b}
        w.vast = [
            (namen.get(pk, pk), vast_a.get(pk), vast_b.get(pk))
            for pk in sorted(set(vast_a) | set(vast_b))
            if vast_a.get(pk) != vast_b.get(pk)
        ]
        if w.bedrag or w.capaciteit or w.sleutel or w.leden_erbij or w.leden_eraf or w.vast:
            gewijzigd.append(w)
    return Versieverschil(
        a=a,
        b=b,
        toegevoegd=toegevoegd,
        verwijderd=verwijderd,
        gewijzigd=gewijzigd,
        totaal_a=sum((r.bedrag for r in oud.values()), Decimal("0")),
        totaal_b=sum((r.bedrag for r in nieuw.values()), Decimal("0")),
    )
