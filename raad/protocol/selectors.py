"""Reads for the information protocol: which items are due (and when the next goes out), what input is missing,
who in each council receives an item, and what each council received. Each in a fixed number of queries."""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Max, Q
from django.utils import timezone

from besturen.models import RAADSORGANEN, Rol
from besturen.selectors import current_members, current_seats
from opgaven.selectors import voortgang_over
from regioportaal.meldingen import Adres
from vergaderingen.selectors import gehouden_vergaderingen

from ..models import Frequentie, Informatieafspraak, Informatiesoort, Informatiezending, Ontvangers
from . import kalender

# The kinds whose input is the opgaven's progress reports: an opgave without one is missing input.
OPGAVE_SOORTEN = (Informatiesoort.VOORTGANG, Informatiesoort.JAARVERSLAG)


@dataclass
class Stand:
    """Where one agreement stands today: the items due (sent or not), the next one, and the missing input."""

    afspraak: Informatieafspraak
    te_versturen: list = field(default_factory=list)
    volgende: kalender.Moment | None = None
    verzonden: dict = field(default_factory=dict)  # moment key → number of councils that received it
    ontbrekend: dict = field(default_factory=dict)  # moment key → titles of the opgaven without a report

    @property
    def laatste(self):
        return self.te_versturen[-1] if self.te_versturen else None

    @property
    def verzonden_laatste(self):
        """How many councils received the latest item due."""
        return self.verzonden.get(self.laatste.sleutel, 0) if self.laatste else 0

    def open_momenten(self, aantal_raden):
        """The items due that have not reached every council yet."""
        return [m for m in self.te_versturen if self.verzonden.get(m.sleutel, 0) < aantal_raden]

    @property
    def gewaarschuwd(self):
        """The items to warn about, with their missing opgaven: [(moment, titles)]."""
        momenten = [*self.te_versturen, *([self.volgende] if self.volgende else [])]
        return [(m, self.ontbrekend[m.sleutel]) for m in momenten if self.ontbrekend.get(m.sleutel)]


def afspraken_van(regio):
    """The region's agreements, active first (one query)."""
    return (
        Informatieafspraak.objects.filter(regio=regio)
        .select_related("orgaan")
        .order_by("-actief", "soort", "pk")
    )


def _vergaderingmomenten(afspraken):
    """{agreement id: [moment of each held meeting of its body since its begindatum]} (one query at most)."""
    terug = [a for a in afspraken if a.frequentie == Frequentie.NA_VERGADERING]
    if not terug:
        return {}
    per_orgaan = defaultdict(list)
    for vergadering in gehouden_vergaderingen({a.orgaan_id for a in terug}, min(a.begindatum for a in terug)):
        per_orgaan[vergadering.orgaan_id].append(vergadering)
    return {
        a.pk: [
            kalender.vergaderingmoment(v, timezone.localtime(v.begin).date())
            for v in per_orgaan[a.orgaan_id]
            if timezone.localtime(v.begin).date() >= a.begindatum
        ]
        for a in terug
    }


def _ontbrekend(regio, momenten):
    """{moment key: titles of the region's running opgaven without a report over its period} (two queries)."""
    if not momenten:
        return {}
    opgaven = list(voortgang_over(regio, min(m.begin for m in momenten), max(m.eind for m in momenten)))
    return {
        m.sleutel: [
            o.titel for o in opgaven if not any(m.begin <= r.periode_eind <= m.eind for r in o.rapporten)
        ]
        for m in momenten
    }


