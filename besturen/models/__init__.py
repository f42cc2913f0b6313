"""Regions, member governments, bodies, people, external parties and memberships.

One module per topic; every model lives here too (`besturen.models.Orgaan`), and the app label stays `besturen`:

- regios: regions, member governments, population figures, region memberships (Deelname) and `Periode`
- organen: bodies, people, external parties and seats (Lidmaatschap) with their roles
- stukken: items a body shares and the comments on them
- rechten: the object permission tables (django-guardian)
- fusies: mergers of governments (`Fusie`) and their predecessors
"""

from .fusies import Fusie, Fusievoorganger
from .organen import (
    RAADSORGANEN,
    ExternePartij,
    Lidmaatschap,
    Orgaan,
    OrgaanSoort,
    PartijSoort,
    Persoon,
    Rol,
)
from .rechten import (
    OrgaanGroupObjectPermission,
    OrgaanUserObjectPermission,
    RegioGroupObjectPermission,
    RegioUserObjectPermission,
)
from .regios import (
    BRON_ONBEKEND,
    Bestuur,
    BestuurSoort,
    Bevolkingscijfer,
    CurrentQuerySet,
    Deelname,
    Land,
    Periode,
    Rechtsvorm,
    Regio,
    current_q,
    current_sql,
    einde_na_begin,
)
from .stukken import Reactie, Stuk, Zichtbaarheid

__all__ = [
    "BRON_ONBEKEND",
    "RAADSORGANEN",
    "Bestuur",
    "BestuurSoort",
    "Bevolkingscijfer",
    "CurrentQuerySet",
    "Deelname",
    "ExternePartij",
    "Fusie",
    "Fusievoorganger",
    "Land",
    "Lidmaatschap",
    "Orgaan",
    "OrgaanGroupObjectPermission",
    "OrgaanSoort",
    "OrgaanUserObjectPermission",
    "PartijSoort",
    "Periode",
    "Persoon",
    "Reactie",
    "Rechtsvorm",
    "Regio",
    "RegioGroupObjectPermission",
    "RegioUserObjectPermission",
    "Rol",
    "Stuk",
    "Zichtbaarheid",
    "current_q",
    "current_sql",
    "einde_na_begin",
]
