"""Writes in besturen: every change to regions, governments, bodies, people and memberships goes through here.

Each service runs in one transaction and records an action-log entry.

One module per topic; every public name lives here too, so `services.add_lidmaatschap(...)` reads as before:

- regios: regions, governments, region memberships (Deelname), bodies, and the region rights that follow them
- leden: people, external parties, their seats (Lidmaatschap) and the role groups that follow them
- stukken: items a body shares and the comments on them
- accounts: login accounts, the platform administrator, invitations
- gemeenten: the writing side of the municipality import (`besturen.imports` reads and checks the file)
"""

from ._gedeeld import (
    BESTUUR_FIELDS,
    EXTERNE_PARTIJ_FIELDS,
    LIDMAATSCHAP_FIELDS,
    ORGAAN_FIELDS,
    PERSOON_FIELDS,
    REGIO_FIELDS,
    regio_scope,
)
from .accounts import create_account, create_platform_admin, invite_persoon, send_uitnodiging_mail
from .gemeenten import IMPORT_BATCH, IMPORT_VELDEN, Correctie, ImportResultaat, import_besturen
from .leden import (
    ROLE_GROUP_PREFIX,
    ConfirmationRequired,
    add_lidmaatschap,
    add_member,
    change_rol,
    create_externe_partij,
    create_persoon,
    end_lidmaatschap,
    is_known_here,
    lock_orgaan,
    record_aanstelling,
    sync_rollen,
    update_persoon,
)
from .regios import (
    add_deelname,
    create_bestuur,
    create_orgaan,
    create_regio,
    end_deelname,
    sync_regio_rechten,
    update_bestuur,
    update_orgaan,
    update_regio,
)
from .stukken import add_reactie, add_stuk

__all__ = [
    "BESTUUR_FIELDS",
    "ConfirmationRequired",
    "Correctie",
    "EXTERNE_PARTIJ_FIELDS",
    "IMPORT_BATCH",
    "IMPORT_VELDEN",
    "ImportResultaat",
    "LIDMAATSCHAP_FIELDS",
    "ORGAAN_FIELDS",
    "PERSOON_FIELDS",
    "REGIO_FIELDS",
    "ROLE_GROUP_PREFIX",
    "add_deelname",
    "add_lidmaatschap",
    "add_member",
    "add_reactie",
    "add_stuk",
    "change_rol",
    "create_account",
    "create_bestuur",
    "create_externe_partij",
    "create_orgaan",
    "create_persoon",
    "create_platform_admin",
    "create_regio",
    "end_deelname",
    "end_lidmaatschap",
    "import_besturen",
    "invite_persoon",
    "is_known_here",
    "lock_orgaan",
    "record_aanstelling",
    "regio_scope",
    "send_uitnodiging_mail",
    "sync_regio_rechten",
    "sync_rollen",
    "update_bestuur",
    "update_orgaan",
    "update_persoon",
    "update_regio",
]
