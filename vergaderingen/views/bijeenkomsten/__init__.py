"""The pages of planning days, one module per page family:

- dag: a region's overview, the day's page with registration and cancellation, the overview and the CSV
- beheer: the organiser's screens (the day, blocks, work sessions, working documents)
- uitnodigingen: inviting people, and the invitee's personal page and calendar file
- opbrengsten: a session's output and the day's outputs (page and PDF)
"""

from .beheer import (
    BijeenkomstBeheerView,
    BijeenkomstBewerkenView,
    BijeenkomstNieuwView,
    BlokBewerkenView,
    BlokNieuwView,
    BlokVerwijderenView,
    WerkdocumentVerwijderenView,
    WerksessieBewerkenView,
    WerksessieNieuwView,
    WerksessieVerwijderenView,
)
from .dag import (
    AnnulerenView,
    BijeenkomstView,
    DeelnemersCsvView,
    OverzichtView,
    RegioAgendaView,
    _OrganiserMixin,
)
from .opbrengsten import OpbrengstenPdfView, OpbrengstenView, OpbrengstView
from .uitnodigingen import InschrijvingIcsView, UitnodigingAnnulerenView, UitnodigingenView, UitnodigingView

__all__ = [
    "AnnulerenView",
    "BijeenkomstBeheerView",
    "BijeenkomstBewerkenView",
    "BijeenkomstNieuwView",
    "BijeenkomstView",
    "BlokBewerkenView",
    "BlokNieuwView",
    "BlokVerwijderenView",
    "DeelnemersCsvView",
    "InschrijvingIcsView",
    "OpbrengstView",
    "OpbrengstenPdfView",
    "OpbrengstenView",
    "OverzichtView",
    "RegioAgendaView",
    "UitnodigingAnnulerenView",
    "UitnodigingView",
    "UitnodigingenView",
    "WerkdocumentVerwijderenView",
    "WerksessieBewerkenView",
    "WerksessieNieuwView",
    "WerksessieVerwijderenView",
    "_OrganiserMixin",
]