def stand_van(afspraken, vandaag=None, *, ontbrekend_in=None):
    """The `Stand` of each agreement; with `ontbrekend_in` (the region of all of them) also the missing input of the
    items in their warning window. A fixed number of queries, whatever the number of agreements, councils and items."""
    vandaag = vandaag or timezone.localdate()
    afspraken = list(afspraken)
    vergaderingen = _vergaderingmomenten(afspraken)
    standen = []
    for afspraak in afspraken:
        stand = Stand(afspraak)
        if afspraak.frequentie == Frequentie.NA_VERGADERING:
            stand.te_versturen = [m for m in vergaderingen[afspraak.pk] if m.verzenddatum <= vandaag]
        else:
            laatste, stand.volgende = kalender.laatste_en_volgende(
                afspraak.frequentie, afspraak.dag, afspraak.maand, vandaag, afspraak.begindatum
            )
            stand.te_versturen = [laatste] if laatste else []
        standen.append(stand)
    sleutels = {m.sleutel for s in standen for m in s.te_versturen}
    if sleutels:
        for afspraak_id, periode, aantal in (
            Informatiezending.objects.filter(afspraak__in=[a.pk for a in afspraken], periode__in=sleutels)
            .values_list("afspraak", "periode")
            .annotate(aantal=Count("pk"))
        ):
            for stand in standen:
                if stand.afspraak.pk == afspraak_id:
                    stand.verzonden[periode] = aantal
    if ontbrekend_in is not None:
        te_controleren = [
            (stand, moment)
            for stand in standen
            if stand.afspraak.actief and stand.afspraak.soort in OPGAVE_SOORTEN
            for moment in [*stand.te_versturen, *([stand.volgende] if stand.volgende else [])]
            if moment.waarschuwen(vandaag) and not stand.verzonden.get(moment.sleutel)
        ]
        ontbrekend = _ontbrekend(ontbrekend_in, [moment for _stand, moment in te_controleren])
        for stand, moment in te_controleren:
            stand.ontbrekend[moment.sleutel] = ontbrekend[moment.sleutel]
    return standen


ROLLEN = {
    Ontvangers.SECRETARIS: {Rol.SECRETARIS},
    Ontvangers.LEDEN: set(Rol.values) - {Rol.SECRETARIS},
    Ontvangers.ALLEN: set(Rol.values),
}


def ontvangers_per_raad(besturen, keuze, day=None):
    """{bestuur id: recipients} for an item to these councils (RAADSORGANEN): per person once, their active account
    or else `Adres` at their own address, narrowed to the secretary, the members or both (`keuze`, `Ontvangers`).
    People with neither account nor address are left out (one query)."""
    seats = (
        current_seats(soorten=RAADSORGANEN, rollen=ROLLEN[keuze], day=day)
        .filter(orgaan__bestuur__in=besturen)
        .select_related("persoon__user", "orgaan")
        .order_by("pk")
    )
    per_raad, gezien = defaultdict(list), set()
    for seat in seats:
        bestuur_id, persoon = seat.orgaan.bestuur_id, seat.persoon
        if (bestuur_id, persoon.pk) in gezien:
            continue
        gezien.add((bestuur_id, persoon.pk))
        user = persoon.user
        if user is not None and user.is_active:
            per_raad[bestuur_id].append(user)
        elif user is None and persoon.email:
            per_raad[bestuur_id].append(Adres(str(persoon), persoon.email))
    return per_raad


def raden_van(regio, day=None):
    """The region's current members (their councils receive the items), by name (one query)."""
    return list(current_members(regio, day))


def raden_met_zendingen(regio, day=None):
    """The region's current members, each with the number of items its council received under this region's
    protocol and the last time (one query)."""
    in_regio = Q(informatiezendingen__afspraak__regio=regio)
    return current_members(regio, day).annotate(
        aantal_zendingen=Count("informatiezendingen", filter=in_regio),
        laatst_ontvangen=Max("informatiezendingen__verzonden_op", filter=in_regio),
    )


def zendingen_aan(bestuur, regio):
    """What the council of `bestuur` received under the region's protocol, newest first (a queryset to page)."""
    return (
        Informatiezending.objects.filter(bestuur=bestuur, afspraak__regio=regio)
        .select_related("afspraak")
        .order_by("-verzonden_op", "-pk")
    )
