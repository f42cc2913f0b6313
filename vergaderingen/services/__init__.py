"""Writes in vergaderingen: meetings, agendas, decisions, minutes, notifications and planning-day registrations.

Each service runs in one transaction, checks the actor first (NotAllowed), refuses what the state does not allow
(ValidationError with a message for the user), writes an action-log entry and queues its mail and PDFs with
the outbox (`regioportaal.outbox.enqueue`). The system (demo, Celery) acts with door=None.

One module per topic; every name lives here too, so `services.plan_vergadering(...)` reads as before:

- vergadering: meetings and their workflow (plan, move, publish, close, minutes)
- agenda: items, proposals, documents, numbering, the agenda PDF
- besluiten: attendance, decisions and votes, the programme coupling
- meldingen: notification preference and the published-agenda notice
- kalender: the calendar token and meeting events
- bijeenkomsten: planning days, registrations, waiting lists and their mails
"""

from ..policies import inschrijving_open
from ..selectors import volgende_vergadering
from ._gedeeld import _create, _lock, _scope, _store_document
from .agenda import (
    AGENDAPUNT_EDITABLE,
    AGENDAPUNT_FIELDS,
    RENUMBER_OFFSET,
    _check_opgave,
    _genummerd,
    _next_number,
    _queue_pdf,
    _renumber,
    accept_voorstel,
    add_agendapunt,
    add_document,
    decline_voorstel,
    make_agenda_pdf,
    move_agendapunt,
    move_to_next_vergadering,
    propose_agendapunt,
    update_agendapunt,
)
from .besluiten import (
    BESLUIT_FIELDS,
    _besluit_over_programma,
    _zetels,
    put_programmaversie_on_agenda,
    record_aanwezigheid,
    record_besluit,
)
from .bijeenkomsten import (
    BIJEENKOMST_FIELDS,
    _bevestigd,
    _check_sessies,
    _datum,
    _fill_from_wachtlijst,
    _require_organise,
    _tijdstip,
    add_blok,
    add_werkdocument,
    add_werksessie,
    bestuur_van,
    bijeenkomst_event,
    cancel_inschrijving,
    create_bijeenkomst,
    register,
    send_bevestiging_mail,
    send_opgeschoven_mail,
)
from .kalender import kalendertoken, renew_kalendertoken, vergadering_event
from .meldingen import MELDING_KEUZES, _notify_agenda, set_notificatievoorkeur
from .vergadering import (
    VERGADERING_FIELDS,
    _check_plaats,
    _put_notulen_on_agenda,
    _transition,
    approve_notulen,
    close_vergadering,
    plan_vergadering,
    publish_agenda,
    save_notulen,
    update_vergadering,
)

__all__ = [
    "AGENDAPUNT_EDITABLE",
    "AGENDAPUNT_FIELDS",
    "BESLUIT_FIELDS",
    "BIJEENKOMST_FIELDS",
    "MELDING_KEUZES",
    "RENUMBER_OFFSET",
    "VERGADERING_FIELDS",
    "_besluit_over_programma",
    "_bevestigd",
    "_check_opgave",
    "_check_plaats",
    "_check_sessies",
    "_create",
    "_datum",
    "_fill_from_wachtlijst",
    "_genummerd",
    "_lock",
    "_next_number",
    "_notify_agenda",
    "_put_notulen_on_agenda",
    "_queue_pdf",
    "_renumber",
    "_require_organise",
    "_scope",
    "_store_document",
    "_tijdstip",
    "_transition",
    "_zetels",
    "accept_voorstel",
    "add_agendapunt",
    "add_blok",
    "add_document",
    "add_werkdocument",
    "add_werksessie",
    "approve_notulen",
    "bestuur_van",
    "bijeenkomst_event",
    "cancel_inschrijving",
    "close_vergadering",
    "create_bijeenkomst",
    "decline_voorstel",
    "inschrijving_open",
    "kalendertoken",
    "make_agenda_pdf",
    "move_agendapunt",
    "move_to_next_vergadering",
    "plan_vergadering",
    "propose_agendapunt",
    "publish_agenda",
    "put_programmaversie_on_agenda",
    "record_aanwezigheid",
    "record_besluit",
    "register",
    "renew_kalendertoken",
    "save_notulen",
    "send_bevestiging_mail",
    "send_opgeschoven_mail",
    "set_notificatievoorkeur",
    "update_agendapunt",
    "update_vergadering",
    "vergadering_event",
    "volgende_vergadering",
]
