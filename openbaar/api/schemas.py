"""The API's response schemas (pydantic, through django-ninja): they are the OpenAPI document's components.

Amounts are decimal strings in euro ("1234.56"): exact, as stored. Dates are ISO 8601.
"""

import datetime

from ninja import Schema
from pydantic import Field

from regioportaal.links import absolute_url


def _pagina(obj):
    return absolute_url(obj.get_absolute_url())


class Probleem(Schema):
    """An error (RFC 9457 problem details)."""

    type: str
    title: str
    status: int
    detail: str
    instance: str | None = None


class RegioOut(Schema):
    slug: str
    naam: str
    land: str = Field(description="BE of NL")
    rechtsvorm: str
    beschrijving: str
    aantal_leden: int = Field(description="Aantal huidige leden (besturen).")
    inwoners: int | None = Field(description="Inwoners van de huidige leden samen.")
    pagina: str

    @staticmethod
    def resolve_pagina(obj):
        return _pagina(obj)


class BestuurOut(Schema):
    id: int
    naam: str
    soort: str
    code: str = Field(description="NIS-code (België) of CBS-code (Nederland).")
    codelijst: str = Field(description="NIS of CBS")
    land: str
    provincie: str
    inwoners: int | None
    inwoners_peildatum: datetime.date | None
    inwoners_bron: str
    pagina: str

    @staticmethod
    def resolve_codelijst(obj):
        return "NIS" if obj.land == "BE" else "CBS"

    @staticmethod
    def resolve_pagina(obj):
        return _pagina(obj)


class OrgaanOut(Schema):
    id: int
    naam: str
    afkorting: str
    soort: str
    regio: str | None = Field(description="Slug van de regio (een regionaal orgaan).")
    bestuur_id: int | None = Field(description="Het bestuur (een orgaan van een gemeente).")
    aantal_leden: int
    pagina: str

    @staticmethod
    def resolve_regio(obj):
        return obj.regio.slug if obj.regio_id else None

    @staticmethod
    def resolve_pagina(obj):
        return _pagina(obj)


class ZetelOut(Schema):
    """A current seat in a body: who holds it, in which role, for whom, since when (never an e-mail address)."""

    id: int
    orgaan_id: int
    orgaan: str
    houder: str = Field(description="Naam van de persoon, of van de externe partij die zelf de zetel heeft.")
    persoon_id: int | None
    rol: str
    namens: str | None = Field(description="Het bestuur of de externe partij namens wie de persoon zetelt.")
    namens_bestuur_id: int | None
    externe_partij: str | None
    sinds: datetime.date
    tot: datetime.date | None = Field(description="Eerste dag dat de zetel niet meer telt (leeg: open).")

    @staticmethod
    def resolve_orgaan(obj):
        return obj.orgaan.naam

    @staticmethod
    def resolve_houder(obj):
        return str(obj.houder)

    @staticmethod
    def resolve_namens(obj):
        achterban = obj.achterban
        return str(achterban) if achterban is not None else None

    @staticmethod
    def resolve_namens_bestuur_id(obj):
        return obj.namens_id

    @staticmethod
    def resolve_externe_partij(obj):
        return obj.externe_partij.naam if obj.externe_partij_id else None

    @staticmethod
    def resolve_sinds(obj):
        return obj.begindatum

    @staticmethod
    def resolve_tot(obj):
        return obj.einddatum


class VergaderingOut(Schema):
    id: int
    orgaan_id: int
    orgaan: str
    begin: datetime.datetime
    einde: datetime.datetime
    locatie: str
    status: str
    agenda_gepubliceerd_op: datetime.datetime | None
    geannuleerd: bool
    reden_annulering: str
    pagina: str

    @staticmethod
    def resolve_orgaan(obj):
        return obj.orgaan.naam

    @staticmethod
    def resolve_pagina(obj):
        return _pagina(obj)


class AgendapuntOut(Schema):
    id: int
    vergadering_id: int
    volgnummer: int
    titel: str
    toelichting: str
    addendum: bool
    ingetrokken: bool
    reden_intrekking: str
    besluit_id: int | None

    @staticmethod
    def resolve_besluit_id(obj):
        besluit = getattr(obj, "besluit", None)
        return besluit.pk if besluit is not None else None


class StemOut(Schema):
    naam: str
    keuze: str

    @staticmethod
    def resolve_naam(obj):
        return str(obj.lidmaatschap.houder)


class StemmingOut(Schema):
    voor: int
    tegen: int
    onthouding: int
    stemmen: list[StemOut] = Field(description="De stem van elk lid, als die is vastgelegd.")

    @staticmethod
    def resolve_stemmen(obj):
        return list(obj.stemmen.all())


class BesluitOut(Schema):
    id: int
    agendapunt_id: int
    vergadering_id: int
    titel: str
    uitkomst: str
    tekst: str
    behandeling: str
    vastgelegd_op: datetime.datetime
    stemming: StemmingOut | None

    @staticmethod
    def resolve_vergadering_id(obj):
        return obj.agendapunt.vergadering_id

    @staticmethod
    def resolve_titel(obj):
        return obj.agendapunt.titel

    @staticmethod
    def resolve_stemming(obj):
        return getattr(obj, "stemming", None)


class OpgaveOut(Schema):
    id: int
    regio: str
    titel: str
    samenvatting: str
    doel: str
    resultaat: str
    status: str
    begin_jaar: int | None
    eind_jaar: int | None
    pagina: str

    @staticmethod
    def resolve_regio(obj):
        return obj.regio.slug

    @staticmethod
    def resolve_pagina(obj):
        return _pagina(obj)


class VersieOut(Schema):
    """A public programme version and where it stands."""

    id: int
    regio: str
    jaar: int
    soort: str
    programma: str
    nummer: int
    status: str
    ingediend_op: datetime.date | None
    vastgesteld_op: datetime.date | None
    voorgelegd_op: datetime.date | None
    deadline: datetime.date | None
    teruggestuurd_op: datetime.date | None
    bevroren: bool = Field(description="De cijfers zijn vastgelegd: de verdeling staat vast.")
    pagina: str

    @staticmethod
    def resolve_regio(obj):
        return obj.jaarprogramma.regio.slug

    @staticmethod
    def resolve_jaar(obj):
        return obj.jaarprogramma.jaar

    @staticmethod
    def resolve_soort(obj):
        return obj.jaarprogramma.soort

    @staticmethod
    def resolve_programma(obj):
        return str(obj.jaarprogramma)

    @staticmethod
    def resolve_bevroren(obj):
        return obj.bevroren

    @staticmethod
    def resolve_pagina(obj):
        return _pagina(obj)


class RegelOut(Schema):
    id: int
    opgave: str
    bedrag: str


class AandeelOut(Schema):
    regel_id: int
    bedrag: str


class LidVerdelingOut(Schema):
    bestuur_id: int
    naam: str
    code: str
    inwoners: int | None = Field(description="Het inwonertal waarmee verdeeld is (vastgelegd).")
    peildatum: datetime.date | None
    bron: str
    totaal: str
    aandelen: list[AandeelOut]


class VerdelingOut(Schema):
    """The stored split of an adopted or routed version: the figures it was decided on, never recomputed."""

    versie_id: int
    bevroren_op: datetime.datetime
    totaal: str
    regels: list[RegelOut]
    leden: list[LidVerdelingOut]
