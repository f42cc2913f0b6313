"""Pages of meetings (calendar, meeting, agenda builder, decisions, minutes), calendars and planning days.

404 for what a user may not see, 403 for what they may not do on what they can see.

One module per page family; every name urls.py and the tests use lives here too:

- vergadering: a body's calendar, a meeting, publishing and closing it
- agenda: the agenda builder, the actions on an item, editing an item and its documents
- besluiten: attendance and minutes, the decision and vote on an item
- bestanden: document downloads and the agenda PDF
- kalender: the public and the personal calendar feeds, and the page that manages them
- bijeenkomsten: a region's overview, planning days, registration and the organiser's pages
"""

from ._gedeeld import _ManageMixin, _message_from, _vergadering_or_404
from .agenda import AgendaBeheerView, AgendapuntActionView, AgendapuntBewerkenView, _focus
from .besluiten import BesluitView, VerslagView
from .bestanden import AgendaPdfView, DocumentView, _attachment
from .bijeenkomsten import (
    AnnulerenView,
    BijeenkomstView,
    DeelnemersCsvView,
    OverzichtView,
    RegioAgendaView,
    _OrganiserMixin,
)
from .kalender import MijnAgendaView, OrgaanFeedView, PersoonlijkeFeedView, _ics_response
from .vergadering import KalenderView, VergaderingActionView, VergaderingView

__all__ = [
    "AgendaBeheerView",
    "AgendaPdfView",
    "AgendapuntActionView",
    "AgendapuntBewerkenView",
    "AnnulerenView",
    "BesluitView",
    "BijeenkomstView",
    "DeelnemersCsvView",
    "DocumentView",
    "KalenderView",
    "MijnAgendaView",
    "OrgaanFeedView",
    "OverzichtView",
    "PersoonlijkeFeedView",
    "RegioAgendaView",
    "VergaderingActionView",
    "VergaderingView",
    "VerslagView",
    "_ManageMixin",
    "_OrganiserMixin",
    "_attachment",
    "_focus",
    "_ics_response",
    "_message_from",
    "_vergadering_or_404",
]
