"""Planning days: the day, its blocks and work sessions (the organiser's), invitations with a personal link,
registration with waiting lists, the output of each session after the day, and their mail.

One module per topic; every name lives here too, so `services.register(...)` reads as before:

- dag: the day, blocks, sessions, working documents, the output (opbrengst) of a session
- uitnodigingen: inviting people of the member governments, with or without an account
- inschrijven: registering (logged in, for someone else, or through an invitation) and cancelling
- wachtlijst: free seats to the waiting list
- berichten: the mail (through `regioportaal.meldingen`) and the calendar event
- tokens: the signed personal links
"""

from .berichten import (
    _datum,
    _tijdstip,
    bijeenkomst_event,
    ics_link,
    inschrijving_ics,
    send_bevestiging_mail,
    send_opgeschoven_mail,
    send_uitnodiging,
    uitnodiging_link,
)
from .dag import (
    BIJEENKOMST_EDITABLE,
    BIJEENKOMST_FIELDS,
    BLOK_FIELDS,
    WERKSESSIE_FIELDS,
    _require_organise,
    add_blok,
    add_werkdocument,
    add_werksessie,
    create_bijeenkomst,
    record_opbrengst,
    remove_blok,
    remove_werkdocument,
    remove_werksessie,
    update_bijeenkomst,
    update_blok,
    update_werksessie,
)
from .inschrijven import (
    _check_sessies,
    bestuur_van,
    cancel_inschrijving,
    cancel_uitnodiging_inschrijving,
    inschrijving_van,
    register,
    register_uitnodiging,
)
from .tokens import ics_token, inschrijving_van_ics, uitnodiging_token, uitnodiging_van
from .uitnodigingen import invite
from .wachtlijst import _bevestigd, _fill_from_wachtlijst

__all__ = [
    "BIJEENKOMST_EDITABLE",
    "BIJEENKOMST_FIELDS",
    "BLOK_FIELDS",
    "WERKSESSIE_FIELDS",
    "_bevestigd",
    "_check_sessies",
    "_datum",
    "_fill_from_wachtlijst",
    "_require_organise",
    "_tijdstip",
    "add_blok",
    "add_werkdocument",
    "add_werksessie",
    "bestuur_van",
    "bijeenkomst_event",
    "cancel_inschrijving",
    "cancel_uitnodiging_inschrijving",
    "create_bijeenkomst",
    "ics_link",
    "ics_token",
    "inschrijving_ics",
    "inschrijving_van",
    "inschrijving_van_ics",
    "invite",
    "record_opbrengst",
    "register",
    "register_uitnodiging",
    "remove_blok",
    "remove_werkdocument",
    "remove_werksessie",
    "send_bevestiging_mail",
    "send_opgeschoven_mail",
    "send_uitnodiging",
    "uitnodiging_link",
    "uitnodiging_token",
    "uitnodiging_van",
    "update_bijeenkomst",
    "update_blok",
    "update_werksessie",
]
