"""Writes in opgaven: strategy, opgaven and their parts, status transitions, mandates, commitments, progress,
portfolio holders.

Each service checks the actor's permission first (the app's policies), runs in one transaction and writes an
action-log entry. One module per topic; callers import `opgaven.services`:

- strategie: mission and vision; values, goals and themes (add, change, reorder, archive), their opgaven
- opgaven: an opgave, its parts, status, synergy, mandates, commitments and progress
- portefeuilles: portfolio holders of a theme or an opgave
"""

from .opgaven import (
    OPDRACHTGEVER_ORGANEN,
    OPGAVE_FIELDS,
    add_budgetregel,
    add_capaciteit,
    add_indicator,
    change_status,
    create_opgave,
    grant_mandaat,
    koppelingen,
    link_synergie,
    ontbrekende_onderdelen,
    record_verplichting,
    report_voortgang,
    resterend_budget,
    update_opgave,
)
from .portefeuilles import add_portefeuillehouder, end_portefeuillehouder
from .strategie import (
    ONDERDEEL_VELDEN,
    add_doelstelling,
    add_thema,
    add_waarde,
    archive_onderdeel,
    broers,
    link_opgaven,
    move_onderdeel,
    save_strategie,
    update_onderdeel,
    volgorde_veld,
)

__all__ = [
    "ONDERDEEL_VELDEN",
    "OPDRACHTGEVER_ORGANEN",
    "OPGAVE_FIELDS",
    "add_budgetregel",
    "add_capaciteit",
    "add_doelstelling",
    "add_indicator",
    "add_portefeuillehouder",
    "add_thema",
    "add_waarde",
    "archive_onderdeel",
    "broers",
    "change_status",
    "create_opgave",
    "end_portefeuillehouder",
    "grant_mandaat",
    "koppelingen",
    "link_opgaven",
    "link_synergie",
    "move_onderdeel",
    "ontbrekende_onderdelen",
    "record_verplichting",
    "report_voortgang",
    "resterend_budget",
    "save_strategie",
    "update_onderdeel",
    "update_opgave",
    "volgorde_veld",
]
