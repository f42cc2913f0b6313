"""Pages of the annual programme, one module per page family; the names urls.py and the tests use live here too.

- overzicht: a region's programmes and one year's programme
- versie: a version with its cost split and chart, and the workflow steps on it
- regels: the lines of a concept version
- vergelijk: two versions side by side
- raden: the status board, a council's decision, its deadline and the answer to its view, documents, public status
- vragen: the council member's page and the questions on a version
- exports: the split as CSV and Excel
- pakketten: a member council's review packet
- kalender: a region's P&C calendar and its iCalendar feed
- regeling: the region's programme settings
"""

from ._gedeeld import LoginFirstMixin, S, _messages_of, _versie_or_404
from .exports import (
    VerdelingCsvView,
    VerdelingXlsxView,
    _bestandsnaam,
    _export_rijen,
    _zip_met_vaste_tijd,
)
from .kalender import PcKalenderFeedView, PcKalenderNuView, PcKalenderView
from .overzicht import JaarprogrammaView, OverzichtView
from .pakketten import ReviewpakketDownloadView, ReviewpakketView
from .raden import (
    DocumentView,
    RaadDeadlineView,
    RaadsbesluitView,
    StatusbordView,
    StatusView,
    ZienswijzeAntwoordView,
)
from .regeling import RegelingView
from .regels import RegelToevoegenView, RegelVerwijderenView, RegelView
from .vergelijk import VergelijkView
from .versie import ACTIE_FORMULIEREN, STAPPEN, VersieActieView, VersieView, _acties, _grafiek
from .vragen import MijnGemeenteView, VraagAntwoordView, VragenView

__all__ = [
    "ACTIE_FORMULIEREN",
    "DocumentView",
    "JaarprogrammaView",
    "LoginFirstMixin",
    "MijnGemeenteView",
    "OverzichtView",
    "PcKalenderFeedView",
    "PcKalenderNuView",
    "PcKalenderView",
    "RaadDeadlineView",
    "RaadsbesluitView",
    "RegelToevoegenView",
    "RegelVerwijderenView",
    "RegelView",
    "RegelingView",
    "ReviewpakketDownloadView",
    "ReviewpakketView",
    "S",
    "STAPPEN",
    "StatusView",
    "StatusbordView",
    "VerdelingCsvView",
    "VerdelingXlsxView",
    "VergelijkView",
    "VersieActieView",
    "VersieView",
    "VraagAntwoordView",
    "VragenView",
    "ZienswijzeAntwoordView",
    "_acties",
    "_bestandsnaam",
    "_export_rijen",
    "_grafiek",
    "_messages_of",
    "_versie_or_404",
    "_zip_met_vaste_tijd",
]
