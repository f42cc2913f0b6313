"""What the search table holds per kind of object, and keeping it current.

Who may find a row is decided here once, by the lower apps' own rules asked for the anonymous visitor
(`can_view_vergadering`, `can_view_agendapunt`, `can_view_opgave`, `can_view_versie`): what they show the public is
`openbaar`; the rest is found only by the people `selectors.zichtbaar_q` names.
"""

from django.contrib.auth.models import AnonymousUser
from django.contrib.postgres.search import SearchVector
from django.db import connection, transaction
from django.urls import reverse
from django.utils import translation
from django.utils.formats import date_format

from besturen.models import Bestuur, Lidmaatschap, Orgaan, Persoon, Regio
from openbaar.models import ZOEKCONFIG, Zoekitem, Zoeksoort
from opgaven.models import Opgave
from opgaven.permissions import can_view_opgave
from programmas.models import Versie
from programmas.permissions import can_view_versie
from regioportaal.limieten import TEKST_MAX
from vergaderingen.models import Agendapunt, Besluit, Vergadering
from vergaderingen.permissions import can_view_agendapunt, can_view_vergadering

CHUNK = 500
PUBLIEK = AnonymousUser()


def _tekst(*delen):
    return "\n".join(str(deel) for deel in delen if deel)[:TEKST_MAX]


def _datum_woorden(dag):
    """'5 maart 2013': the date as people type it, so "Drechtraad 2013" or "maart 2013" finds the meeting."""
    if dag is None:
        return ""
    with translation.override("nl"):
        return date_format(dag, "j F Y")


def _vergadering_tekst(vergadering):
    orgaan = vergadering.orgaan
    return (
        orgaan.naam,
        orgaan.afkorting,
        orgaan.regio.naam if orgaan.regio_id else "",
        _datum_woorden(vergadering.begin.date()),
        vergadering.locatie,
    )


def _regio(regio):
    return Zoekitem(
        titel=regio.naam,
        tekst=_tekst(regio.beschrijving),
        url=regio.get_absolute_url(),
        regio=regio,
        openbaar=True,
    )


def _bestuur(bestuur):
    return Zoekitem(
        titel=bestuur.naam,
        tekst=_tekst(bestuur.get_soort_display(), bestuur.provincie),
        url=bestuur.get_absolute_url(),
        openbaar=True,
    )


def _orgaan(orgaan):
    ouder = orgaan.regio or orgaan.bestuur
    return Zoekitem(
        titel=orgaan.naam,
        tekst=_tekst(
            orgaan.afkorting, orgaan.get_soort_display(), ouder.naam if ouder else "", orgaan.beschrijving
        ),
        url=orgaan.get_absolute_url(),
        regio=orgaan.regio,
        orgaan=orgaan,
        openbaar=True,
    )


def _persoon(persoon):
    """A person in a public role: their current seats (name, role, body, on behalf of). Never the e-mail address;
    a person without a current seat is not found."""
    zetels = [zetel for zetel in persoon.lidmaatschappen.all() if zetel.is_current()]
    if not zetels:
        return None
    eerste = zetels[0]
    return Zoekitem(
        titel=str(persoon),
        tekst=_tekst(
            *(
                f"{zetel.get_rol_display()}, {zetel.orgaan.naam}"
                + (f" ({zetel.namens.naam})" if zetel.namens else "")
                for zetel in zetels
            )
        ),
        url=eerste.orgaan.get_absolute_url(),
        regio=eerste.orgaan.regio,
        orgaan=eerste.orgaan,
        openbaar=True,
    )


def _vergadering(vergadering):
    return Zoekitem(
        titel=f"{vergadering.orgaan.naam}, {_datum_woorden(vergadering.begin.date())}",
        tekst=_tekst(*_vergadering_tekst(vergadering)),
        url=vergadering.get_absolute_url(),
        regio=vergadering.orgaan.regio,
        orgaan=vergadering.orgaan,
        datum=vergadering.begin.date(),
        openbaar=can_view_vergadering(PUBLIEK, vergadering),
    )


def _agendapunt(punt):
    vergadering = punt.vergadering
    return Zoekitem(
        titel=punt.titel,
        tekst=_tekst(punt.toelichting, *_vergadering_tekst(vergadering)),
        url=f"{vergadering.get_absolute_url()}#punt-{punt.pk}",
        regio=vergadering.orgaan.regio,
        orgaan=vergadering.orgaan,
        datum=vergadering.begin.date(),
        openbaar=can_view_agendapunt(PUBLIEK, punt, lid=False),
    )


