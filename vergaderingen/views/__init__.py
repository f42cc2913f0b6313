"""Pages of meetings (calendar, meeting, agenda builder, decisions, minutes), calendars and planning days.

404 for what a user may not see, 403 for what they may not do on what they can see.

One module per page family; every name urls.py and the tests use lives here too:

- vergadering: a body's calendar, a meeting, publishing and closing it, moving and cancelling it
- agenda: the agenda builder, the actions on an item, editing an item and its documents
- besluiten: attendance and minutes, the decision and vote on an item
- bestanden: document downloads and the agenda PDF
- kalender: the public and the personal calendar feeds, and the page that manages them
- meldingen: who received which message about a meeting (its secretariat)
- bijeenkomsten (a package): a region's overview, planning days, registration, invitations, the organiser's
  screens and the outputs
"""

from ._gedeeld import _ManageMixin, _message_from, _vergadering_or_404
from .agenda import AgendaBeheerView, AgendapuntActionView, AgendapuntBewerkenView, _focus
from .besluiten import BesluitView, VerslagView
from .bestanden import AgendaPdfView, DocumentView, _attachment
from .bijeenkomsten import (
    AnnulerenView,
    BijeenkomstBeheerView,
    BijeenkomstBewerkenView,
    BijeenkomstNieuwView,
    BijeenkomstView,
    BlokBewerkenView,
    BlokNieuwView,
    BlokVerwijderenView,
    DeelnemersCsvView,
    InschrijvingIcsView,
    OpbrengstenPdfView,
    OpbrengstenView,
    OpbrengstView,
    OverzichtView,
    RegioAgendaView,
    UitnodigingAnnulerenView,
    UitnodigingenView,
    UitnodigingView,
    WerkdocumentVerwijderenView,
    WerksessieBewerkenView,
    WerksessieNieuwView,
    WerksessieVerwijderenView,
    _OrganiserMixin,
)
from .kalender import MijnAgendaView, OrgaanFeedView, PersoonlijkeFeedView, _ics_response
from .meldingen import OntvangersView
from .vergadering import KalenderView, VergaderingActionView, VergaderingView, VergaderingWijzigenView

__all__ = [
    "AgendaBeheerView",
    "AgendaPdfView",
    "AgendapuntActionView",
    "AgendapuntBewerkenView",
    "AnnulerenView",
    "BesluitView",
    "BijeenkomstBeheerView",
    "BijeenkomstBewerkenView",
    "BijeenkomstNieuwView",
    "BijeenkomstView",
    "BlokBewerkenView",
    "BlokNieuwView",
    "BlokVerwijderenView",
    "DeelnemersCsvView",
    "DocumentView",
    "InschrijvingIcsView",
    "KalenderView",
    "MijnAgendaView",
    "OntvangersView",
    "OpbrengstView",
    "OpbrengstenPdfView",
    "OpbrengstenView",
    "OrgaanFeedView",
    "OverzichtView",
    "PersoonlijkeFeedView",
    "RegioAgendaView",
    "UitnodigingAnnulerenView",
    "UitnodigingView",
    "UitnodigingenView",
    "VergaderingActionView",
    "VergaderingView",
    "VergaderingWijzigenView",
    "VerslagView",
    "WerkdocumentVerwijderenView",
    "WerksessieBewerkenView",
    "WerksessieNieuwView",
    "WerksessieVerwijderenView",
    "_ManageMixin",
    "_OrganiserMixin",
    "_attachment",
    "_focus",
    "_ics_response",
    "_message_from",
    "_vergadering_or_404",
]
