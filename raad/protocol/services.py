"""Every write of the information protocol: the secretariat's agreements, and the daily run that sends what is due
to each member council and warns the secretariat of missing input.

An item goes to a council once per period: the log row (`Informatiezending`, unique per agreement, council and
period) and its messages are written in one transaction under a lock on the agreement, and the mail leaves through
the outbox after the commit (`regioportaal.meldingen.send`), retried there. Running the day twice, or again after a
failure, sends nothing twice.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from besturen.models import Rol
from besturen.selectors import current_seats
from besturen.services import regio_scope
from regioportaal.audit import diff, log_action, snapshot
from regioportaal.gebeurtenissen import Algemeen
from regioportaal.links import absolute_url
from regioportaal.meldingen import send

from ..gebeurtenissen import RaadGebeurtenis
from ..models import Informatieafspraak, Informatiezending
from . import inhoud, selectors
from .policies import InformatieafspraakPolicy

VELDEN = ["soort", "frequentie", "dag", "maand", "orgaan", "ontvangers", "begindatum"]


def _check_orgaan(afspraak):
    if afspraak.orgaan_id and afspraak.orgaan.regio_id != afspraak.regio_id:
        raise ValidationError({"orgaan": _("Kies een orgaan van deze regio.")})


def _save(afspraak, door, actie, before=None):
    afspraak.full_clean()
    _check_orgaan(afspraak)
    afspraak.save()
    after = snapshot(afspraak, VELDEN + ["actief"])
    changes = diff(before, after) if before is not None else after
    if before is None or changes:
        log_action(door, actie, afspraak, changes, scope=regio_scope(afspraak.regio))
    return afspraak


@transaction.atomic
def create_afspraak(regio, *, door, **velden):
    """Add an agreement to the region's protocol (whoever manages the region)."""
    InformatieafspraakPolicy().require(door, "manage", regio)
    return _save(Informatieafspraak(regio=regio, **velden), door, Algemeen.AANGEMAAKT)


@transaction.atomic
def update_afspraak(afspraak, *, door, **velden):
    """Change what an agreement sends, when, and to whom; what was sent stays in the log as it was."""
    afspraak = Informatieafspraak.objects.select_for_update().select_related("regio").get(pk=afspraak.pk)
    InformatieafspraakPolicy().require(door, "manage", afspraak.regio)
    before = snapshot(afspraak, VELDEN + ["actief"])
    for naam, waarde in velden.items():
        setattr(afspraak, naam, waarde)
    return _save(afspraak, door, Algemeen.GEWIJZIGD, before)


@transaction.atomic
def set_afspraak_actief(afspraak, actief, *, door):
    """End an agreement (nothing more goes out under it; its log stays) or resume it."""
    afspraak = Informatieafspraak.objects.select_for_update().select_related("regio").get(pk=afspraak.pk)
    InformatieafspraakPolicy().require(door, "manage", afspraak.regio)
    if afspraak.actief != actief:
        afspraak.actief = actief
        afspraak.save(update_fields=["actief"])
        actie = (
            RaadGebeurtenis.INFORMATIEAFSPRAAK_HERVAT
            if actief
            else RaadGebeurtenis.INFORMATIEAFSPRAAK_BEEINDIGD
        )
        log_action(door, actie, afspraak, {"actief": [not actief, actief]}, scope=regio_scope(afspraak.regio))
    return afspraak


# --- The daily run -------------------------------------------------------------------------------------------------


def _send_zending(afspraak, moment, bestuur, onderwerp, tekst, ontvangers):
    """Log and send one item to one council, once: None when it already went out."""
    with transaction.atomic():
        Informatieafspraak.objects.select_for_update().filter(pk=afspraak.pk).first()
        if Informatiezending.objects.filter(
            afspraak=afspraak, bestuur=bestuur, periode=moment.sleutel
        ).exists():
            return None
        zending = Informatiezending.objects.create(
            afspraak=afspraak,
            bestuur=bestuur,
            periode=moment.sleutel,
            periode_label=moment.label[:200],
            onderwerp=onderwerp,
            inhoud=tekst,
        )
        meldingen = send(
            ontvangers,
            onderwerp,
            tekst,
            sleutel=f"raad:informatie:{afspraak.pk}:{bestuur.pk}:{moment.sleutel}",
            over=zending,
        )
        zending.meldingen.set(meldingen)
        zending.aantal_ontvangers = len(meldingen)
        zending.save(update_fields=["aantal_ontvangers"])
        log_action(
            None,
            RaadGebeurtenis.INFORMATIE_VERZONDEN,
            zending,
            {"bestuur": bestuur, "periode": moment.label, "ontvangers": len(meldingen)},
            scope=regio_scope(afspraak.regio),
        )
        return zending