def _besluit(besluit):
    punt = besluit.agendapunt
    vergadering = punt.vergadering
    return Zoekitem(
        titel=f"{besluit.get_uitkomst_display().capitalize()}: {punt.titel}",
        tekst=_tekst(besluit.tekst, besluit.behandeling, *_vergadering_tekst(vergadering)),
        url=f"{vergadering.get_absolute_url()}#punt-{punt.pk}",
        regio=vergadering.orgaan.regio,
        orgaan=vergadering.orgaan,
        datum=vergadering.begin.date(),
        openbaar=can_view_agendapunt(PUBLIEK, punt, lid=False),
    )


def _opgave(opgave):
    return Zoekitem(
        titel=opgave.titel,
        tekst=_tekst(opgave.samenvatting, opgave.doel, opgave.resultaat, opgave.partners, opgave.regio.naam),
        url=opgave.get_absolute_url(),
        regio=opgave.regio,
        openbaar=can_view_opgave(PUBLIEK, opgave),
    )


def _versie(versie):
    regio = versie.jaarprogramma.regio
    return Zoekitem(
        titel=str(versie),
        tekst=_tekst(versie.get_status_display(), versie.toelichting, versie.besluit_referentie, regio.naam),
        url=reverse("programmas:versie", kwargs={"pk": versie.pk}),
        regio=regio,
        datum=versie.vastgesteld_op or versie.ingediend_op,
        openbaar=can_view_versie(PUBLIEK, versie),
    )


# Per kind: the rows to read (shaped so that building one item asks no further query) and the builder.
SOORTEN = {
    Zoeksoort.REGIO: (lambda: Regio.objects.all(), _regio),
    Zoeksoort.BESTUUR: (lambda: Bestuur.objects.all(), _bestuur),
    Zoeksoort.ORGAAN: (lambda: Orgaan.objects.select_related("regio", "bestuur"), _orgaan),
    Zoeksoort.PERSOON: (
        lambda: (
            Persoon.objects.filter(lidmaatschappen__in=Lidmaatschap.objects.current())
            .distinct()
            .prefetch_related("lidmaatschappen__orgaan__regio", "lidmaatschappen__namens")
        ),
        _persoon,
    ),
    Zoeksoort.VERGADERING: (lambda: Vergadering.objects.select_related("orgaan__regio"), _vergadering),
    Zoeksoort.AGENDAPUNT: (
        lambda: Agendapunt.objects.select_related("vergadering__orgaan__regio"),
        _agendapunt,
    ),
    Zoeksoort.BESLUIT: (
        lambda: Besluit.objects.select_related("agendapunt__vergadering__orgaan__regio"),
        _besluit,
    ),
    Zoeksoort.OPGAVE: (lambda: Opgave.objects.select_related("regio"), _opgave),
    Zoeksoort.PROGRAMMAVERSIE: (lambda: Versie.objects.select_related("jaarprogramma__regio"), _versie),
}


def _item(soort, obj):
    item = SOORTEN[soort][1](obj)
    if item is not None:
        item.soort = soort
        item.object_id = obj.pk
    return item


def _update_vectors(items):
    """PostgreSQL: the vector of `items` (a queryset), title weighted above text, in one UPDATE."""
    if connection.vendor != "postgresql":
        return
    items.update(
        zoekvector=SearchVector("titel", weight="A", config=ZOEKCONFIG)
        + SearchVector("tekst", weight="B", config=ZOEKCONFIG)
    )


def index(soort, object_id):
    """(Re)index one object: its row replaced by what it is now, or removed when it is gone or not findable."""
    obj = SOORTEN[soort][0]().filter(pk=object_id).first()
    item = _item(soort, obj) if obj is not None else None
    with transaction.atomic():
        Zoekitem.objects.filter(soort=soort, object_id=object_id).delete()
        if item is not None:
            item.save()
            _update_vectors(Zoekitem.objects.filter(pk=item.pk))


def reindex_all(soorten=None):
    """Rebuild the table (or the rows of `soorten` only), kind by kind in chunks (flat memory); returns the number
    of rows per kind."""
    soorten = list(SOORTEN) if soorten is None else list(soorten)
    aantallen = {}
    with transaction.atomic():
        Zoekitem.objects.filter(soort__in=soorten).delete()
        for soort in soorten:
            rows = SOORTEN[soort][0]
            batch, aantal = [], 0
            for obj in rows().order_by("pk").iterator(chunk_size=CHUNK):
                item = _item(soort, obj)
                if item is not None:
                    batch.append(item)
                if len(batch) >= CHUNK:
                    aantal += len(Zoekitem.objects.bulk_create(batch))
                    batch = []
            aantal += len(Zoekitem.objects.bulk_create(batch))
            aantallen[soort] = aantal
        _update_vectors(Zoekitem.objects.filter(soort__in=soorten))
    return aantallen
