"""Celery tasks of programmas: thin, idempotent, retried. Notifications and reminders go through regioportaal.meldingen."""

import datetime
import logging

from celery import shared_task
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from besturen.selectors import accounts_of, current_seats
from regioportaal.links import absolute_url
from regioportaal.meldingen import notify as melden

from . import services
from .models import Raadsbesluit, Uitkomst, Versie, VersieStatus, Vraag
from .policies import RAADSBESLUIT, VERSIE, VRAAG

logger = logging.getLogger(__name__)


def _leden_van(raden):
    """Everyone with a seat in these councils today (a queryset of bodies): told of every answer."""
    return accounts_of(current_seats(with_account=True).filter(orgaan__in=raden))


def _secretariaat(versie):
    """The region's secretariat: the holders of routing the version (they follow every step of it)."""
    return VERSIE.users("route", versie)


@shared_task
def notify(soort, versie_id, obj_id=None):
    """Tell the right people about a step in the programme cycle."""
    versie = Versie.objects.select_related("jaarprogramma__regio").get(pk=versie_id)
    link = absolute_url(versie.get_absolute_url())
    if soort == "ingediend":
        melden(
            _secretariaat(versie),
            _("Ingediend: %s") % versie,
            _("De versie is ingediend bij het bestuur.\n%s") % link,
        )
    elif soort == "vastgesteld":
        melden(
            _secretariaat(versie),
            _("Vastgesteld: %s") % versie,
            _("Het bestuur stelde de versie vast.\n%s") % link,
        )
    elif soort == "voorgelegd":
        for besluit in versie.raadsbesluiten.select_related("raad", "bestuur"):
            if besluit.raad_id:
                melden(
                    RAADSBESLUIT.users("record", besluit),
                    _("Voorgelegd aan uw raad: %s") % versie,
                    _("Leg het besluit van %(bestuur)s vast vóór %(deadline)s:\n%(link)s")
                    % {
                        "bestuur": besluit.bestuur,
                        "deadline": besluit.deadline.strftime("%d-%m-%Y"),
                        "link": absolute_url(besluit.get_absolute_url()),
                    },
                    sleutel=f"voorgelegd:{besluit.pk}",
                )
    elif soort == "besluit":
        besluit = Raadsbesluit.objects.select_related("bestuur").get(pk=obj_id)
        melden(
            _secretariaat(versie),
            _("Besluit van %(bestuur)s: %(uitkomst)s")
            % {"bestuur": besluit.bestuur, "uitkomst": besluit.get_uitkomst_display()},
            link,
        )
    elif soort == "vraag":
        vraag = Vraag.objects.select_related("bestuur").get(pk=obj_id)
        melden(
            VRAAG.users("answer", vraag),
            _("Nieuwe vraag over %s") % versie,
            _("Namens %(bestuur)s:\n%(tekst)s\n\nBeantwoorden: %(link)s")
            % {
                "bestuur": vraag.bestuur,
                "tekst": vraag.tekst,
                "link": absolute_url(reverse("programmas:vragen", kwargs={"pk": versie.pk})),
            },
            sleutel=f"vraag:{vraag.pk}",
        )
    elif soort == "zienswijze_beantwoord":
        besluit = Raadsbesluit.objects.select_related("bestuur").get(pk=obj_id)
        raden = versie.raadsbesluiten.exclude(raad=None).values("raad")
        melden(
            _leden_van(raden),
            _("Antwoord op de zienswijze van %(bestuur)s: %(versie)s")
            % {"bestuur": besluit.bestuur, "versie": versie},
            f"{besluit.antwoord}\n{link}",
            sleutel=f"zienswijze-antwoord:{besluit.pk}:{besluit.antwoord_op}",
        )
    elif soort == "beantwoord":
        vraag = Vraag.objects.get(pk=obj_id)
        raden = versie.raadsbesluiten.exclude(raad=None).values("raad")
        melden(
            _leden_van(raden),
            _("Vraag beantwoord: %s") % versie,
            f"{vraag.tekst}\n\n{vraag.antwoord}\n{link}",
        )


@shared_task
def send_reminders(today=None):
    """Remind council secretaries 14 and 3 days before their deadline when nothing is recorded (once per deadline)."""
    today = today or timezone.localdate()
    sent = 0
    for dagen in (14, 3):
        besluiten = Raadsbesluit.objects.filter(
            uitkomst__in=[Uitkomst.OPEN, Uitkomst.UITGESTELD],
            deadline=today + datetime.timedelta(days=dagen),
            raad__isnull=False,
            versie__status=VersieStatus.VOORGELEGD,
            versie__teruggestuurd_op__isnull=True,
            versie__vervangen_door__isnull=True,
        ).select_related("versie__jaarprogramma__regio", "bestuur", "raad")
        for besluit in besluiten:
            sent += len(
                melden(
                    RAADSBESLUIT.users("record", besluit),
                    _("Nog %(dagen)d dagen: besluit over %(versie)s")
                    % {"dagen": dagen, "versie": besluit.versie},
                    _(
                        "De raad van %(bestuur)s heeft nog geen besluit vastgelegd. Uiterste datum: %(deadline)s.\n%(link)s"
                    )
                    % {
                        "bestuur": besluit.bestuur,
                        "deadline": besluit.deadline.strftime("%d-%m-%Y"),
                        "link": absolute_url(besluit.get_absolute_url()),
                    },
                    sleutel=f"herinnering:{besluit.pk}:{besluit.deadline.isoformat()}:{dagen}",
                )
            )
    return sent


@shared_task(bind=True, autoretry_for=(OSError,), retry_backoff=10, max_retries=3)
def make_reviewpakket(self, pakket_id):
    """Make one member's review packet; a retry overwrites the same record and file."""
    try:
        services.build_reviewpakket(pakket_id)
    except OSError:
        if self.request.retries >= self.max_retries:
            services.fail_reviewpakket(pakket_id, _("Het pakket kon niet worden opgeslagen."))
        raise
    except Exception as exc:
        logger.exception("Reviewpakket %s mislukt", pakket_id)
        services.fail_reviewpakket(pakket_id, exc)
