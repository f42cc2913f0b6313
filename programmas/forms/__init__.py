"""Forms of the programme pages; they validate input, the services decide and write.

- versie: the forms of a programme, its versions and lines, the councils' decisions and the questions
- kalender: a step of the P&C calendar, a programme's own route and meeting date
- regeling: the region's programme settings (shares entered as percentages)
"""

from .kalender import ProgrammaInstellingForm, StapForm
from .regeling import FRACTIE_STAP, HONDERD, ProcentField, RegelingForm, naar_fractie, naar_procent
from .versie import (
    AntwoordForm,
    DateInput,
    DraftForm,
    GsVerzendingForm,
    NieuweRegelForm,
    NieuweVersieForm,
    RaadDeadlineForm,
    RaadsbesluitForm,
    RegelForm,
    TerugsturenForm,
    VaststellenForm,
    VergelijkForm,
    VoorleggenForm,
    VraagForm,
    ZienswijzeAntwoordForm,
)

__all__ = [
    "FRACTIE_STAP",
    "HONDERD",
    "AntwoordForm",
    "DateInput",
    "DraftForm",
    "GsVerzendingForm",
    "NieuweRegelForm",
    "NieuweVersieForm",
    "ProcentField",
    "ProgrammaInstellingForm",
    "RaadDeadlineForm",
    "RaadsbesluitForm",
    "RegelForm",
    "RegelingForm",
    "StapForm",
    "TerugsturenForm",
    "VaststellenForm",
    "VergelijkForm",
    "VoorleggenForm",
    "VraagForm",
    "ZienswijzeAntwoordForm",
    "naar_fractie",
    "naar_procent",
]
