"""The waiting list of a work session: free seats go to the first who asked, each told by mail."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from besturen.services import regio_scope
from regioportaal.audit import log_action

from ... import workflow
from ...models import KeuzeStatus
from .berichten import send_opgeschoven_mail


def _bevestigd(werksessie):
    return werksessie.keuzes.filter(status=KeuzeStatus.BEVESTIGD).count()


def _set_keuze_status(keuze, naar):
    """The one guard on a session choice's status (`workflow.SESSIEKEUZE_TRANSITIONS`)."""
    if not workflow.allowed(keuze.status, naar, workflow.SESSIEKEUZE_TRANSITIONS):
        raise ValidationError(
            _("Een sessiekeuze met status ‘%(van)s’ kan niet naar ‘%(naar)s’.")
            % {"van": KeuzeStatus(keuze.status).label, "naar": KeuzeStatus(naar).label},
            code="overgang",
        )
    keuze.status = naar
    keuze.save(update_fields=["status"])


def _fill_from_wachtlijst(sessie, door):
    """Give free seats of a (locked) session to its waiting list, first come first served; mail each."""
    vrij = sessie.capaciteit - _bevestigd(sessie)
    if vrij <= 0:
        return []
    wachtenden = list(
        sessie.keuzes.filter(status=KeuzeStatus.WACHTLIJST)
        .select_related("inschrijving__user", "inschrijving__uitnodiging", "inschrijving__bijeenkomst")
        .order_by("tijdstip", "pk")[:vrij]
    )
    for keuze in wachtenden:
        _set_keuze_status(keuze, KeuzeStatus.BEVESTIGD)
        log_action(
            door,
            "van wachtlijst opgeschoven",
            keuze.inschrijving,
            {"sessie": sessie.thema},
            "",
            regio_scope(sessie.blok.bijeenkomst.regio),
        )
        keuze.werksessie = sessie
        send_opgeschoven_mail(keuze)
    return wachtenden
