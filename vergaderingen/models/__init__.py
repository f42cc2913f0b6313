"""Meetings of the bodies (agenda, decisions, votes, minutes) and the regions' planning days.

OSLO: Vergadering = Zitting, Agendapunt, Besluit, Stemming. A Bijeenkomst is a planning day of a region (e.g.
Rivierenland's STRATEGIO) with blocks, thematic work sessions and registrations.

One module per topic; every name lives here too, so `from vergaderingen.models import Vergadering` reads as before
(and the migrations' `vergaderingen.models.nieuw_token`, `document_pad` and `agenda_pdf_pad` still resolve):

- vergadering: meetings, attendance, agenda items, decisions and votes
- bijeenkomst: planning days, blocks, work sessions, invitations, registrations and session choices
- documenten: the uploaded files of an agenda item or a work session
- kalender: the token of a user's personal calendar URL
"""

from .bijeenkomst import (
    Bijeenkomst,
    Blok,
    BlokSoort,
    Inschrijving,
    KeuzeStatus,
    Sessiekeuze,
    Uitnodiging,
    Werksessie,
)
from .documenten import Document, DocumentSoort, document_pad
from .kalender import KalenderToken, hash_token, nieuw_token
from .vergadering import (
    GEPUBLICEERDE_STATUSSEN,
    OP_DE_AGENDA,
    Aanwezigheid,
    Aanwezigheidsstatus,
    Agendapunt,
    AgendapuntStatus,
    Besluit,
    Besluituitkomst,
    Keuze,
    Stem,
    Stemming,
    Vergadering,
    VergaderingStatus,
    agenda_pdf_pad,
    gepubliceerd_q,
    gepubliceerd_sql,
)

__all__ = [
    "GEPUBLICEERDE_STATUSSEN",
    "OP_DE_AGENDA",
    "Aanwezigheid",
    "Aanwezigheidsstatus",
    "Agendapunt",
    "AgendapuntStatus",
    "Besluit",
    "Bijeenkomst",
    "Blok",
    "BlokSoort",
    "Document",
    "DocumentSoort",
    "Inschrijving",
    "KalenderToken",
    "Keuze",
    "KeuzeStatus",
    "Sessiekeuze",
    "Stem",
    "Stemming",
    "Besluituitkomst",
    "Uitnodiging",
    "Vergadering",
    "VergaderingStatus",
    "Werksessie",
    "agenda_pdf_pad",
    "document_pad",
    "gepubliceerd_q",
    "gepubliceerd_sql",
    "hash_token",
    "nieuw_token",
]
