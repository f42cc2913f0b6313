"""The annual programme: versions, lines, the cost split, the councils' decisions, questions.

One module per topic; every model lives here too (`programmas.models.Versie`), and the app label stays `programmas`:

- programma: the region's arrangement (`Programmaregeling`), the annual programme, its versions and their enums
- regels: a version's lines, fixed contributions and the frozen split per member (`Bijdrage`)
- raden: the councils' decisions, their registrations and the object permissions on them
- vragen: council members' questions
- pakketten: the review packet per version and member council
"""

from .pakketten import PakketStatus, Reviewpakket, pakket_pad
from .programma import (
    EURO,
    FRACTIE,
    AmendementRegel,
    Beslisregel,
    Jaarprogramma,
    Procedure,
    Programmaregeling,
    ProgrammaSoort,
    SleutelSoort,
    Versie,
    VersieStatus,
)
from .raden import (
    Raadsbesluit,
    RaadsbesluitGroupObjectPermission,
    RaadsbesluitUserObjectPermission,
    Registratie,
    Uitkomst,
    besluit_pad,
)
from .regels import Bijdrage, Programmaregel, VasteBijdrage
from .vragen import Vraag

__all__ = [
    "EURO",
    "FRACTIE",
    "AmendementRegel",
    "Beslisregel",
    "Bijdrage",
    "Jaarprogramma",
    "PakketStatus",
    "Procedure",
    "ProgrammaSoort",
    "Programmaregel",
    "Programmaregeling",
    "Raadsbesluit",
    "RaadsbesluitGroupObjectPermission",
    "RaadsbesluitUserObjectPermission",
    "Registratie",
    "Reviewpakket",
    "SleutelSoort",
    "Uitkomst",
    "VasteBijdrage",
    "Versie",
    "VersieStatus",
    "Vraag",
    "besluit_pad",
    "pakket_pad",
]