def send_due(vandaag=None, afspraken=None):
    """Send every item due today or earlier (since its agreement's begindatum) to each current member council that
    has not received it; returns the log rows written. `afspraken` (a queryset) narrows the run to some agreements."""
    vandaag = vandaag or timezone.localdate()
    afspraken = (Informatieafspraak.objects.all() if afspraken is None else afspraken).filter(actief=True)
    afspraken = afspraken.select_related("regio", "orgaan")
    verzonden = []
    for stand in selectors.stand_van(afspraken, vandaag):
        afspraak = stand.afspraak
        raden = selectors.raden_van(afspraak.regio, vandaag)
        for moment in stand.open_momenten(len(raden)):
            gehad = set(
                Informatiezending.objects.filter(afspraak=afspraak, periode=moment.sleutel).values_list(
                    "bestuur", flat=True
                )
            )
            open_raden = [bestuur for bestuur in raden if bestuur.pk not in gehad]
            if not open_raden:
                continue
            data = inhoud.gegevens(afspraak, moment)
            onderwerp = inhoud.onderwerp(afspraak, moment)
            ontvangers = selectors.ontvangers_per_raad(open_raden, afspraak.ontvangers, vandaag)
            for bestuur in open_raden:
                tekst = inhoud.tekst(afspraak, moment, data, bestuur)
                zending = _send_zending(afspraak, moment, bestuur, onderwerp, tekst, ontvangers[bestuur.pk])
                if zending is not None:
                    verzonden.append(zending)
    return verzonden


def _secretariaat(regio, vandaag):
    """The accounts of the region's own secretariat (secretary of one of its bodies): warned of missing input."""
    seats = current_seats(regio=regio, rollen=[Rol.SECRETARIS], day=vandaag, with_account=True)
    return [
        seat.persoon.user for seat in seats.select_related("persoon__user") if seat.persoon.user.is_active
    ]


def warn_missing(vandaag=None):
    """Tell each region's secretariat, once per item, which opgaven have no progress report for an item that goes
    out within a week (or is due); returns the messages created."""
    vandaag = vandaag or timezone.localdate()
    meldingen = []
    afspraken = Informatieafspraak.objects.filter(
        actief=True, soort__in=selectors.OPGAVE_SOORTEN
    ).select_related("regio")
    per_regio = {}
    for afspraak in afspraken:
        per_regio.setdefault(afspraak.regio, []).append(afspraak)
    for regio, lijst in per_regio.items():
        link = absolute_url(reverse("raad:informatieprotocol", kwargs={"slug": regio.slug}))
        for stand in selectors.stand_van(lijst, vandaag, ontbrekend_in=regio):
            for moment, titels in stand.gewaarschuwd:
                tekst = _(
                    "Voor %(soort)s over %(periode)s, te versturen op %(datum)s, ontbreekt nog de "
                    "voortgangsrapportage van:\n%(opgaven)s\n\nHet informatieprotocol: %(link)s"
                ) % {
                    "soort": stand.afspraak.get_soort_display(),
                    "periode": moment.label,
                    "datum": date_format(moment.verzenddatum),
                    "opgaven": "\n".join(f"- {titel}" for titel in titels),
                    "link": link,
                }
                meldingen += send(
                    _secretariaat(regio, vandaag),
                    _("Ontbrekende voortgang: %(regio)s") % {"regio": regio},
                    tekst,
                    sleutel=f"raad:ontbreekt:{stand.afspraak.pk}:{moment.sleutel}",
                )
    return meldingen
